cp -r "$REPO/themes" .
sed -i 's/{% endfor %}//' themes/default/templates/tags.html
