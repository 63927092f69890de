//! Hostile content never becomes active: the minimal site with markup, attribute break-outs, script
//! addresses, template syntax and spreadsheet formulas written into every text field and document,
//! checked channel by channel — HTML text, attributes, `<meta>` tags, SVG charts, JSON, CSV and
//! Atom. HTML pages are compared with the same pages of the untouched site: whatever the theme
//! itself carries, the hostile content must add no script, handler, frame or script address.

mod common;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use common::{TestSite, assert_success};
use html5ever::tokenizer::{TagKind, Token, TokenSink, TokenSinkResult, states::RawKind};

/// Written as plain text into every text field: it must come out as the same text.
const HOSTILE: &str =
    r#"<script>alert(1)</script><img src=x onerror=alert(2)>"'><svg onload=alert(3)>]]></title>{{ 7*7 }}"#;

/// Written into Markdown bodies and descriptions: every way raw HTML could carry script.
const HOSTILE_MARKDOWN: &str = r#"正文<script>alert(5)</script>

<a href="javascript:alert(6)">a</a> <a href="java&#x09;script:alert(7)">b</a> [c](javascript:alert(8))
![d](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoOSk+) <img src="data:text/html,x" srcset="a.png 1x, data:image/png,x 2x">
<svg><script>alert(11)</script></svg> <math><mi xlink:href="javascript:alert(12)">x</mi></math>
<iframe src="https://evil.example/"></iframe> <object data="x.swf"></object> <embed src="x.swf">
<div style="position:fixed;inset:0">overlay</div> <p onclick="alert(13)" onmouseover="alert(14)">p</p>
<style>body{display:none}</style> <base href="https://evil.example/">
<meta http-equiv="refresh" content="0;url=https://evil.example/">

| a |
|---|
| <td style="position:fixed">cell</td> |

![diagram](diagram.svg)
"#;

/// Never in the built site: an SVG with script beside a showcase is not a content file.
const SVG_MARKER: &str = "svg-beside-the-showcase";

/// Formulas a spreadsheet would run from a CSV cell.
const FORMULAS: [&str; 4] = [r#"=HYPERLINK("https://evil.example/")"#, "+cmd|'/C calc'!A0", "-2+3", "@SUM(A1)"];

fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

/// The minimal site with [`HOSTILE`] in its texts, built; and the untouched site, built.
fn sites() -> &'static (TestSite, TestSite) {
    static SITES: OnceLock<(TestSite, TestSite)> = OnceLock::new();
    SITES.get_or_init(|| {
        let plain = TestSite::fixture("minimal");
        assert_success(&plain.build());
        let site = TestSite::fixture("minimal");
        make_hostile(&site);
        assert_success(&site.build());
        (site, plain)
    })
}

fn hostile() -> &'static TestSite {
    &sites().0
}

