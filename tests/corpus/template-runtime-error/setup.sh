cp -r "$REPO/themes" .
sed -i 's/{{ t.not_found_text }}/{{ nothing.here }}/' themes/default/templates/404.html
