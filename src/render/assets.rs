//! Static files get a content hash in their names (`static/style.3f2a9c1b.css`), so a browser or
//! proxy that caches them for a year still fetches the new file after a release: a changed file has
//! a new name. Templates find the current name through `site.assets["style.css"]`.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

/// The theme's static files under their fingerprinted names, and the map from each plain name
/// (below `static/`) to its fingerprinted path (below the site root).
pub struct Assets {
    pub files: Vec<(String, Vec<u8>)>,
    pub names: BTreeMap<String, String>,
}

/// Fingerprints `(name below static/, bytes)` pairs. The hash depends only on the bytes, so the
/// names are the same on every build of the same theme.
pub fn fingerprint(files: Vec<(String, Vec<u8>)>) -> Assets {
    let mut names = BTreeMap::new();
    let mut hashed = Vec::with_capacity(files.len());
    for (name, bytes) in files {
        let path = format!("static/{}", hashed_name(&name, &bytes));
        names.insert(name, path.clone());
        hashed.push((path, bytes));
    }
    Assets { files: hashed, names }
}

/// `fonts/a.woff2` → `fonts/a.<8 hex digits>.woff2`; a name without an extension gets the hash
/// appended.
fn hashed_name(name: &str, bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hash: String = digest[..4].iter().map(|b| format!("{b:02x}")).collect();
    let file_start = name.rfind('/').map_or(0, |i| i + 1);
    match name[file_start..].rfind('.').filter(|dot| *dot > 0) {
        Some(dot) => {
            let dot = file_start + dot;
            format!("{}.{hash}{}", &name[..dot], &name[dot..])
        }
        None => format!("{name}.{hash}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_goes_before_the_extension_and_follows_the_content() {
        let a = hashed_name("style.css", b"body{}");
        assert!(a.starts_with("style.") && a.ends_with(".css") && a.len() == "style..css".len() + 8, "{a}");
        assert_eq!(a, hashed_name("style.css", b"body{}"));
        assert_ne!(a, hashed_name("style.css", b"body{color:red}"));
        assert!(hashed_name("fonts/x.y/font", b"").starts_with("fonts/x.y/font."));
        assert!(hashed_name(".well-known", b"").starts_with(".well-known."));
    }
}
