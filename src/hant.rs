//! The 繁體中文 edition: the only place that converts Simplified Chinese into Traditional, with
//! OpenCC's standard `s2t` dictionaries (phrases first, then characters) in pure Rust.
//!
//! Whole rendered files are converted, so UI strings, content and dates all read in Traditional
//! characters. ASCII (markup, URLs, ids) is never touched by the dictionaries.

use std::sync::OnceLock;

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;

fn converter() -> &'static OpenCC {
    static CONVERTER: OnceLock<OpenCC> = OnceLock::new();
    CONVERTER.get_or_init(|| OpenCC::from_config(BuiltinConfig::S2t).expect("the built-in s2t dictionaries load"))
}

/// `text` in Traditional characters.
pub fn to_traditional(text: &str) -> String {
    converter().convert(text)
}

/// A rendered file in Traditional characters; bytes that are not UTF-8 are returned unchanged.
pub fn file_to_traditional(bytes: Vec<u8>) -> Vec<u8> {
    match String::from_utf8(bytes) {
        Ok(text) => to_traditional(&text).into_bytes(),
        Err(error) => error.into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::to_traditional;

    #[test]
    fn converts_phrases_and_leaves_markup_alone() {
        assert_eq!(to_traditional("教育规划公开"), "教育規劃公開");
        assert_eq!(
            to_traditional(r#"<a href="/zh-hant/plans/">规划计划</a>"#),
            r#"<a href="/zh-hant/plans/">規劃計劃</a>"#
        );
    }
}
