cp -r "$REPO/themes" .
sed -i 's/{{ t.not_found_text }}/{{ t.not_found_text | nosuchfilter }}/' themes/default/templates/404.html
