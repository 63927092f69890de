# Windows Notepad's "Unicode" is UTF-16 with a byte-order mark.
iconv -f UTF-8 -t UTF-16 content/tags/tags.yaml > content/tags/tags16.yaml
rm content/tags/tags.yaml
