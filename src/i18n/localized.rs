//! Text in the languages of a site, as written in the content, and how a page picks its own.
//!
//! A text is a map from language keys to text: `{zh: 墟沟小学, en: Xugou Primary School}`. Which
//! keys a site accepts is configuration, known only after the config is read, while the content is
//! parsed file by file (and, in `serve`, cached between edits of the config). So parsing accepts
//! any key and notes where each was written ([`collect_texts`]); validation then checks the keys
//! of each file against the site's languages ([`super::Languages::check_texts`]).

use std::cell::{Cell, RefCell};

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

use super::Lang;
use crate::yaml::Spanned;

/// A text in one or more languages, in the order written; keys in lower case.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Localized {
    texts: Vec<(String, String)>,
}

impl Localized {
    /// A text from `(language key, text)` pairs.
    pub fn from_texts<K: Into<String>, V: Into<String>>(texts: impl IntoIterator<Item = (K, V)>) -> Self {
        Localized { texts: texts.into_iter().map(|(k, v)| (k.into().to_ascii_lowercase(), v.into())).collect() }
    }

    /// The text written under `key` (a language's key), if any.
    pub fn exact(&self, key: &str) -> Option<&str> {
        self.texts.iter().find(|(k, _)| k == key).map(|(_, text)| text.as_str())
    }

    /// Every language key and its text, in the order written.
    pub fn texts(&self) -> impl Iterator<Item = (&str, &str)> {
        self.texts.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The text written first, for messages that quote a text in one language.
    pub fn first(&self) -> &str {
        self.texts.first().map_or("", |(_, text)| text.as_str())
    }

    /// Whether any language's text, trimmed, is `text`.
    pub fn any_is(&self, text: &str) -> bool {
        self.texts.iter().any(|(_, written)| written.trim() == text)
    }

    /// Sets the text of `key`.
    pub fn set(&mut self, key: &str, text: String) {
        match self.texts.iter_mut().find(|(k, _)| k == key) {
            Some(entry) => entry.1 = text,
            None => self.texts.push((key.to_ascii_lowercase(), text)),
        }
    }

    /// Leaves out the text of `key`.
    pub fn remove(&mut self, key: &str) {
        self.texts.retain(|(k, _)| k != key);
    }

    /// The text to show in `lang` (see [`Lang::pick`]), the tag it is marked with, and whether it
    /// is a fallback. A text with none of the chain's languages (only possible before validation)
    /// is empty.
    pub fn pick(&self, lang: Lang) -> (&str, &'static str, bool) {
        lang.pick(|key| self.exact(key), |text| text.trim().is_empty()).unwrap_or(("", lang.tag(), false))
    }

    /// The text in `lang`, and whether it had to fall back to another language.
    pub fn get(&self, lang: Lang) -> (&str, bool) {
        let (text, _, fallback) = self.pick(lang);
        (text, fallback)
    }
}

/// Where the language keys of one text were written: the position of the text (its first key)
/// and each key, in lower case and as written.
#[derive(Debug, Clone, PartialEq)]
pub struct TextKeys {
    pub line: u32,
    pub column: u32,
    pub keys: Vec<(String, Spanned<String>)>,
}

thread_local! {
    static COLLECTING: RefCell<Option<Vec<TextKeys>>> = const { RefCell::new(None) };
}

/// Runs `parse` and returns, with its result, the language keys of every text it parsed.
/// Deserialising runs on one thread, so a parse on each of rayon's threads collects its own.
pub fn collect_texts<R>(parse: impl FnOnce() -> R) -> (R, Vec<TextKeys>) {
    struct Restore(Option<Vec<TextKeys>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let outer = self.0.take();
            COLLECTING.with(|c| *c.borrow_mut() = outer);
        }
    }
    let restore = Restore(COLLECTING.with(|c| c.replace(Some(Vec::new()))));
    let result = parse();
    let collected = COLLECTING.with(|c| c.borrow_mut().take()).unwrap_or_default();
    drop(restore);
    (result, collected)
}

