//! Generated Chinese editions (繁體中文 and its Hong Kong and Taiwan forms): the only place that
//! converts Simplified Chinese, with OpenCC's standard dictionaries (phrases first, then
//! characters) in pure Rust. Which languages are generated, and by which conversion, is
//! configuration (see [`crate::i18n::languages`]).
//!
//! Whole rendered files are converted, so UI strings, content and dates all read in Traditional
//! characters. ASCII (markup, URLs, ids) is never touched by the dictionaries.

use std::sync::OnceLock;

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;

use crate::i18n::Conversion;

fn converter(conversion: Conversion) -> &'static OpenCC {
    static CONVERTERS: [OnceLock<OpenCC>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let (slot, config) = match conversion {
        Conversion::S2t => (0, BuiltinConfig::S2t),
        Conversion::S2hk => (1, BuiltinConfig::S2hk),
        Conversion::S2tw => (2, BuiltinConfig::S2tw),
    };
    CONVERTERS[slot].get_or_init(|| OpenCC::from_config(config).expect("the built-in dictionaries load"))
}

/// `text` converted.
pub fn convert(conversion: Conversion, text: &str) -> String {
    converter(conversion).convert(text)
}

/// `text` in Traditional characters (OpenCC's `s2t`).
pub fn to_traditional(text: &str) -> String {
    convert(Conversion::S2t, text)
}

/// A rendered file, converted; bytes that are not UTF-8 are returned unchanged.
pub fn convert_file(conversion: Conversion, bytes: Vec<u8>) -> Vec<u8> {
    match String::from_utf8(bytes) {
        Ok(text) => convert(conversion, &text).into_bytes(),
        Err(error) => error.into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_phrases_and_leaves_markup_alone() {
        assert_eq!(to_traditional("教育规划公开"), "教育規劃公開");
        assert_eq!(
            to_traditional(r#"<a href="/zh-hant/plans/">规划计划</a>"#),
            r#"<a href="/zh-hant/plans/">規劃計劃</a>"#
        );
    }

    #[test]
    fn the_regional_conversions_use_their_own_standards() {
        // 里 is 裏 in Hong Kong and 裡 in Taiwan.
        assert_eq!(convert(Conversion::S2hk, "学校里"), "學校裏");
        assert_eq!(convert(Conversion::S2tw, "学校里"), "學校裡");
    }
}
