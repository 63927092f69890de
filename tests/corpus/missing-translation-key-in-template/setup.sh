cp -r "$REPO/themes" .
sed -i 's/{{ t.not_found_text }}/{{ t.no_such_string }}/' themes/default/templates/404.html
