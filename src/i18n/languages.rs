//! `languages:` in `gongkai.yaml`: the languages of a site, as written ([`LanguageEntry`]) and
//! checked ([`Languages`]).
//!
//! ```yaml
//! languages:
//!   - zh                                  # a tag alone: a written language
//!   - en
//!   - {tag: zh-Hant, from: zh, convert: s2t}   # generated: converted from zh by OpenCC
//!   - tag: ug
//!     name: ئۇيغۇرچە                     # its name in itself, for the language switcher
//!     folder: ug                          # below the site root (the tag in lower case)
//!     direction: rtl                      # inferred from the script when left out
//!     fallback: [zh]                      # where a missing text is taken from (the default last)
//! ```

use std::path::Path;

use icu_locale::{LanguageIdentifier, LocaleDirectionality};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use super::{ChainStep, Conversion, Direction, Lang, Language, TextKeys};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::yaml::Spanned;

/// A language as `gongkai.yaml` lists it: a tag alone (`en`) or a map with its details.
#[derive(Debug, Clone, PartialEq)]
pub enum LanguageEntry {
    Tag(String),
    Detailed(LanguageFile),
}

/// The details of a language; only `tag` is required.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageFile {
    pub tag: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub folder: Option<Spanned<String>>,
    #[serde(default)]
    pub direction: Option<Direction>,
    #[serde(default)]
    pub fallback: Vec<Spanned<String>>,
    #[serde(default)]
    pub from: Option<Spanned<String>>,
    #[serde(default)]
    pub convert: Option<Conversion>,
}

impl<'de> Deserialize<'de> for LanguageEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntryVisitor;
        impl<'de> Visitor<'de> for EntryVisitor {
            type Value = LanguageEntry;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a language tag such as `en`, or a map with `tag:` and its details")
            }
            fn visit_str<E: de::Error>(self, tag: &str) -> Result<LanguageEntry, E> {
                Ok(LanguageEntry::Tag(tag.to_string()))
            }
            fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<LanguageEntry, M::Error> {
                LanguageFile::deserialize(de::value::MapAccessDeserializer::new(map)).map(LanguageEntry::Detailed)
            }
        }
        deserializer.deserialize_any(EntryVisitor)
    }
}

impl LanguageEntry {
    pub fn tag(&self) -> &str {
        match self {
            LanguageEntry::Tag(tag) => tag,
            LanguageEntry::Detailed(file) => &file.tag,
        }
    }

    /// The key of the language's texts and files: its tag, canonical and in lower case.
    pub fn key(&self) -> String {
        key_of(self.tag())
    }

    fn file(&self) -> Option<&LanguageFile> {
        match self {
            LanguageEntry::Tag(_) => None,
            LanguageEntry::Detailed(file) => Some(file),
        }
    }
}

fn key_of(tag: &str) -> String {
    match LanguageIdentifier::try_from_str(tag.trim()) {
        Ok(id) => id.to_string().to_ascii_lowercase(),
        Err(_) => tag.trim().to_ascii_lowercase(),
    }
}

/// The languages of a site, in the order of the config: the first is the default, at `/`.
#[derive(Debug, Clone, PartialEq)]
pub struct Languages {
    all: Vec<Lang>,
}

impl std::ops::Deref for Languages {
    type Target = [Lang];
    fn deref(&self) -> &[Lang] {
        &self.all
    }
}

impl<'a> IntoIterator for &'a Languages {
    type Item = &'a Lang;
    type IntoIter = std::slice::Iter<'a, Lang>;
    fn into_iter(self) -> Self::IntoIter {
        self.all.iter()
    }
}

impl Languages {
    /// The default language, published at the site root.
    pub fn default_lang(&self) -> Lang {
        self.all[0]
    }

