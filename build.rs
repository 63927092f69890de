//! Embeds `themes/default` in the binary, so a site without its own theme folder still builds and
//! `gongkai init` can write the theme out. The file list is generated, so it cannot drift.

use std::fmt::Write;
use std::path::Path;

fn main() {
    // Read at run time: a build script compiled for another checkout (a shared target folder) must
    // still embed this checkout's theme.
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").unwrap();
    let theme = Path::new(&manifest_dir).join("themes/default");
    println!("cargo:rerun-if-changed=themes/default");
    let mut files = Vec::new();
    collect(&theme, &theme, &mut files);
    files.sort();
    let mut code = String::from("/// The default theme's files: path below the theme folder, contents.\n");
    code.push_str("pub const FILES: &[(&str, &[u8])] = &[\n");
    for (relative, absolute) in files {
        writeln!(code, "    ({relative:?}, include_bytes!({absolute:?})),").unwrap();
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("embedded_theme.rs");
    std::fs::write(out, code).unwrap();
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        println!("cargo:rerun-if-changed={}", path.display());
        if path.is_dir() {
            collect(root, &path, files);
        } else {
            let relative = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            files.push((relative, path.to_string_lossy().into_owned()));
        }
    }
}
