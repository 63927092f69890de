# A school file linked in from outside the site: followed, it would publish a file the site does not hold.
ln -s "$REPO/tests/corpus/symlink-file-outside-site/outside/extra.yaml" content/schools/extra.yaml
