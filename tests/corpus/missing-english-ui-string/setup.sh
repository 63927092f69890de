cp -r "$REPO/themes" .
sed -i '/^not_found_text:/d' themes/default/i18n/en.yaml
