//! Languages and localized text.
//!
//! Chinese is always present; English may be missing. When it is, the English site shows the Chinese
//! text marked `lang="zh-Hans"` and counts the fallback so the page can say so (see [`Localizer`]).

use std::cell::Cell;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Zh,
    En,
    /// 繁體中文: generated from the Chinese content by [`crate::hant`], never written by hand.
    #[serde(rename = "zh-hant")]
    ZhHant,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Zh, Lang::En, Lang::ZhHant];

    /// The languages content and UI strings are written in; the others are generated from them.
    pub const WRITTEN: [Lang; 2] = [Lang::Zh, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
            Lang::ZhHant => "zh-hant",
        }
    }

    /// The written language this language's pages are made from: 繁體 pages are the Chinese pages,
    /// converted.
    pub fn source(self) -> Lang {
        match self {
            Lang::ZhHant => Lang::Zh,
            other => other,
        }
    }

    /// The BCP 47 tag for `lang` attributes and `hreflang`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-Hans",
            Lang::En => "en",
            Lang::ZhHant => "zh-Hant",
        }
    }

    /// Where this language's pages live under the site root: zh at `/`, en at `/en/`.
    pub fn dir(self) -> &'static str {
        match self {
            Lang::Zh => "",
            Lang::En => "en/",
            Lang::ZhHant => "zh-hant/",
        }
    }

    /// The file-name suffix of a document in this language (`x.zh.md`).
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Text in Chinese and, optionally, English, as written in the content files.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Localized {
    pub zh: String,
    #[serde(default)]
    pub en: Option<String>,
}

impl Localized {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Localized { zh: zh.into(), en: Some(en.into()) }
    }

    /// The text in `lang`, and whether it had to fall back to Chinese.
    pub fn get(&self, lang: Lang) -> (&str, bool) {
        match (lang.source(), &self.en) {
            (Lang::En, Some(en)) if !en.trim().is_empty() => (en, false),
            (Lang::En, _) => (&self.zh, true),
            _ => (&self.zh, false),
        }
    }
}

/// Text ready for a template: its content, its own `lang` tag, and whether it is a fallback.
#[derive(Debug, Clone, Serialize)]
pub struct Text {
    pub text: String,
    pub lang: &'static str,
    pub fallback: bool,
}

/// Picks texts in one language for one page and remembers whether any of them fell back to Chinese,
/// so that the page can show a notice. One per page render: the counter is per page.
pub struct Localizer {
    pub lang: Lang,
    fallbacks: Cell<usize>,
}

impl Localizer {
    pub fn new(lang: Lang) -> Self {
        Localizer { lang, fallbacks: Cell::new(0) }
    }

    pub fn text(&self, localized: &Localized) -> Text {
        let (text, fallback) = localized.get(self.lang);
        self.note(fallback);
        Text { text: text.to_string(), lang: if fallback { Lang::Zh.tag() } else { self.lang.tag() }, fallback }
    }

    /// For pre-rendered HTML in both languages (Markdown bodies).
    pub fn html(&self, zh: &str, en: Option<&str>) -> Text {
        let localized = Localized { zh: zh.to_string(), en: en.map(str::to_string) };
        self.text(&localized)
    }

    pub fn note(&self, fallback: bool) {
        if fallback {
            self.fallbacks.set(self.fallbacks.get() + 1);
        }
    }

    pub fn used_fallback(&self) -> bool {
        self.fallbacks.get() > 0
    }
}
