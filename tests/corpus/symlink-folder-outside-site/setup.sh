# A whole folder of schools linked in from outside the site.
ln -s "$REPO/tests/corpus/symlink-folder-outside-site/outside" content/schools/shared
