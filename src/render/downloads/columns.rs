//! The columns of the CSV downloads for a site's languages. Headers are in Chinese when the site
//! writes Chinese and in English always, as open data is read across languages (Open SDG names its
//! columns in English in every edition): `年度 / Year` on a Chinese site, `Year` elsewhere. A text
//! has a column in the site's default language and one more for each other written language.

use crate::i18n::{Lang, Localized};
use crate::model::Site;

/// How a translation column's header is marked in the header tables: `指标名称（英文）` /
/// `Indicator (English)` stands for one column per written language besides the default.
const TRANSLATION_ZH: &str = "（英文）";
const TRANSLATION_EN: &str = " (English)";

pub(super) struct Columns {
    /// Whether headers carry their Chinese name.
    chinese: bool,
    /// The key of the language of the main text columns.
    default: &'static str,
    /// Whether that language is Chinese, whose lists are joined with 、.
    default_chinese: bool,
    /// The other written languages: key, and its name in Chinese and in English for headers.
    others: Vec<(&'static str, String, String)>,
}

impl Columns {
    pub fn of(site: &Site) -> Self {
        let languages = &site.config.languages;
        let default = languages.default_lang();
        let others = languages.written().filter(|lang| *lang != default).map(|lang| {
            let (zh, en) = names(lang);
            (lang.code(), zh, en)
        });
        Columns {
            chinese: languages.written().any(|lang| lang.primary() == "zh"),
            default: default.code(),
            default_chinese: default.primary() == "zh",
            others: others.collect(),
        }
    }

    /// What joins the names of a list in one cell.
    pub fn list_separator(&self) -> &'static str {
        if self.default_chinese { "、" } else { "; " }
    }

    /// One header cell.
    pub fn header(&self, (zh, en): (&str, &str)) -> String {
        if self.chinese { format!("{zh} / {en}") } else { en.to_string() }
    }

    /// The header row of a table: a translation column becomes one per other written language.
    pub fn headers(&self, pairs: &[(&str, &str)]) -> Vec<String> {
        let mut row = Vec::with_capacity(pairs.len() + self.others.len());
        for (zh, en) in pairs {
            match (zh.strip_suffix(TRANSLATION_ZH), en.strip_suffix(TRANSLATION_EN)) {
                (Some(base_zh), Some(base_en)) => row.extend(self.others.iter().map(|(_, name_zh, name_en)| {
                    self.header((&format!("{base_zh}（{name_zh}）"), &format!("{base_en} ({name_en})")))
                })),
                _ => row.push(self.header((zh, en))),
            }
        }
        row
    }

    /// The text in the default language.
    pub fn main<'a, T: Texts + ?Sized>(&self, text: &'a T) -> &'a str {
        text.in_language(self.default).unwrap_or_default()
    }

    /// The text in each other written language, in the order of [`Columns::headers`].
    pub fn translations<'a, T: Texts + ?Sized>(&'a self, text: &'a T) -> impl Iterator<Item = &'a str> + 'a {
        self.others.iter().map(|(key, ..)| text.in_language(key).unwrap_or_default())
    }
}

/// A text kept per language, as content has it or as a download record carries it.
pub(super) trait Texts {
    fn in_language(&self, key: &str) -> Option<&str>;
}

impl Texts for Localized {
    fn in_language(&self, key: &str) -> Option<&str> {
        self.exact(key)
    }
}

/// A language's name in Chinese and in English for a header; the name it has in itself, or its
/// tag, for languages other than these two.
fn names(lang: Lang) -> (String, String) {
    match lang.primary() {
        "en" => ("英文".into(), "English".into()),
        "zh" => ("中文".into(), "Chinese".into()),
        _ => {
            let name = lang.language().name.clone().unwrap_or_else(|| lang.tag().to_string());
            (name.clone(), name)
        }
    }
}
