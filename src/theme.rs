//! Stage 1, beside [`crate::content`]: the theme as read, as plain data. `themes/default` of the
//! site when it has one, else the copy built into the binary. Nothing here parses a template:
//! [`crate::render`] compiles them, and [`crate::linkcheck`] searches their texts.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics, Location, display_path};
use crate::i18n::Lang;

/// The theme a site uses; the only one there is.
pub const THEME: &str = "default";

/// UI strings of one language, from the theme's `i18n/<lang>.yaml`.
pub type Strings = BTreeMap<String, String>;

/// A theme as read: its templates, its UI strings per language and its static files.
#[derive(Debug, Clone)]
pub struct Theme {
    /// Below `templates/`, in the order of their paths.
    pub templates: Vec<Template>,
    /// Every language has every key: English falls back to Chinese key by key, and a generated
    /// language has the strings of the language it is made from.
    pub strings: BTreeMap<Lang, Strings>,
    /// Below `static/`: the name below it and the bytes, in the order of their paths.
    pub static_files: Vec<(String, Vec<u8>)>,
}

/// One template of a theme.
#[derive(Debug, Clone)]
pub struct Template {
    /// The name templates use for it (`base.html`, `partials/nav.html`).
    pub name: String,
    /// The file as errors show it (`themes/default/templates/base.html`, `<built-in theme>/…`).
    pub file: PathBuf,
    pub text: String,
}

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_theme.rs"));
}

/// The default theme as built into the binary: path below the theme folder, contents.
pub fn embedded_theme() -> &'static [(&'static str, &'static [u8])] {
    embedded::FILES
}

/// One file of a theme: its path below the theme folder, the path shown in errors, its bytes.
struct ThemeFile {
    relative: String,
    shown: PathBuf,
    bytes: Vec<u8>,
}

/// Reads `themes/default` from the site, or the built-in copy when the site has none; `None` when
/// its UI strings are missing or unreadable.
pub fn load(root: &Path, diagnostics: &mut Diagnostics) -> Option<Theme> {
    let theme_dir = root.join("themes").join(THEME);
    let files = if theme_dir.is_dir() { read_theme_dir(&theme_dir, root, diagnostics) } else { built_in() };
    let mut templates = Vec::new();
    let mut strings_files = BTreeMap::new();
    let mut static_files = Vec::new();
    for file in files {
        if let Some(name) = file.relative.strip_prefix("templates/") {
            match String::from_utf8(file.bytes) {
                Ok(text) => templates.push(Template { name: name.to_string(), file: file.shown, text }),
                Err(_) => {
                    diagnostics.push(Diagnostic::error(Location::file(file.shown), "the template is not valid UTF-8"))
                }
            }
        } else if let Some(name) = file.relative.strip_prefix("i18n/") {
            strings_files.insert(name.to_string(), file);
        } else if let Some(name) = file.relative.strip_prefix("static/") {
            static_files.push((name.to_string(), file.bytes));
        }
    }
    let strings = load_strings(&strings_files, diagnostics)?;
    Some(Theme { templates, strings, static_files })
}

fn built_in() -> Vec<ThemeFile> {
    embedded_theme()
        .iter()
        .map(|(relative, bytes)| ThemeFile {
            relative: relative.to_string(),
            shown: PathBuf::from(format!("<built-in theme>/{relative}")),
            bytes: bytes.to_vec(),
        })
        .collect()
}

/// Every file below the theme folder, in path order. A link that leads out of the site is refused,
/// as in `content/`, so a theme cannot publish files from elsewhere on the machine.
fn read_theme_dir(theme_dir: &Path, root: &Path, diagnostics: &mut Diagnostics) -> Vec<ThemeFile> {
    let mut files = Vec::new();
    let site = crate::content::symlinks::SiteFolder::new(root);
    let mut entries = walkdir::WalkDir::new(theme_dir).follow_links(true).sort_by_file_name().into_iter();
    while let Some(entry) = entries.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let shown = error.path().map(|p| display_path(root, p)).unwrap_or_default();
                diagnostics.push(Diagnostic::error(Location::file(shown), format!("cannot read: {error}")));
                continue;
            }
        };
        if let Some(refused) = site.link_leaving(&entry) {
            diagnostics.push(refused);
            if entry.file_type().is_dir() {
                entries.skip_current_dir();
            }
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let relative =
            entry.path().strip_prefix(theme_dir).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
        let shown = display_path(root, entry.path());
        match std::fs::read(entry.path()) {
            Ok(bytes) => files.push(ThemeFile { relative, shown, bytes }),
            Err(error) => diagnostics.push(Diagnostic::error(Location::file(shown), format!("cannot read: {error}"))),
        }
    }
    files
}

/// UI strings: Chinese is complete by definition; English falls back to Chinese key by key (with a
/// warning), so no page ever shows a raw key.
fn load_strings(files: &BTreeMap<String, ThemeFile>, diagnostics: &mut Diagnostics) -> Option<BTreeMap<Lang, Strings>> {
    let mut strings = BTreeMap::new();
    for lang in Lang::WRITTEN {
        let name = format!("{}.yaml", lang.code());
        let Some(file) = files.get(&name) else {
            diagnostics
                .push(Diagnostic::global(format!("the theme has no `i18n/{name}` with its {} strings", lang.code())));
            return None;
        };
        let text = String::from_utf8_lossy(&file.bytes);
        match crate::yaml::parse::<Strings>(&text, &file.shown) {
            Ok(map) => {
                strings.insert(lang, map);
            }
            Err(diagnostic) => {
                diagnostics.push(diagnostic);
                return None;
            }
        }
    }
    let zh = strings[&Lang::Zh].clone();
    let en_file = &files[&format!("{}.yaml", Lang::En.code())].shown;
    let en = strings.get_mut(&Lang::En)?;
    for (key, value) in &zh {
        if !en.contains_key(key) {
            diagnostics.push(
                Diagnostic::warning(
                    Location::file(en_file),
                    format!("the English string `{key}` is missing; the Chinese one is used"),
                )
                .with_hint(format!("add `{key}: …` to the English strings")),
            );
            en.insert(key.clone(), value.clone());
        }
    }
    // Generated languages use the strings of the language they are made from; their pages are
    // converted as a whole after rendering (see `crate::hant`).
    for lang in Lang::ALL.into_iter().filter(|l| l.source() != *l) {
        let source = strings[&lang.source()].clone();
        strings.insert(lang, source);
    }
    Some(strings)
}
