//! Entry points for the fuzz targets in `fuzz/`, also replayed over the committed corpora by
//! `tests/fuzz_corpus.rs`. Each takes arbitrary bytes and must never panic.

use std::path::Path;

use crate::config::{self, ConfigFile};
use crate::content::document::{self, ShowcaseFront};
use crate::content::indicator::IndicatorFile;
use crate::diagnostics::Diagnostics;
use crate::{markdown, yaml};

const FILE: &str = "fuzz.yaml";

/// An indicator file, parsed as YAML into its typed record.
pub fn indicator_yaml(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = yaml::parse::<IndicatorFile>(text, Path::new(FILE));
    }
}

/// A showcase: front matter split off and parsed, the body rendered and sanitised. The sanitised
/// HTML must never carry a script element.
pub fn front_matter_and_markdown(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok((front, body)) = document::split_front_matter(text, Path::new("fuzz.zh.md")) {
        let _ = yaml::parse::<ShowcaseFront>(&front, Path::new("fuzz.zh.md"));
        let html = markdown::render(body).html;
        assert!(!html.to_ascii_lowercase().contains("<script"), "script survived sanitising: {html}");
    }
    let _ = markdown::render(text);
}

/// The site config, parsed and checked.
pub fn config(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(file) = yaml::parse::<ConfigFile>(text, Path::new("gongkai.yaml")) {
        let _ = config::validate(file, Path::new("gongkai.yaml"), &mut Diagnostics::new());
    }
}
