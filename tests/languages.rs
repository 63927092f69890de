//! Languages are configuration: a site in English and French without a word of Chinese, a site in
//! Chinese and Uyghur written right to left, a language the theme has no strings for, and the
//! translation coverage `gongkai check` prints.

mod common;

use std::sync::OnceLock;

use common::{TestSite, assert_success};

fn built(name: &'static str, cell: &'static OnceLock<TestSite>) -> &'static TestSite {
    cell.get_or_init(|| {
        let site = TestSite::fixture(name);
        assert_success(&site.build());
        site
    })
}

fn en_fr() -> &'static TestSite {
    static SITE: OnceLock<TestSite> = OnceLock::new();
    built("en-fr", &SITE)
}

fn zh_ug() -> &'static TestSite {
    static SITE: OnceLock<TestSite> = OnceLock::new();
    built("zh-ug", &SITE)
}

/// Han characters, CJK punctuation and full-width forms: what Chinese text is made of.
fn is_chinese(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ffef}')
}

#[test]
fn an_english_and_french_site_has_no_chinese_text_or_tag_on_any_page() {
    let site = en_fr();
    let mut problems = Vec::new();
    let mut pages = 0;
    for (path, bytes) in site.snapshot() {
        let shown = path.display().to_string();
        // The search index is pagefind's own data (its word-joining characters include ＿).
        let Ok(text) = String::from_utf8(bytes) else { continue };
        if path.starts_with("pagefind") {
            continue;
        }
        if !matches!(path.extension().and_then(|e| e.to_str()), Some("html" | "xml" | "csv" | "json" | "txt")) {
            continue;
        }
        pages += usize::from(shown.ends_with(".html"));
        if let Some(c) = text.chars().find(|c| is_chinese(*c)) {
            let at = text.find(c).unwrap_or(0);
            let from = text.floor_char_boundary(at.saturating_sub(60));
            problems.push(format!("{shown}: Chinese text `{}`", &text[from..text.ceil_char_boundary(at + 20)]));
        }
        for tag in ["lang=\"zh", "hreflang=\"zh", "xml:lang=\"zh"] {
            if text.contains(tag) {
                problems.push(format!("{shown}: {tag}"));
            }
        }
    }
    assert!(pages > 20, "the fixture builds its pages ({pages})");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_default_language_is_at_the_root_and_the_other_in_its_folder_with_its_own_ui_strings() {
    let site = en_fr();
    let home = site.page("index.html");
    assert!(home.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"), "{}", &home[..80]);
    let french = site.page("fr/indicators/4-2-2/index.html");
    assert!(french.contains("<html lang=\"fr\">"));
    assert!(french.contains(r#"hreflang="en" href="https://education.example.org/indicators/4-2-2/""#));
    assert!(french.contains("Taux de participation à des activités d’apprentissage organisées"));
    assert!(french.contains(">Indicateurs<"), "French navigation from the theme's fr.yaml");
    assert!(french.contains(">Femmes<") && french.contains(">Hommes<"), "dimension values in French");
    assert!(!french.contains("notice-fallback"), "everything on the page is written in French");
    for page in [&home, &french] {
        assert!(!page.contains("<meta name=\"SiteName\""), "not a government site: none of its tags");
        assert!(!page.contains("ColumnType"));
    }
}

#[test]
fn uyghur_pages_are_right_to_left_and_mark_text_written_the_other_way() {
    let site = zh_ug();
    let uyghur = site.page("ug/indicators/after-school/index.html");
    assert!(uyghur.contains("<html lang=\"ug\" dir=\"rtl\">"), "{}", &uyghur[..120]);
    assert!(
        uyghur.contains("<span lang=\"zh-Hans\" dir=\"ltr\">三、主要举措"),
        "the untranslated clause is Chinese, left to right"
    );
    assert!(uyghur.contains("notice-fallback"), "and the page says that part is not translated");
    assert!(
        uyghur.contains("<span lang=\"zh-Hans\" dir=\"ltr\">示例ICP备00000000号</span>"),
        "the filing number stays as issued"
    );
    assert!(uyghur.contains("دەرستىن كېيىنكى مۇلازىمەت"), "the indicator's Uyghur name");
    let chinese = site.page("indicators/after-school/index.html");
    assert!(chinese.contains("<html lang=\"zh-Hans\">"), "Chinese pages stay left to right");
    assert!(chinese.contains(r#"hreflang="ug" lang="ug" dir="rtl">ئۇيغۇرچە</a>"#), "the switcher's Uyghur name");
    assert!(
        chinese.contains("<meta name=\"SiteIDCode\" content=\"0000000000\">"),
        "a government site in two languages"
    );
    let stylesheet = site.snapshot().into_iter().find(|(p, _)| p.to_string_lossy().ends_with(".css")).unwrap().1;
    let css = String::from_utf8(stylesheet).unwrap();
    for physical in ["margin-left", "padding-left", "border-left", "text-align: left", "text-align: right"] {
        assert!(!css.contains(physical), "`{physical}` does not mirror on a right-to-left page");
    }
}

#[test]
fn check_prints_translation_coverage_per_language_and_section() {
    let site = TestSite::fixture("zh-ug");
    let run = site.run(&["check"]);
    assert_success(&run);
    let table =
        run.stdout.split_once("translation coverage").map(|(_, t)| t).unwrap_or_else(|| panic!("{}", run.stdout));
    let row = |section: &str| {
        table.lines().find(|l| l.trim_start().starts_with(section)).unwrap_or_else(|| panic!("{section}: {table}"))
    };
    assert!(row("section").ends_with("zh        ug"), "{table}");
    assert!(row("plans").ends_with("100 %     100 %"), "{table}");
    let indicators: Vec<&str> = row("indicators").split_whitespace().collect();
    assert_eq!(indicators[2..], ["100", "%", "83", "%"], "one clause of six texts is not in Uyghur: {table}");
    assert!(row("showcases").ends_with("100 %     100 %"), "{table}");
    assert!(row("UI strings").ends_with("100 %     100 %"), "the theme ships ug.yaml: {table}");
}

#[test]
fn a_language_the_theme_has_no_strings_for_falls_back_and_is_counted() {
    let site = TestSite::fixture("minimal");
    site.edit(
        "gongkai.yaml",
        "title: {zh: 测试站点, en: Test site}",
        "title: {zh: 测试站点, en: Test site, de: Testseite}",
    )
    .write("gongkai.yaml", &(site.read_source("gongkai.yaml") + "languages: [zh, en, {tag: de, fallback: [en]}]\n"));
    assert_success(&site.build());
    let german = site.page("de/index.html");
    assert!(german.contains("<html lang=\"de\">"));
    assert!(german.contains("<title>Testseite</title>"), "the German title");
    assert!(german.contains(">Home<"), "the navigation falls back to English strings, not to keys");
    assert!(!german.contains("nav_home"), "a raw key is never shown");
    let run = site.run(&["check"]);
    let row = run.stdout.lines().find(|l| l.trim_start().starts_with("UI strings")).expect("a UI strings row");
    assert!(row.trim_end().ends_with("0 %"), "German has no strings of its own: {}", run.stdout);
}