    /// The languages whose texts are written in the content.
    pub fn written(&self) -> impl Iterator<Item = Lang> + '_ {
        self.all.iter().copied().filter(|lang| !lang.is_generated())
    }

    /// The language whose key is `key`, in any letter case.
    pub fn find(&self, key: &str) -> Option<Lang> {
        self.all.iter().copied().find(|lang| lang.code().eq_ignore_ascii_case(key))
    }

    /// The languages of a list of tags, for tests and tools; panics on a list that does not check.
    pub fn from_tags(tags: &[&str]) -> Languages {
        let entries = tags.iter().map(|tag| spanned(LanguageEntry::Tag(tag.to_string()))).collect();
        let mut diagnostics = Diagnostics::new();
        let languages = validate(&spanned(entries), Path::new("gongkai.yaml"), &[], &mut diagnostics);
        assert!(!diagnostics.has_errors(), "{:?}", diagnostics);
        languages.expect("a valid list of languages")
    }

    /// Checks the language keys of the texts of `file`: each must be a written language of the
    /// site, and each text needs the default language.
    pub fn check_texts(&self, texts: &[TextKeys], file: &Path, diagnostics: &mut Diagnostics) {
        let default = self.default_lang();
        for text in texts {
            for (key, written) in &text.keys {
                let location = written.location(file);
                match self.find(key) {
                    Some(lang) if lang.is_generated() => diagnostics.push(
                        Diagnostic::error(location, format!("`{}` is generated, not written", written.value))
                            .with_hint(format!(
                                "its text is converted from `{}`: write the text there",
                                lang.source().code()
                            )),
                    ),
                    Some(_) => {}
                    None => diagnostics.push(self.unknown(&written.value, location)),
                }
            }
            if !text.keys.iter().any(|(key, _)| key == default.code()) {
                diagnostics.push(
                    Diagnostic::error(
                        Location::new(file, text.line, text.column),
                        format!("missing field `{}`", default.code()),
                    )
                    .with_hint(format!(
                        "every text needs `{}`, the site's default language; the other languages are optional",
                        default.code()
                    )),
                );
            }
        }
    }

    /// The error for a language key that is not one of the site's languages.
    pub fn unknown(&self, key: &str, location: Location) -> Diagnostic {
        let keys: Vec<&str> = self.written().map(Lang::code).collect();
        let listed = keys.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
        let hint = match crate::suggest::closest_code(key, keys.iter().copied()) {
            Some(best) => format!("did you mean `{best}`? The site's languages are {listed}"),
            None => {
                format!("the site's languages are {listed}; add `{key}` to `languages:` in gongkai.yaml to publish it")
            }
        };
        Diagnostic::error(location, format!("unknown language `{key}`")).with_hint(hint)
    }
}

fn spanned<T>(value: T) -> Spanned<T> {
    Spanned { value, line: 1, column: 1 }
}

/// One entry as checked, before it becomes a [`Language`].
struct Checked<'a> {
    entry: &'a Spanned<LanguageEntry>,
    id: LanguageIdentifier,
    key: String,
    generated: Option<(String, Conversion)>,
}

/// Checks `languages:` and makes the site's [`Languages`]; `reserved` are folder names the site
/// uses for other things (sections, reading modes). `None` when the list is unusable.
pub fn validate(
    list: &Spanned<Vec<Spanned<LanguageEntry>>>,
    path: &Path,
    reserved: &[&str],
    diagnostics: &mut Diagnostics,
) -> Option<Languages> {
    if list.value.is_empty() {
        diagnostics.push(
            Diagnostic::error(list.location(path), "the site needs at least one language")
                .with_hint("list the languages, the default first, e.g. `languages: [zh, en]`"),
        );
        return None;
    }
    let errors_before = diagnostics.error_count();
    let mut checked: Vec<Checked> = Vec::new();
    for entry in &list.value {
        let tag = entry.value.tag().trim();
        let Ok(id) = LanguageIdentifier::try_from_str(tag) else {
            diagnostics.push(
                Diagnostic::error(entry.location(path), format!("`{tag}` is not a BCP 47 language tag"))
                    .with_hint("write a tag such as `zh`, `en`, `fr`, `ug` or `zh-Hant`"),
            );
            continue;
        };
        let key = id.to_string().to_ascii_lowercase();
        if checked.iter().any(|c| c.key == key) {
            diagnostics.push(Diagnostic::error(entry.location(path), format!("`{tag}` is listed twice")));
            continue;
        }
        checked.push(Checked { entry, id, key, generated: None });
    }
    for index in 0..checked.len() {
        checked[index].generated = generation(&checked, index, path, diagnostics);
    }
    if let Some(first) = checked.first().filter(|first| first.generated.is_some()) {
        diagnostics.push(
            Diagnostic::error(first.entry.location(path), "the first language, the default, cannot be generated")
                .with_hint("list a written language first: its pages are published at the site root"),
        );
    }
    let folders = folders(&checked, path, reserved, diagnostics);
    if diagnostics.error_count() > errors_before || checked.is_empty() {
        return None;
    }
    let chains: Vec<Vec<ChainStep>> = (0..checked.len()).map(|i| chain(&checked, i, path, diagnostics)).collect();
    let directions = LocaleDirectionality::new_extended();
    let mut made: Vec<Option<Lang>> = vec![None; checked.len()];
    // Written languages first: a generated one names the language it is made from.
    let order = (0..checked.len())
        .filter(|i| checked[*i].generated.is_none())
        .chain((0..checked.len()).filter(|i| checked[*i].generated.is_some()));
    for index in order.collect::<Vec<_>>() {
        let item = &checked[index];
        let file = item.entry.value.file();
        let generated = item.generated.as_ref().map(|(from, conversion)| {
            let source = checked.iter().position(|c| &c.key == from).and_then(|i| made[i]);
            (source.expect("a written language is made before the languages generated from it"), *conversion)
        });
        let inferred = if directions.is_right_to_left(&item.id) { Direction::Rtl } else { Direction::Ltr };
        made[index] = Some(Lang::intern(Language {
            key: item.key.clone(),
            tag: html_tag(&item.id),
            folder: folders[index].clone(),
            name: file.and_then(|f| f.name.clone()).filter(|name| !name.trim().is_empty()),
            direction: file.and_then(|f| f.direction).unwrap_or(inferred),
            position: index,
            chain: chains[index].clone(),
            generated,
        }));
    }
    Some(Languages { all: made.into_iter().map(|lang| lang.expect("every language is made")).collect() })
}