impl<'de> Deserialize<'de> for Localized {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Localized;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a mapping of language keys to text, such as `{zh: 中文, en: English}`")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Localized, M::Error> {
                let mut texts = Vec::new();
                let mut keys = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    let text: Option<String> = map.next_value()?;
                    let lower = key.value.trim().to_ascii_lowercase();
                    if let Some(text) = text {
                        texts.push((lower.clone(), text));
                    }
                    keys.push((lower, key));
                }
                let (line, column) = keys.first().map_or((1, 1), |(_, k)| (k.line, k.column));
                COLLECTING.with(|c| {
                    if let Some(list) = c.borrow_mut().as_mut() {
                        list.push(TextKeys { line, column, keys });
                    }
                });
                Ok(Localized { texts })
            }
        }
        deserializer.deserialize_map(TextVisitor)
    }
}

impl Serialize for Localized {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.texts.len()))?;
        for (key, text) in &self.texts {
            map.serialize_entry(key, text)?;
        }
        map.end()
    }
}

/// Text ready for a template: its content, its own `lang` tag, and whether it is a fallback.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Text {
    pub text: String,
    pub lang: &'static str,
    pub fallback: bool,
}

/// Picks texts in one language for one page and remembers whether any of them fell back to
/// another language, so that the page can show a notice. One per page render: the counter is per
/// page.
pub struct Localizer {
    pub lang: Lang,
    fallbacks: Cell<usize>,
}

impl Localizer {
    pub fn new(lang: Lang) -> Self {
        Localizer { lang, fallbacks: Cell::new(0) }
    }

    pub fn text(&self, localized: &Localized) -> Text {
        let (text, lang, fallback) = localized.pick(self.lang);
        self.picked(text, lang, fallback)
    }

    /// A text picked elsewhere (a rendered Markdown body), counted like any other.
    pub fn picked(&self, text: &str, lang: &'static str, fallback: bool) -> Text {
        self.note(fallback);
        Text { text: text.to_string(), lang, fallback }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Languages;

    fn parse(yaml: &str) -> (Localized, Vec<TextKeys>) {
        let (parsed, keys) = collect_texts(|| crate::yaml::parse::<Localized>(yaml, std::path::Path::new("x.yaml")));
        (parsed.expect("a text"), keys)
    }

    #[test]
    fn any_key_parses_and_each_is_noted_where_it_was_written() {
        let (text, keys) = parse("zh: 中文\nFR: Français\nen: ~\n");
        assert_eq!(text.texts().collect::<Vec<_>>(), [("zh", "中文"), ("fr", "Français")]);
        assert_eq!(keys.len(), 1);
        let written: Vec<(&str, &str, u32)> =
            keys[0].keys.iter().map(|(k, w)| (k.as_str(), w.value.as_str(), w.line)).collect();
        assert_eq!(written, [("zh", "zh", 1), ("fr", "FR", 2), ("en", "en", 3)]);
    }

    #[test]
    fn a_missing_translation_falls_back_along_the_chain_marked_with_its_language() {
        let languages = Languages::from_tags(&["en", "fr", "zh-Hant"]);
        let [en, fr, hant] = [languages[0], languages[1], languages[2]];
        let text = Localized::from_texts([("en", "Schools")]);
        assert_eq!(text.pick(en), ("Schools", "en", false));
        assert_eq!(text.pick(fr), ("Schools", "en", true));
        assert_eq!(text.pick(hant), ("Schools", "en", true));
        let both = Localized::from_texts([("en", "Schools"), ("fr", "Écoles"), ("zh-hant", " ")]);
        assert_eq!(both.pick(fr), ("Écoles", "fr", false));
        assert_eq!(both.pick(hant), ("Schools", "en", true), "a blank text is a missing one");
    }

    #[test]
    fn a_generated_language_shows_its_source_under_its_own_tag() {
        let languages = Languages::from_tags(&["zh", "en", "zh-hant"]);
        let text = Localized::from_texts([("zh", "学校")]);
        assert_eq!(text.pick(languages[2]), ("学校", "zh-Hant", false));
        assert_eq!(text.pick(languages[1]), ("学校", "zh-Hans", true));
        assert_eq!(text.pick(languages[0]), ("学校", "zh-Hans", false));
    }
}