fn make_hostile(site: &TestSite) {
    let h = quoted(HOSTILE);
    let both = format!("{{zh: {h}, en: {h}}}");
    let md = quoted(HOSTILE_MARKDOWN);
    let [formula_zh, formula_en, quote_zh, quote_en] = FORMULAS.map(quoted);
    site.edit("gongkai.yaml", "title: {zh: 测试站点, en: Test site}", &format!("title: {both}\ndescription: {both}"))
        .edit("gongkai.yaml", "name: {zh: 测试教育局, en: Test Education Bureau}", &format!("name: {both}"))
        .edit("gongkai.yaml", r#"phone: "000-1234""#, &format!("phone: {h}\n  email: {h}"));
    // The government-site <meta> tags carry the title too.
    site.write(
        "gongkai.yaml",
        &(site.read_source("gongkai.yaml")
            + "government_site: true\nregistration: {site_code: \"0000000000\", icp: {number: 测ICP备1号}}\n"),
    );
    let plan = "content/plans/test-plan.yaml";
    site.edit(plan, "title: {zh: 测试三年行动计划, en: Test three-year action plan}", &format!("title: {both}"))
        .edit(plan, "issuer: {zh: 测试教育局, en: Test Education Bureau}", &format!("issuer: {both}"))
        .edit(plan, "document_number: 测教〔2018〕1号", &format!("document_number: {h}"))
        .edit(
            plan,
            r#"summary: {zh: "计划**摘要**。", en: "Plan **summary**."}"#,
            &format!("summary: {{zh: {md}, en: {md}}}"),
        )
        .edit(
            plan,
            "title: {zh: 提升办学质量, en: Raise school quality}",
            &format!("title: {both}\n    description: {{zh: {md}}}"),
        );
    let indicator = "content/indicators/quality-share.yaml";
    site.edit(indicator, "name: {zh: 优质学校占比, en: Share of quality schools}", &format!("name: {both}")).edit(
        indicator,
        "quote: {zh: 优质学校占比90%, en: quality schools make up 90%}",
        &format!("quote: {{zh: {quote_zh}, en: {quote_en}}}"),
    );
    let counted = "content/indicators/new-schools.yaml";
    site.edit(
        counted,
        "name: {zh: 新建学校数, en: New schools built}",
        &format!("name: {{zh: {formula_zh}, en: {formula_en}}}"),
    )
    .edit(counted, "unit: {zh: 所, en: schools}", &format!("unit: {both}"))
    .edit(counted, "dimension: {zh: 区, en: District}", &format!("dimension: {both}"))
    .edit(counted, "label: {zh: 东区, en: East District}", &format!("label: {both}"));
    site.edit("content/schools/lead.yaml", "name: {zh: 牵头小学, en: Lead Primary School}", &format!("name: {both}"))
        .edit("content/schools/lead.yaml", "district: {zh: 东区, en: East District}", &format!("district: {both}"))
        .edit(
            "content/schools/lead.yaml",
            "group: {zh: 牵头小学教育集团, en: Lead Primary Education Group}",
            &format!("group: {both}"),
        );
    site.edit(
        "content/departments/bureau.yaml",
        "name: {zh: 基础教育处, en: Basic Education Division}",
        &format!("name: {both}"),
    )
    .edit("content/tags/tags.yaml", "name: {zh: 结对共建, en: School pairing}", &format!("name: {both}"));
    let showcase = "content/showcases/pairing-story.zh.md";
    let body = site.read_source(showcase);
    let (front, _) = body.rsplit_once("---\n").unwrap();
    site.write(showcase, &format!("{front}---\n{HOSTILE_MARKDOWN}"))
        .edit(showcase, "title: 牵头小学与共建小学结对", &format!("title: {h}"))
        .edit(showcase, "summary: 两校结对一年。", &format!("summary: {h}"));
    site.write(
        "content/showcases/pairing-story.en.md",
        &format!("---\ntitle: {h}\nsummary: {h}\n---\n{HOSTILE_MARKDOWN}"),
    )
    .write(
        "content/showcases/diagram.svg",
        &format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert('{SVG_MARKER}')"><script>alert(1)</script></svg>"#
        ),
    )
    .edit("content/results/2020.zh.md", "本年度指标见下表。", HOSTILE_MARKDOWN)
    .edit("content/results/2020.zh.md", "title: 2020年度报告", &format!("title: {h}"));
}

/// A page read by html5ever's tokenizer: its text (character references decoded) and the
/// attributes of each start tag, as the browser would see them.
#[derive(Default)]
struct Parsed {
    text: String,
    tags: Vec<(String, Vec<(String, String)>)>,
}

impl Parsed {
    fn of(html: &str) -> Parsed {
        gongkai::html_scan::tokenize(ParseSink(RefCell::default()), [html]).0.into_inner()
    }

    fn attribute(&self, element: &str, key: (&str, &str), wanted: &str) -> Option<&str> {
        self.tags.iter().filter(|(name, _)| name == element).find_map(|(_, attributes)| {
            let has_key = attributes.iter().any(|(k, v)| k == key.0 && v == key.1);
            has_key.then(|| attributes.iter().find(|(k, _)| k == wanted).map(|(_, v)| v.as_str()))?
        })
    }
}