/// The tag of `lang` attributes: the canonical tag, with the script made explicit for Chinese
/// written without one (`zh` → `zh-Hans`), so that a page and its 繁體 edition are told apart.
fn html_tag(id: &LanguageIdentifier) -> String {
    if id.language.as_str() == "zh" && id.script.is_none() && id.region.is_none() && id.variants.is_empty() {
        "zh-Hans".to_string()
    } else {
        id.to_string()
    }
}

/// Whether entry `index` is generated, and from what. The list form of earlier versions,
/// `[zh, en, zh-hant]`, stays what it meant: `zh-hant` next to a written `zh` is made from it with
/// OpenCC's `s2t`.
fn generation(
    checked: &[Checked],
    index: usize,
    path: &Path,
    diagnostics: &mut Diagnostics,
) -> Option<(String, Conversion)> {
    let item = &checked[index];
    let written =
        |key: &str| checked.iter().any(|c| c.key == key && c.entry.value.file().is_none_or(|f| f.from.is_none()));
    let Some(file) = item.entry.value.file() else {
        let hant = item.id.language.as_str() == "zh"
            && item.id.script.is_some_and(|s| s.as_str() == "Hant")
            && item.id.region.is_none();
        return (hant && written("zh")).then(|| ("zh".to_string(), Conversion::S2t));
    };
    match (&file.from, file.convert) {
        (None, None) => None,
        (Some(from), None) => {
            diagnostics.push(Diagnostic::error(from.location(path), "a generated language needs `convert`").with_hint(
                "name the OpenCC conversion: `convert: s2t` (Traditional), `s2hk` (Hong Kong) or `s2tw` (Taiwan)",
            ));
            None
        }
        (None, Some(_)) => {
            diagnostics.push(
                Diagnostic::error(item.entry.location(path), "`convert` needs `from`, the language to convert")
                    .with_hint("e.g. `{tag: zh-Hant, from: zh, convert: s2t}`"),
            );
            None
        }
        (Some(from), Some(conversion)) => {
            let key = key_of(&from.value);
            let source = checked.iter().find(|c| c.key == key);
            match source {
                Some(source)
                    if source.key == item.key || source.entry.value.file().is_some_and(|f| f.from.is_some()) =>
                {
                    diagnostics.push(
                        Diagnostic::error(from.location(path), format!("`{}` is not a written language", from.value))
                            .with_hint("a generated language is made from a language whose texts are written"),
                    );
                    None
                }
                Some(source) if source.id.language.as_str() != "zh" => {
                    diagnostics.push(
                        Diagnostic::error(from.location(path), format!("`{}` is not Chinese", from.value))
                            .with_hint("OpenCC converts Simplified Chinese: make the language `from` a Chinese one, e.g. `from: zh`"),
                    );
                    None
                }
                Some(_) => Some((key, conversion)),
                None => {
                    let keys: Vec<&str> = checked.iter().map(|c| c.key.as_str()).collect();
                    let hint = match crate::suggest::closest_code(&key, keys.iter().copied()) {
                        Some(best) => format!("did you mean `{best}`?"),
                        None => format!("`from` names one of the languages listed: {}", keys.join(", ")),
                    };
                    diagnostics.push(
                        Diagnostic::error(from.location(path), format!("unknown language `{}`", from.value))
                            .with_hint(hint),
                    );
                    None
                }
            }
        }
    }
}

