//! The `languages:` list as parsed and checked, and the keys of texts checked against it.

use std::path::Path;

use super::languages::validate;
use super::*;
use crate::diagnostics::Diagnostics;
use crate::yaml::Spanned;

/// The languages of a `languages:` list written in YAML, and the messages with their hints.
fn languages(yaml: &str) -> (Option<Languages>, Vec<String>) {
    let list: Spanned<Vec<Spanned<LanguageEntry>>> =
        crate::yaml::parse(yaml, Path::new("gongkai.yaml")).expect("the list parses");
    let mut diagnostics = Diagnostics::new();
    let languages = validate(&list, Path::new("gongkai.yaml"), &["plans", "large-text"], &mut diagnostics);
    let messages = diagnostics
        .sorted()
        .into_iter()
        .map(|d| {
            let at = d.location.map(|l| format!("{}:{} ", l.line, l.column)).unwrap_or_default();
            format!("{at}{} ({})", d.message, d.hint.unwrap_or_default())
        })
        .collect();
    (languages, messages)
}

fn chain(lang: Lang) -> Vec<(&'static str, bool)> {
    lang.language().chain.iter().map(|step| (step.key.as_str(), step.fallback)).collect()
}

#[test]
fn the_list_of_earlier_versions_keeps_its_meaning() {
    let (languages, messages) = languages("[zh, en, zh-hant]");
    assert!(messages.is_empty(), "{messages:?}");
    let languages = languages.unwrap();
    let described: Vec<(&str, &str, &str)> = languages.iter().map(|l| (l.code(), l.tag(), l.dir())).collect();
    assert_eq!(described, [("zh", "zh-Hans", ""), ("en", "en", "en/"), ("zh-hant", "zh-Hant", "zh-hant/")]);
    assert_eq!(languages.default_lang().code(), "zh");
    let hant = languages[2];
    assert_eq!((hant.source().code(), hant.conversion()), ("zh", Some(Conversion::S2t)));
    assert_eq!(languages.written().map(Lang::code).collect::<Vec<_>>(), ["zh", "en"]);
    assert_eq!(chain(languages[1]), [("en", false), ("zh", true)]);
    assert!(languages.iter().all(|l| l.direction() == Direction::Ltr));
}

#[test]
fn any_default_with_names_folders_and_fallbacks() {
    let yaml = "
- en
- {tag: fr, name: Français}
- {tag: pt-BR, folder: br, fallback: [fr]}
";
    let (languages, messages) = languages(yaml);
    assert!(messages.is_empty(), "{messages:?}");
    let languages = languages.unwrap();
    let [en, fr, pt] = [languages[0], languages[1], languages[2]];
    assert_eq!((en.dir(), fr.dir(), pt.dir()), ("", "fr/", "br/"));
    assert_eq!(fr.language().name.as_deref(), Some("Français"));
    assert_eq!((pt.code(), pt.tag()), ("pt-br", "pt-BR"));
    assert_eq!(chain(fr), [("fr", false), ("en", true)], "the default is the last resort");
    assert_eq!(chain(pt), [("pt-br", false), ("fr", true), ("en", true)]);
    assert_eq!(languages.find("PT-br"), Some(pt), "tags are matched in any case");
}

#[test]
fn the_direction_follows_the_script_unless_given() {
    let (languages, messages) = languages("[zh, ug, ar, uz-Arab, uz, {tag: he, direction: ltr}, zh-Hant]");
    assert!(messages.is_empty(), "{messages:?}");
    let directions: Vec<(&str, &str)> = languages.unwrap().iter().map(|l| (l.code(), l.direction().key())).collect();
    assert_eq!(
        directions,
        [
            ("zh", "ltr"),
            ("ug", "rtl"),
            ("ar", "rtl"),
            ("uz-arab", "rtl"),
            ("uz", "ltr"),
            ("he", "ltr"),
            ("zh-hant", "ltr")
        ]
    );
}