struct ParseSink(RefCell<Parsed>);

impl TokenSink for ParseSink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut parsed = self.0.borrow_mut();
        match token {
            Token::CharacterTokens(text) => parsed.text.push_str(&text),
            Token::TagToken(tag) if tag.kind == TagKind::StartTag => {
                let attributes = tag.attrs.iter().map(|a| (a.name.local.to_string(), a.value.to_string())).collect();
                parsed.tags.push((tag.name.to_string(), attributes));
                match tag.name.as_ref() {
                    "script" => return TokenSinkResult::RawData(RawKind::ScriptData),
                    "style" => return TokenSinkResult::RawData(RawKind::Rawtext),
                    "title" | "textarea" => return TokenSinkResult::RawData(RawKind::Rcdata),
                    _ => {}
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

fn pages(site: &TestSite) -> BTreeMap<PathBuf, String> {
    site.snapshot()
        .into_iter()
        .filter(|(path, _)| path.extension().is_some_and(|e| e == "html"))
        .map(|(path, bytes)| (path, String::from_utf8(bytes).unwrap()))
        .collect()
}

#[test]
fn hostile_content_adds_no_script_handler_frame_or_script_address_to_any_page() {
    let (site, plain) = sites();
    let plain_pages = pages(plain);
    let hostile_pages = pages(site);
    assert_eq!(hostile_pages.keys().collect::<Vec<_>>(), plain_pages.keys().collect::<Vec<_>>());
    let mut added = Vec::new();
    for (path, page) in &hostile_pages {
        let mut theirs = gongkai::fuzzing::active_content(&plain_pages[path]);
        for finding in gongkai::fuzzing::active_content(page) {
            match theirs.iter().position(|f| *f == finding) {
                Some(i) => drop(theirs.remove(i)),
                None => added.push(format!("{}: {finding}", path.display())),
            }
        }
    }
    assert!(added.is_empty(), "hostile content became active:\n{}", added.join("\n"));
}

#[test]
fn text_fields_come_out_as_the_same_text_in_every_language_and_mode() {
    let site = hostile();
    for page in [
        "index.html",
        "plans/test-plan/index.html",
        "indicators/quality-share/index.html",
        "schools/lead-primary/index.html",
        "departments/basic-education/index.html",
        "tags/pairing/index.html",
        "showcases/pairing-story/index.html",
        "results/2020/index.html",
    ] {
        for lang in ["", "en/", "high-contrast/"] {
            let path = format!("{lang}{page}");
            let parsed = Parsed::of(&site.page(&path));
            // Template syntax in content is shown, never evaluated.
            assert!(parsed.text.contains(HOSTILE), "{path} does not show the text as written");
        }
    }
}

#[test]
fn attributes_and_government_meta_tags_hold_the_text_as_written() {
    let site = hostile();
    let page = Parsed::of(&site.page("showcases/pairing-story/index.html"));
    let meta = |name: &str| page.attribute("meta", ("name", name), "content").unwrap_or_else(|| panic!("meta {name}"));
    assert_eq!(meta("SiteName"), HOSTILE);
    assert_eq!(meta("ArticleTitle"), HOSTILE);
    assert!(meta("ColumnName").len() < 40, "the column name comes from the theme, not the content");
    let feed_title = page.attribute("link", ("type", "application/atom+xml"), "title").unwrap();
    assert!(feed_title.starts_with(HOSTILE), "{feed_title}");
    let email = page.tags.iter().find_map(|(name, attributes)| {
        let href = attributes.iter().find(|(k, _)| k == "href")?.1.as_str();
        (name == "a" && href.starts_with("mailto:")).then_some(href)
    });
    assert_eq!(email, Some(format!("mailto:{HOSTILE}").as_str()));
}

#[test]
fn svg_chart_titles_and_labels_hold_the_text_as_written() {
    let site = hostile();
    for (page, lang) in [("indicators/quality-share/index.html", "zh"), ("en/indicators/new-schools/index.html", "en")]
    {
        let html = site.page(page);
        let chart = html.split("<svg").nth(1).and_then(|c| c.split("</svg>").next()).expect("a chart");
        let parsed = Parsed::of(&format!("<svg{chart}</svg>"));
        assert!(parsed.text.contains(HOSTILE), "{page} ({lang}): the chart lost or ran the text");
        assert!(parsed.tags.iter().all(|(name, _)| name != "script"), "{page}");
    }
}

#[test]
fn json_downloads_hold_the_text_as_written() {
    let site = hostile();
    let all: serde_json::Value = serde_json::from_str(&site.page("data/indicators.json")).unwrap();
    let one = all.as_array().unwrap().iter().find(|i| i["id"] == "quality-share").unwrap();
    assert_eq!(one["name"]["zh"], HOSTILE);
    let single: serde_json::Value = serde_json::from_str(&site.page("data/indicators/new-schools.json")).unwrap();
    assert_eq!(single["unit"]["zh"], HOSTILE, "{single}");
    assert_eq!(single["name"]["zh"], FORMULAS[0], "JSON keeps formulas as they are: it is not opened as a sheet");
}

#[test]
fn no_csv_cell_starts_like_a_formula() {
    let site = hostile();
    let mut cells = 0;
    for (path, bytes) in site.snapshot() {
        if path.extension().is_none_or(|e| e != "csv") {
            continue;
        }
        let text = String::from_utf8(bytes).unwrap();
        let mut reader =
            csv::ReaderBuilder::new().has_headers(false).from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                cells += 1;
                let formula_like = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
                assert!(
                    !formula_like || cell.parse::<f64>().is_ok(),
                    "{}: the cell `{cell}` would run",
                    path.display()
                );
            }
        }
    }
    let csv = site.page("data/indicators.csv");
    // The indicator's names are in the CSV; each is kept, behind an apostrophe.
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let names: Vec<String> = reader
        .records()
        .map(|record| {
            let record = record.unwrap();
            format!("{}|{}", &record[1], &record[2])
        })
        .collect();
    let expected = format!("'{}|'{}", FORMULAS[0], FORMULAS[1]);
    assert!(names.contains(&expected), "{expected} not in {names:?}");
    assert!(cells > 50, "only {cells} cells checked");
}

#[test]
fn atom_feeds_hold_the_text_and_only_inert_html() {
    let site = hostile();
    for feed_path in ["feed.xml", "en/feed.xml"] {
        let feed: atom_syndication::Feed = site.page(feed_path).parse().expect("the feed is well-formed XML");
        assert!(feed.title().value.starts_with(HOSTILE), "{feed_path}: {}", feed.title().value);
        assert_eq!(feed.authors()[0].name(), HOSTILE);
        let entry = feed.entries().iter().find(|e| e.id().contains("/showcases/pairing-story/")).unwrap();
        assert_eq!(entry.title().value, HOSTILE);
        assert!(entry.summary().unwrap().value.contains(HOSTILE));
        for entry in feed.entries() {
            let html = entry.content().and_then(|c| c.value()).unwrap_or_default();
            let active = gongkai::fuzzing::active_content(html);
            assert!(active.is_empty(), "{feed_path} {}: {active:?}", entry.id());
        }
    }
}

#[test]
fn files_beside_the_records_are_never_published() {
    let site = hostile();
    for (path, bytes) in site.snapshot() {
        assert!(path.file_name().is_some_and(|n| n != "diagram.svg"), "{} was published", path.display());
        assert!(!String::from_utf8_lossy(&bytes).contains(SVG_MARKER), "{} holds the SVG", path.display());
    }
    let page = Parsed::of(&site.page("showcases/pairing-story/index.html"));
    let sources: Vec<&str> =
        page.tags.iter().flat_map(|(_, a)| a.iter()).filter(|(k, _)| k == "src").map(|(_, v)| v.as_str()).collect();
    assert!(sources.iter().all(|s| !s.starts_with("data:")), "{sources:?}");
    assert!(sources.contains(&"diagram.svg"), "the image link stays, pointing nowhere: {sources:?}");
}
