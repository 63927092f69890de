# Tags kept in a folder of the site outside content/ and linked in: a link that stays inside the site is followed.
mkdir shared
mv content/tags/tags.yaml shared/tags.yaml
ln -s ../../shared/tags.yaml content/tags/tags.yaml