#[test]
fn generated_languages_name_their_source_and_conversion() {
    let (languages, messages) =
        languages("[zh, {tag: zh-HK, from: zh, convert: s2hk}, {tag: zh-TW, from: zh, convert: s2tw}]");
    assert!(messages.is_empty(), "{messages:?}");
    let languages = languages.unwrap();
    assert_eq!(languages[1].conversion(), Some(Conversion::S2hk));
    assert_eq!((languages[2].tag(), languages[2].dir()), ("zh-TW", "zh-tw/"));
    assert_eq!(languages.written().count(), 1);
    assert_eq!(chain(languages[2]), [("zh", false)], "a generated page shows its source's text as its own");
}

#[test]
fn a_written_traditional_chinese_site_is_not_converted() {
    let (languages, messages) = languages("[zh-Hant, en]");
    assert!(messages.is_empty(), "{messages:?}");
    let languages = languages.unwrap();
    assert!(!languages[0].is_generated(), "zh-Hant without a zh to convert is written");
    assert_eq!(languages[0].tag(), "zh-Hant");
}

#[test]
fn mistakes_in_the_list_are_located_and_explained() {
    let cases: &[(&str, &str)] = &[
        ("[zh, en_GB!]", "1:6 `en_GB!` is not a BCP 47 language tag"),
        ("[zh, en, EN]", "1:10 `EN` is listed twice"),
        ("[{tag: zh-Hant, from: zh, convert: s2t}, zh]", "the first language, the default, cannot be generated"),
        ("[zh, {tag: zh-Hant, from: hz, convert: s2t}]", "unknown language `hz` (did you mean `zh`?)"),
        ("[en, {tag: zh-Hant, from: en, convert: s2t}]", "`en` is not Chinese"),
        ("[zh, {tag: zh-Hant, from: zh}]", "a generated language needs `convert`"),
        ("[zh, {tag: zh-Hant, convert: s2t}]", "`convert` needs `from`"),
        ("[zh, {tag: fr, fallback: [eng]}]", "unknown language `eng`"),
        ("[zh, zh-hant, {tag: fr, fallback: [zh-hant]}]", "`zh-hant` is generated, not written"),
        ("[zh, {tag: en, folder: plans}]", "the folder `plans/` is already a part of the site"),
        ("[zh, {tag: en, folder: En/Gb}]", "`En/Gb` cannot be a language's folder"),
        ("[zh, en, {tag: fr, folder: en}]", "two languages are published in `en/`"),
        ("[{tag: zh, folder: zh}, en]", "the default language is published at the site root"),
        ("[]", "the site needs at least one language"),
    ];
    for (yaml, expected) in cases {
        let (_, messages) = languages(yaml);
        assert!(messages.iter().any(|m| m.contains(expected)), "{yaml}: no `{expected}` in {messages:?}");
    }
}

#[test]
fn text_keys_are_checked_against_the_languages_with_a_suggestion() {
    let languages = Languages::from_tags(&["zh", "ug", "zh-hant"]);
    let yaml = "title: {zh: 标题, uq: ماۋزۇ}\nname: {ug: ئىسىم}\nunit: {zh: 所, zh-Hant: 所}\n";
    let (parsed, keys) = collect_texts(|| {
        crate::yaml::parse::<std::collections::BTreeMap<String, Localized>>(yaml, Path::new("x.yaml"))
    });
    parsed.expect("any keys parse");
    let mut diagnostics = Diagnostics::new();
    languages.check_texts(&keys, Path::new("x.yaml"), &mut diagnostics);
    let messages: Vec<String> = diagnostics
        .sorted()
        .into_iter()
        .map(|d| format!("{} {} ({})", d.location.unwrap(), d.message, d.hint.unwrap_or_default()))
        .collect();
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(messages[0].starts_with("x.yaml:1:17 unknown language `uq` (did you mean `ug`?"), "{}", messages[0]);
    assert!(messages[1].starts_with("x.yaml:2:8 missing field `zh`"), "{}", messages[1]);
    assert!(messages[2].starts_with("x.yaml:3:15 `zh-Hant` is generated, not written"), "{}", messages[2]);
}
