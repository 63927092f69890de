//! How much of the content is written in each language: `gongkai check` prints it as a table, one
//! row per section, so that an editor sees what a translator still has to do before the pages of a
//! language stop falling back.
//!
//! A text of a data file (a title, a name, a note: one [`TextKeys`]) counts once per section; a
//! Markdown document counts once, translated when a file in the language sits beside it.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

use super::{Lang, Languages, TextKeys};

/// Texts written per section and language.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Coverage {
    /// By section (`plans`, `indicators`, `showcases` … and `site` for `gongkai.yaml`).
    sections: BTreeMap<String, SectionCount>,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct SectionCount {
    texts: usize,
    /// By language key: how many of the texts are written in it.
    written: BTreeMap<String, usize>,
}

impl Coverage {
    /// Counts the texts of one file, given by its path below the site (`content/plans/x.yaml`).
    pub fn add_texts(&mut self, path: &Path, texts: &[TextKeys]) {
        let count = self.sections.entry(section_of(path)).or_default();
        for text in texts {
            count.texts += 1;
            for (key, _) in &text.keys {
                *count.written.entry(key.to_ascii_lowercase()).or_default() += 1;
            }
        }
    }

    /// Counts one Markdown document of `path`'s section, written in the languages `keys`.
    pub fn add_document<'a>(&mut self, path: &Path, keys: impl IntoIterator<Item = &'a str>) {
        let count = self.sections.entry(section_of(path)).or_default();
        count.texts += 1;
        for key in keys {
            *count.written.entry(key.to_ascii_lowercase()).or_default() += 1;
        }
    }

    /// The share of the texts of `section` written in `lang`'s own texts, as a whole percentage
    /// rounded down (so that 99 % is never shown as done); a generated language has what its
    /// source has.
    pub fn percent(&self, section: &str, lang: Lang) -> Option<usize> {
        let count = self.sections.get(section)?;
        let written = count.written.get(lang.source().code()).copied().unwrap_or(0);
        (count.texts > 0).then(|| written * 100 / count.texts)
    }

    pub fn sections(&self) -> impl Iterator<Item = &str> {
        self.sections.keys().map(String::as_str)
    }

    /// The table `gongkai check` prints: a row per section, a column per language, and a last row
    /// for the theme's UI strings (`ui` gives, per language, the keys it has of its own and the
    /// keys there are).
    pub fn table(&self, languages: &Languages, ui: &[(Lang, usize, usize)]) -> String {
        let mut out = String::from("translation coverage (share of texts written in each language)\n");
        let width = self.sections.keys().map(String::len).max().unwrap_or(0).max("UI strings".len()) + 2;
        let _ = write!(out, "  {:width$}{:>7}", "section", "texts");
        for lang in languages {
            let _ = write!(out, "{:>10}", lang.code());
        }
        out.push('\n');
        for (section, count) in &self.sections {
            let _ = write!(out, "  {section:width$}{:>7}", count.texts);
            for lang in languages {
                let cell = self.percent(section, *lang).map_or("-".to_string(), |p| format!("{p} %"));
                let _ = write!(out, "{cell:>10}");
            }
            out.push('\n');
        }
        let total = ui.iter().map(|(_, _, total)| *total).max().unwrap_or(0);
        let _ = write!(out, "  {:width$}{total:>7}", "UI strings");
        for lang in languages {
            let cell = match ui.iter().find(|(l, ..)| l == lang) {
                Some((_, own, total)) if *total > 0 => format!("{} %", own * 100 / total),
                _ => "-".to_string(),
            };
            let _ = write!(out, "{cell:>10}");
        }
        out.push('\n');
        out
    }
}

/// The folder below `content/` a file is in, or `site` for the config.
fn section_of(path: &Path) -> String {
    let mut parts = path.iter().map(|p| p.to_string_lossy());
    match (parts.next().as_deref(), parts.next(), parts.next()) {
        (Some("content"), Some(section), Some(_)) => section.into_owned(),
        _ => "site".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::Spanned;

    fn keys(list: &[&str]) -> TextKeys {
        TextKeys {
            line: 1,
            column: 1,
            keys: list.iter().map(|k| (k.to_string(), Spanned { value: k.to_string(), line: 1, column: 1 })).collect(),
        }
    }

    #[test]
    fn coverage_counts_texts_per_section_and_language() {
        let languages = Languages::from_tags(&["zh", "en", "zh-hant", "ug"]);
        let mut coverage = Coverage::default();
        coverage.add_texts(Path::new("gongkai.yaml"), &[keys(&["zh", "en", "ug"])]);
        coverage.add_texts(
            Path::new("content/plans/p.yaml"),
            &[keys(&["zh", "en"]), keys(&["zh", "en", "ug"]), keys(&["zh"])],
        );
        coverage.add_document(Path::new("content/showcases/s.zh.md"), ["zh", "ug"]);
        let [zh, en, hant, ug] = [0, 1, 2, 3].map(|i| languages[i]);
        assert_eq!(coverage.percent("site", ug), Some(100));
        assert_eq!(coverage.percent("plans", en), Some(66), "two of three, rounded down");
        assert_eq!(coverage.percent("plans", ug), Some(33));
        assert_eq!(coverage.percent("plans", hant), Some(100), "generated from zh");
        assert_eq!(coverage.percent("showcases", en), Some(0));
        assert_eq!(coverage.percent("plans", zh), Some(100));
        let table = coverage.table(&languages, &[(zh, 10, 10), (en, 9, 10)]);
        assert!(table.contains("  plans"), "{table}");
        assert!(
            table.lines().any(|l| l.starts_with("  plans") && l.ends_with("100 %      66 %     100 %      33 %")),
            "{table}"
        );
        assert!(table.lines().any(|l| l.starts_with("  UI strings") && l.contains("90 %")), "{table}");
    }
}
