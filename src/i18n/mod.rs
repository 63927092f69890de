//! Languages and localized text.
//!
//! The languages of a site are configuration (`languages:` in `gongkai.yaml`, see [`languages`]):
//! any set of BCP 47 tags, the first the default at `/`. A language is written (its texts are in the
//! content, keyed by its tag) or generated from another by an OpenCC conversion. A text missing in
//! one language falls back along that language's chain, marked with the `lang` of the text shown
//! and counted so that the page can say so (see [`Localizer`]).

mod coverage;
pub mod languages;
mod localized;

use std::sync::{Mutex, OnceLock};

use serde::{Deserialize, Serialize};

pub use coverage::Coverage;
pub use languages::{LanguageEntry, Languages};
pub use localized::{Localized, Localizer, Text, TextKeys, collect_texts};

/// The way a script is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    /// The value of an HTML `dir` attribute.
    pub fn key(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// An OpenCC conversion that makes a generated Chinese language from a written one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Conversion {
    /// Simplified to Traditional characters (OpenCC's standard).
    S2t,
    /// Simplified to Traditional as written in Hong Kong.
    S2hk,
    /// Simplified to Traditional as written in Taiwan.
    S2tw,
}

/// One step of a fallback chain: the key of a written language whose text may be shown, the
/// `lang` tag such a text carries, and whether showing it is a fallback.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ChainStep {
    pub key: String,
    pub tag: String,
    pub fallback: bool,
}

/// A configured language, as [`languages::validate`] makes it. Shared by every [`Lang`] that
/// names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Language {
    /// The key of its texts in content and of its files (`zh`, `en`, `zh-hant`): the tag as
    /// configured, in lower case.
    pub key: String,
    /// The BCP 47 tag of `lang` and `hreflang` attributes (`zh-Hans`, `en`, `zh-Hant`, `ug`).
    pub tag: String,
    /// Below the site root, ending in `/`; empty for the default language.
    pub folder: String,
    /// Its name in itself, as the config gives it (else the theme's `language_<key>` string).
    pub name: Option<String>,
    pub direction: Direction,
    /// Its place in the config: languages sort in this order.
    pub position: usize,
    /// Where its texts come from, in order; the first step is the language itself or, for a
    /// generated language, the language it is made from.
    pub chain: Vec<ChainStep>,
    /// For a generated language: the written language it is made from and how.
    pub generated: Option<(Lang, Conversion)>,
}

/// A language of the site: a small copyable handle to its [`Language`].
#[derive(Clone, Copy)]
pub struct Lang(&'static Language);

impl Lang {
    /// The handle of `language`. Languages are interned: the same description is always the same
    /// handle, so that reloading a config (`serve`) does not grow memory.
    pub fn intern(language: Language) -> Lang {
        static INTERNED: OnceLock<Mutex<Vec<&'static Language>>> = OnceLock::new();
        let mut interned = INTERNED.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
        if let Some(known) = interned.iter().find(|known| ***known == language) {
            return Lang(known);
        }
        let leaked: &'static Language = Box::leak(Box::new(language));
        interned.push(leaked);
        Lang(leaked)
    }

    pub fn language(self) -> &'static Language {
        self.0
    }

    /// The key of its texts and files: `zh`, `en`, `zh-hant`.
    pub fn code(self) -> &'static str {
        &self.0.key
    }

    /// The BCP 47 tag for `lang` attributes and `hreflang`.
    pub fn tag(self) -> &'static str {
        &self.0.tag
    }

    /// Where this language's pages live under the site root: `""` for the default, `en/`.
    pub fn dir(self) -> &'static str {
        &self.0.folder
    }

    pub fn direction(self) -> Direction {
        self.0.direction
    }

    /// The written language this language's pages are made from: itself, or for a generated
    /// language the language it converts.
    pub fn source(self) -> Lang {
        self.0.generated.map_or(self, |(source, _)| source)
    }

    pub fn conversion(self) -> Option<Conversion> {
        self.0.generated.map(|(_, conversion)| conversion)
    }

    pub fn is_generated(self) -> bool {
        self.0.generated.is_some()
    }

    /// The BCP 47 primary language subtag: `zh` for `zh-Hant`.
    pub fn primary(self) -> &'static str {
        self.0.key.split('-').next().unwrap_or_default()
    }

    /// The first text along the language's chain that `find` finds and that is not blank, the tag
    /// it is marked with and whether it is a fallback. When every step is blank or missing, the
    /// last step found (the default language's text), still marked as what it is.
    pub fn pick<'a, T: ?Sized>(
        self,
        find: impl Fn(&str) -> Option<&'a T>,
        blank: impl Fn(&T) -> bool,
    ) -> Option<(&'a T, &'static str, bool)> {
        let mut last = None;
        for step in &self.0.chain {
            if let Some(found) = find(&step.key) {
                if !blank(found) {
                    return Some((found, step.tag.as_str(), step.fallback));
                }
                last = Some((found, step.tag.as_str(), step.fallback));
            }
        }
        last
    }
}

impl PartialEq for Lang {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for Lang {}

impl std::hash::Hash for Lang {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.key.hash(state);
        self.0.position.hash(state);
    }
}

impl Ord for Lang {
    /// In the order of the config; languages of different configs never meet in one site.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.0.position, &self.0.key)
            .cmp(&(other.0.position, &other.0.key))
            .then_with(|| (self.0 as *const Language).cmp(&(other.0 as *const Language)))
    }
}

impl PartialOrd for Lang {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl std::fmt::Debug for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0.key)
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.key)
    }
}

#[cfg(test)]
mod tests;
