//! Markdown documents with YAML front matter: showcases (`<id>.zh.md` / `<id>.en.md`), yearly
//! results narratives (`<year>.zh.md` / `<year>.en.md`), and a plan's annexes (附件) and policy
//! interpretations (政策解读).
//!
//! The Chinese file carries the shared metadata; the English file carries only its translation, so
//! that a date or a school list cannot disagree between the two languages.

use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Location};
use crate::markdown::SharedHtml;
use crate::yaml::Spanned;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShowcaseFront {
    pub title: String,
    pub date: Spanned<String>,
    #[serde(default)]
    pub schools: Vec<Spanned<String>>,
    #[serde(default)]
    pub indicators: Vec<Spanned<String>>,
    #[serde(default)]
    pub plans: Vec<Spanned<String>>,
    #[serde(default)]
    pub tags: Vec<Spanned<String>>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub sample: bool,
    #[serde(default)]
    pub draft: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultsFront {
    pub title: String,
    pub date: Spanned<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub sample: bool,
}

/// An annex of a plan (附件1, 附件2 …), published with it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnexFront {
    pub title: String,
    /// The plan's id.
    pub plan: Spanned<String>,
    /// Its number among the plan's annexes: 1 for 附件1.
    pub number: Spanned<u16>,
    #[serde(default)]
    pub sample: bool,
}

/// A policy interpretation (政策解读) of a plan: a plain-language explanation published beside it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InterpretationFront {
    pub title: String,
    /// The plan's id.
    pub plan: Spanned<String>,
    pub date: Spanned<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub sample: bool,
}

/// The front matter of an English translation: only what is translated.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TranslationFront {
    pub title: String,
    #[serde(default)]
    pub summary: Option<String>,
}

/// A parsed document: its front matter and its body, rendered from Markdown as it is parsed.
#[derive(Debug, Clone)]
pub struct Document<F> {
    pub file: usize,
    pub front: Arc<F>,
    pub body: SharedHtml,
}

/// Splits `---\nyaml\n---\nbody`. The YAML is returned padded with one leading newline for the
/// opening `---`, so that the YAML parser's line numbers are the file's line numbers.
pub fn split_front_matter<'a>(text: &'a str, file: &Path) -> Result<(String, &'a str), Diagnostic> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(Diagnostic::error(
            Location::file(file),
            "expected front matter: the file must start with a line `---`",
        )
        .with_hint(
            "start the file with `---`, the YAML fields (title, date …), then another `---` line, then the text",
        ));
    }
    let mut offset = first.len();
    for line in lines {
        if line.trim_end() == "---" {
            let yaml = format!("\n{}", &text[first.len()..offset]);
            return Ok((yaml, &text[offset + line.len()..]));
        }
        offset += line.len();
    }
    Err(Diagnostic::error(Location::file(file), "the front matter is not closed")
        .with_hint("end the YAML fields with a line containing only `---`"))
}

/// Splits `name.zh.md` into its id and language code.
pub fn split_document_name(file_name: &str) -> Option<(&str, &str)> {
    file_name.strip_suffix(".md")?.rsplit_once('.')
}
