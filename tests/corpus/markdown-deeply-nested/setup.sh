# 20 000 nested quotes and 20 000 unclosed <div>s: nesting is flattened (raw HTML shown as text) so the
# HTML parser under the sanitiser does not take time squared.
{ echo; head -c 20000 /dev/zero | tr '\0' '>'; echo ' 引文'; } >> content/showcases/pairing-story.zh.md
{ echo; for i in $(seq 20000); do printf '<div>'; done; echo '内容'; } >> content/showcases/older-story.zh.md
