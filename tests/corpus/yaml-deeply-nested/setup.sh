# 100 000 nested flow sequences: the parser must refuse them without exhausting the stack.
{ printf 'id: deep\nplan: test-plan\ngoal: quality\nname: {zh: '; head -c 100000 /dev/zero | tr '\0' '['; echo; } > content/indicators/deep.yaml
