//! What a build tells the person running it when it is done, as data (the progress while it runs
//! is [`crate::steps`]). The commands in `src/cmd/` decide how (and whether) to show it.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Serialize;

use crate::config::ReadingMode;
use crate::i18n::Lang;
use crate::render::OutputFile;

/// What a build wrote, counted for a person or a script.
#[derive(Debug, Clone, Serialize)]
pub struct BuildSummary {
    /// HTML pages, in every language.
    pub pages: usize,
    /// Every file written: pages, static assets and other files.
    pub files: usize,
    /// Their total size in bytes.
    pub bytes: u64,
    /// Pages per language and section (`plans`, `indicators`, … `home`, `404`).
    pub languages: Vec<LanguagePages>,
    /// Pages of each reading-mode copy of the site (`large-text`, `high-contrast`).
    pub reading_modes: BTreeMap<String, usize>,
    /// Fingerprinted files below `static/`.
    pub assets: usize,
    /// Files of the search index, below `pagefind/`.
    pub search_index: usize,
    /// Files that are neither pages nor assets (sitemap, robots.txt, downloads), by extension.
    pub other_files: BTreeMap<String, usize>,
    pub warnings: usize,
    #[serde(rename = "elapsed_ms", serialize_with = "milliseconds")]
    pub elapsed: Duration,
    /// The path of every file written, below the output folder, sorted (left out of JSON when empty).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub written: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LanguagePages {
    pub lang: &'static str,
    pub pages: usize,
    pub sections: BTreeMap<String, usize>,
}

impl BuildSummary {
    pub fn new(files: &[OutputFile], site_languages: &[Lang], warnings: usize, elapsed: Duration) -> Self {
        let written = files.iter().map(|f| (f.path.clone(), f.bytes.len() as u64));
        Self::from_written(written, site_languages, warnings, elapsed)
    }

    /// From the path and size of each file written by a site in `site_languages`.
    pub fn from_written(
        files: impl IntoIterator<Item = (String, u64)>,
        site_languages: &[Lang],
        warnings: usize,
        elapsed: Duration,
    ) -> Self {
        let files: Vec<(String, u64)> = files.into_iter().collect();
        let mut languages: Vec<LanguagePages> = site_languages
            .iter()
            .map(|lang| LanguagePages { lang: lang.code(), pages: 0, sections: BTreeMap::new() })
            .collect();
        let mut assets = 0;
        let mut search_index = 0;
        let mut other_files = BTreeMap::new();
        let mut reading_modes = BTreeMap::new();
        for (path, _) in &files {
            if let Some(mode) = reading_mode_of(path).filter(|_| path.ends_with(".html")) {
                *reading_modes.entry(mode.key().to_string()).or_insert(0) += 1;
            } else if path.ends_with(".html") {
                let (index, within) = language_of(site_languages, path);
                let entry = &mut languages[index];
                entry.pages += 1;
                *entry.sections.entry(section_of(within).to_string()).or_insert(0) += 1;
            } else if path.starts_with("static/") {
                assets += 1;
            } else if path.starts_with(crate::render::search::BUNDLE_DIR) {
                search_index += 1;
            } else {
                let extension = path.rsplit_once('.').map_or("", |(_, e)| e);
                *other_files.entry(extension.to_string()).or_insert(0) += 1;
            }
        }
        languages.retain(|l| l.pages > 0);
        let mut written: Vec<String> = files.iter().map(|(path, _)| path.clone()).collect();
        written.sort();
        BuildSummary {
            pages: languages.iter().map(|l| l.pages).sum::<usize>() + reading_modes.values().sum::<usize>(),
            reading_modes,
            files: files.len(),
            bytes: files.iter().map(|(_, size)| size).sum(),
            languages,
            assets,
            search_index,
            other_files,
            warnings,
            elapsed,
            written,
        }
    }
}

/// The reading mode whose copy of the site `path` belongs to, if it is not the standard site.
fn reading_mode_of(path: &str) -> Option<ReadingMode> {
    ReadingMode::COPIES.into_iter().find(|mode| path.starts_with(mode.dir()))
}

/// The language of a page from its path (`en/plans/…` is English; no prefix is the default
/// language) and the path below the language's folder.
fn language_of<'p>(languages: &[Lang], path: &'p str) -> (usize, &'p str) {
    for (index, lang) in languages.iter().enumerate() {
        if !lang.dir().is_empty()
            && let Some(rest) = path.strip_prefix(lang.dir())
        {
            return (index, rest);
        }
    }
    let default = languages.iter().position(|l| l.dir().is_empty()).unwrap_or(0);
    (default, path)
}

/// `plans/x/index.html` → `plans`; `index.html` → `home`; `404.html` → `404`.
fn section_of(path: &str) -> &str {
    match path.split_once('/') {
        Some((section, _)) => section,
        None if path == "index.html" => "home",
        None => path.trim_end_matches(".html"),
    }
}

fn milliseconds<S: serde::Serializer>(elapsed: &Duration, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_u64(elapsed.as_millis() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str) -> OutputFile {
        OutputFile { path: path.into(), bytes: vec![0; 10] }
    }

    #[test]
    fn counts_pages_by_language_and_section() {
        let files: Vec<OutputFile> = [
            "index.html",
            "404.html",
            "plans/a/index.html",
            "plans/index.html",
            "en/index.html",
            "en/plans/a/index.html",
            "static/style.0123abcd.css",
            "pagefind/pagefind-entry.json",
            "sitemap.xml",
            "robots.txt",
        ]
        .into_iter()
        .map(file)
        .collect();
        let languages = crate::i18n::Languages::from_tags(&["zh", "en"]);
        let summary = BuildSummary::new(&files, &languages, 2, Duration::from_millis(1500));
        assert_eq!((summary.pages, summary.files, summary.bytes, summary.assets), (6, 10, 100, 1));
        assert_eq!(summary.search_index, 1);
        assert_eq!(summary.languages[0].lang, "zh");
        assert_eq!(summary.languages[0].sections["plans"], 2);
        assert_eq!(summary.languages[0].sections["home"], 1);
        assert_eq!(summary.languages[0].sections["404"], 1);
        assert_eq!(summary.languages[1].lang, "en");
        assert_eq!(summary.languages[1].pages, 2);
        assert_eq!(summary.other_files["xml"], 1);
        assert!(!summary.other_files.contains_key("json"), "the search index is counted apart");
        let json = serde_json::to_value(&summary).unwrap();
        assert_eq!(json["elapsed_ms"], 1500);
        assert_eq!(json["warnings"], 2);
    }
}
