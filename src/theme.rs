//! Stage 1, beside [`crate::content`]: the theme as read, as plain data. `themes/default` of the
//! site when it has one, else the copy built into the binary. Nothing here parses a template:
//! [`crate::render`] compiles them, and [`crate::linkcheck`] searches their texts.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics, Location, display_path};
use crate::i18n::{Lang, Languages};

/// The theme a site uses; the only one there is.
pub const THEME: &str = "default";

/// UI strings of one language, from the theme's `i18n/<lang>.yaml`.
pub type Strings = BTreeMap<String, String>;

/// The UI strings of one file of a theme, and the file as errors show it.
#[derive(Debug, Clone, PartialEq)]
pub struct StringsFile {
    pub file: PathBuf,
    pub strings: Strings,
}

/// A theme as read: its templates, its UI strings per language and its static files.
#[derive(Debug, Clone)]
pub struct Theme {
    /// Below `templates/`, in the order of their paths.
    pub templates: Vec<Template>,
    /// The UI strings of each file of `i18n/`, by the language key of its name (`zh`, `en`,
    /// `zh-hant`, in lower case). Which a page uses is configuration: see [`strings_for`].
    pub strings: BTreeMap<String, StringsFile>,
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
/// it has no UI strings at all.
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

/// Every `i18n/<lang>.yaml` that parses; a file that does not is reported and left out.
fn load_strings(
    files: &BTreeMap<String, ThemeFile>,
    diagnostics: &mut Diagnostics,
) -> Option<BTreeMap<String, StringsFile>> {
    let mut strings = BTreeMap::new();
    for (name, file) in files {
        let Some(key) = name.strip_suffix(".yaml").or_else(|| name.strip_suffix(".yml")) else { continue };
        let text = String::from_utf8_lossy(&file.bytes);
        match crate::yaml::parse::<Strings>(&text, &file.shown) {
            Ok(map) => {
                strings.insert(key.to_ascii_lowercase(), StringsFile { file: file.shown.clone(), strings: map });
            }
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    if strings.is_empty() {
        diagnostics.push(
            Diagnostic::global("the theme has no UI strings in `i18n/`")
                .with_hint("add `i18n/<language>.yaml` for each language of the site, e.g. `i18n/zh.yaml`"),
        );
        return None;
    }
    Some(strings)
}

/// The UI strings of `lang`, every key present: its own file's, then, key by key, those of the
/// languages of its fallback chain, then those of any other file of the theme, so that no page
/// ever shows a raw key. A generated language has the strings of the language it is made from
/// (its pages are converted as a whole after rendering, see `crate::hant`). Also returns the keys
/// that came from another language's file.
pub fn strings_for(files: &BTreeMap<String, StringsFile>, lang: Lang) -> (Strings, Vec<String>) {
    let (mut strings, mut borrowed) = chain_strings(files, lang);
    for file in files.values() {
        fill(&mut strings, &file.strings, &mut borrowed);
    }
    borrowed.sort();
    (strings, borrowed)
}

/// The strings of `lang` from the files of its chain alone, and the keys it borrowed: what its
/// pages read as long as the theme's default-language file is complete (a key missing there too
/// is a warning; `serve` does not re-render a page for an edit of a file outside its chain).
pub fn chain_strings(files: &BTreeMap<String, StringsFile>, lang: Lang) -> (Strings, Vec<String>) {
    let source = lang.source();
    let mut strings = Strings::new();
    let mut borrowed = Vec::new();
    for (index, step) in source.language().chain.iter().enumerate() {
        // `fr-ca` reads `fr.yaml` when the theme has no file of its own for it.
        let primary = step.key.split('-').next().unwrap_or_default();
        if let Some(file) = files.get(&step.key).or_else(|| files.get(primary)) {
            match index {
                0 => strings = file.strings.clone(),
                _ => fill(&mut strings, &file.strings, &mut borrowed),
            }
        }
    }
    (strings, borrowed)
}

/// Adds the keys of `from` that `strings` lacks, noting each.
fn fill(strings: &mut Strings, from: &Strings, borrowed: &mut Vec<String>) {
    for (key, value) in from {
        if !strings.contains_key(key) {
            strings.insert(key.clone(), value.clone());
            borrowed.push(key.clone());
        }
    }
}

/// Warns about each written language of the site whose UI strings are missing from the theme,
/// as a whole or key by key; the pages use another language's strings (see [`strings_for`]).
pub fn check_strings(files: &BTreeMap<String, StringsFile>, languages: &Languages, diagnostics: &mut Diagnostics) {
    for lang in languages.written() {
        let (_, borrowed) = strings_for(files, lang);
        let Some(own) = files.get(lang.code()) else {
            let used = lang.language().chain.iter().find_map(|step| files.get_key_value(&step.key)).map(|(k, _)| k);
            let used = used.or_else(|| files.keys().next()).map_or(String::new(), |k| format!(" the `{k}` strings"));
            let folder = files.values().next().and_then(|f| f.file.parent()).map(Path::to_path_buf).unwrap_or_default();
            diagnostics.push(
                Diagnostic::warning(
                    Location::file(folder),
                    format!("the theme has no `i18n/{}.yaml`: the `{}` pages use{used}", lang.code(), lang.code()),
                )
                .with_hint(format!("translate the theme's strings into `i18n/{}.yaml`", lang.code())),
            );
            continue;
        };
        for key in borrowed {
            diagnostics.push(
                Diagnostic::warning(
                    Location::file(&own.file),
                    format!("the `{}` string `{key}` is missing; another language's is used", lang.code()),
                )
                .with_hint(format!("add `{key}: …` to the `{}` strings", lang.code())),
            );
        }
    }
}
