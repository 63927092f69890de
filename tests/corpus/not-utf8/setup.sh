printf 'id: gbk-school\nname: {zh: \xb2\xe2\xca\xd4}\n' > content/schools/gbk.yaml