/// Each language's folder below the site root, ending in `/`; the default's is empty.
fn folders(checked: &[Checked], path: &Path, reserved: &[&str], diagnostics: &mut Diagnostics) -> Vec<String> {
    let mut folders: Vec<String> = Vec::new();
    for (index, item) in checked.iter().enumerate() {
        let given = item.entry.value.file().and_then(|f| f.folder.as_ref());
        let location = given.map_or_else(|| item.entry.location(path), |g| g.location(path));
        let name = given.map_or_else(|| item.key.clone(), |g| g.value.trim().trim_matches('/').to_string());
        if index == 0 {
            if given.is_some_and(|g| !g.value.trim().trim_matches('/').is_empty()) {
                diagnostics.push(
                    Diagnostic::error(location, "the default language is published at the site root")
                        .with_hint("leave out `folder` on the first language"),
                );
            }
            folders.push(String::new());
            continue;
        }
        let valid = !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !valid {
            diagnostics.push(
                Diagnostic::error(location, format!("`{name}` cannot be a language's folder"))
                    .with_hint("a folder is lower-case ASCII letters, digits and `-`, e.g. `en` or `zh-hant`"),
            );
        } else if reserved.contains(&name.as_str()) {
            diagnostics.push(
                Diagnostic::error(location, format!("the folder `{name}/` is already a part of the site"))
                    .with_hint(format!("give the language another folder: `folder: {}-lang`", name)),
            );
        } else if folders.contains(&format!("{name}/")) {
            diagnostics.push(Diagnostic::error(location, format!("two languages are published in `{name}/`")));
        }
        folders.push(format!("{name}/"));
    }
    folders
}

/// Where the texts of entry `index` come from: the language itself (or the one it is generated
/// from), its `fallback` languages in order, then the default language.
fn chain(checked: &[Checked], index: usize, path: &Path, diagnostics: &mut Diagnostics) -> Vec<ChainStep> {
    let item = &checked[index];
    let own_tag = html_tag(&item.id);
    let tag_of = |key: &str| checked.iter().find(|c| c.key == key).map(|c| html_tag(&c.id)).unwrap_or_default();
    if let Some((from, _)) = &item.generated {
        let source = checked.iter().position(|c| &c.key == from).expect("the source was checked");
        let mut steps = chain(checked, source, path, &mut Diagnostics::new());
        steps[0].tag = own_tag;
        if let Some(first) = item.entry.value.file().and_then(|f| f.fallback.first()) {
            diagnostics.push(
                Diagnostic::warning(
                    first.location(path),
                    "a generated language shows the texts of the language it is made from",
                )
                .with_hint(format!("its fallback is that of `{from}`; leave out `fallback` here")),
            );
        }
        return steps;
    }
    let mut steps = vec![ChainStep { key: item.key.clone(), tag: own_tag, fallback: false }];
    let fallback = item.entry.value.file().map(|f| f.fallback.as_slice()).unwrap_or_default();
    for written in fallback {
        let key = key_of(&written.value);
        match checked.iter().find(|c| c.key == key) {
            Some(target) if target.generated.is_some() => diagnostics.push(
                Diagnostic::error(written.location(path), format!("`{}` is generated, not written", written.value))
                    .with_hint("fall back to a language whose texts are written"),
            ),
            Some(_) if steps.iter().any(|s| s.key == key) => {}
            Some(_) => steps.push(ChainStep { key: key.clone(), tag: tag_of(&key), fallback: true }),
            None => {
                let keys: Vec<&str> = checked.iter().map(|c| c.key.as_str()).collect();
                let hint = crate::suggest::closest_code(&key, keys.iter().copied()).map_or_else(
                    || format!("the languages listed are {}", keys.join(", ")),
                    |b| format!("did you mean `{b}`?"),
                );
                diagnostics.push(
                    Diagnostic::error(written.location(path), format!("unknown language `{}`", written.value))
                        .with_hint(hint),
                );
            }
        }
    }
    let default = &checked[0].key;
    if !steps.iter().any(|s| &s.key == default) {
        steps.push(ChainStep { key: default.clone(), tag: tag_of(default), fallback: true });
    }
    steps
}
