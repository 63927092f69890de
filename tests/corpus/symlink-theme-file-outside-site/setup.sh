# A theme's static file linked to a file outside the site would be published (and served) with the theme.
cp -r "$REPO/themes" .
ln -s "$REPO/Cargo.toml" themes/default/static/notes.txt
