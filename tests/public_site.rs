//! The public site a citizen and an auditor expect, checked on the built example site: government-site
//! conventions, downloads, feeds, reading modes.

mod common;

use std::sync::OnceLock;

use common::{TestSite, assert_success};

/// The example site, built once for every test in this file.
fn example() -> &'static TestSite {
    static SITE: OnceLock<TestSite> = OnceLock::new();
    SITE.get_or_init(|| {
        let site = TestSite::example();
        assert_success(&site.build());
        site
    })
}

/// The `content` of `<meta name="{name}">`, if the page has one.
fn meta<'a>(page: &'a str, name: &str) -> Option<&'a str> {
    let pattern = format!(r#"<meta name="{name}" content=""#);
    let start = page.find(&pattern)? + pattern.len();
    Some(&page[start..start + page[start..].find('"')?])
}

#[test]
fn every_page_carries_the_government_site_meta_tags_and_a_date() {
    let site = example();
    let mut problems = Vec::new();
    for (path, bytes) in site.snapshot() {
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let page = String::from_utf8(bytes).unwrap();
        for name in [
            "SiteName",
            "SiteDomain",
            "SiteIDCode",
            "ColumnName",
            "ColumnType",
            "ArticleTitle",
            "PubDate",
            "ContentSource",
        ] {
            if meta(&page, name).is_none_or(str::is_empty) {
                problems.push(format!("{}: no {name}", path.display()));
            }
        }
        if !page.contains(r#"<p class="page-date"#) {
            problems.push(format!("{}: no visible date", path.display()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn meta_tags_describe_the_page_and_its_section() {
    let site = example();
    let plan = site.page("plans/lianyun-balanced-2017/index.html");
    assert_eq!(meta(&plan, "SiteIDCode"), Some("0000000000"));
    assert_eq!(meta(&plan, "SiteDomain"), Some("gongkai.example.gov.cn"));
    assert_eq!(meta(&plan, "ColumnName"), Some("规划计划"));
    assert_eq!(meta(&plan, "ColumnType"), Some("规划计划"));
    assert_eq!(meta(&plan, "PubDate"), Some("2017-08-07"), "a plan is dated by its 发布日期");
    assert!(meta(&plan, "ArticleTitle").unwrap().contains("连云区"));
    assert_eq!(meta(&plan, "ContentSource"), Some("连云区教育局"));
    assert!(plan.contains(r#"发布日期：<time datetime="2017-08-07">2017年8月7日</time>"#));
    let indicator = site.page("en/indicators/czq-school-projects/index.html");
    assert_eq!(meta(&indicator, "ColumnName"), Some("Indicators"));
    assert_eq!(meta(&indicator, "ColumnType"), Some("统计信息"), "the standard's vocabulary in every language");
    assert_eq!(meta(&indicator, "PubDate"), Some("2024-12-31"), "a data page is dated by `as_of`");
}

#[test]
fn footer_names_the_organisation_and_links_both_filings() {
    let site = example();
    for page in ["index.html", "en/index.html", "indicators/czq-school-projects/index.html"] {
        let footer = site.page(page).split(r#"<footer class="site-footer">"#).nth(1).unwrap().to_string();
        assert!(footer.contains("0000000000"), "{page}: 网站标识码");
        // On the English pages the number keeps the language it was issued in.
        let number = match page.starts_with("en/") {
            true => r#"<span lang="zh-Hans">示例ICP备00000000号</span>"#,
            false => "示例ICP备00000000号",
        };
        assert!(
            footer.contains(&format!(r#"<a href="https://beian.miit.gov.cn/" rel="noopener">{number}</a>"#)),
            "{page}: {footer}"
        );
        let opening = if page.starts_with("en/") { r#"<span lang="zh-Hans">"# } else { "" };
        let security = format!(r#"<a href="https://beian.mps.gov.cn/" rel="noopener">{opening}示例公网安备"#);
        assert!(footer.contains(&security), "{page}");
        assert!(footer.contains("gongkai@example.gov.cn"), "{page}: contact");
        assert!(footer.contains("sitemap/"), "{page}: link to the site map");
    }
    assert!(site.page("index.html").contains("主办单位：教育规划公开示例网站编辑部"));
}

#[test]
fn site_map_page_lists_every_section_and_page() {
    let site = example();
    let map = site.page("sitemap/index.html");
    for section in [
        "/plans/",
        "/indicators/",
        "/progress/",
        "/results/",
        "/showcases/",
        "/tags/",
        "/schools/",
        "/departments/",
        "/methodology/",
    ] {
        assert!(map.contains(&format!(r#"href="{section}""#)), "section {section}");
    }
    let pages: Vec<_> = site
        .snapshot()
        .into_keys()
        .filter_map(|p| {
            let p = p.to_string_lossy().replace('\\', "/");
            let dir = p.strip_suffix("index.html")?.to_string();
            let top = dir.split('/').next().unwrap_or("").to_string();
            let other_tree = ["en", "zh-hant", "large-text", "high-contrast"].contains(&top.as_str());
            (!dir.is_empty() && !other_tree && !dir.contains("/page/") && top != "sitemap").then_some(dir)
        })
        .collect();
    let missing: Vec<_> = pages.iter().filter(|dir| !map.contains(&format!(r#"href="/{dir}""#))).collect();
    assert!(missing.is_empty(), "not on the site map: {missing:?}");
    assert!(site.page("en/sitemap/index.html").contains("<h1>Site map</h1>"));
}

#[test]
fn registration_is_optional_and_checked() {
    let site = TestSite::fixture("minimal");
    assert_success(&site.build());
    let page = site.page("index.html");
    assert!(!page.contains("<meta name=\"Site") && !page.contains("ColumnType"), "not a government site: no tags");
    assert!(!page.contains("ICP"), "nothing invented");
    let config = site.read_source("gongkai.yaml");
    site.write("gongkai.yaml", &(config.clone() + "government_site: true\n"));
    let run = site.build();
    assert!(!run.success, "a government site needs its codes");
    for field in ["registration: site_code", "registration: icp"] {
        assert!(run.stderr.contains(&format!("a government site needs `{field}`")), "{}", run.stderr);
    }
    assert!(run.stderr.contains("gongkai.yaml:8:18"), "located at the setting: {}", run.stderr);
    site.write(
        "gongkai.yaml",
        &(config.clone()
            + "government_site: true\nregistration: {site_code: \"3204000001\", icp: {number: 测ICP备1号}}\n"),
    );
    assert_success(&site.build());
    let page = site.page("index.html");
    assert_eq!(meta(&page, "SiteDomain"), Some("test.example.gov.cn"), "the domain comes from base_url");
    assert_eq!(meta(&page, "SiteIDCode"), Some("3204000001"));
    site.write(
        "gongkai.yaml",
        &(config + "registration:\n  site_code: \"12-34\"\n  icp: {number: 测ICP备1号, url: beian.miit.gov.cn}\n"),
    );
    let run = site.build();
    assert!(!run.success);
    assert!(
        run.stderr.contains("gongkai.yaml:9:14") && run.stderr.contains("not a site identification code"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("not an http(s) URL"), "{}", run.stderr);
}

#[test]
fn each_indicator_downloads_as_csv_with_bom_and_both_languages() {
    let site = example();
    let page = site.page("indicators/czq-quality-kindergarten-share/index.html");
    assert!(page.contains(r#"href="/data/indicators/czq-quality-kindergarten-share.csv""#));
    assert!(page.contains(r#"href="/data/indicators/czq-quality-kindergarten-share.json""#));
    let bytes = std::fs::read(site.public().join("data/indicators/czq-quality-kindergarten-share.csv")).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "UTF-8 byte-order mark for spreadsheet programs");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    for header in ["年度 / Year", "目标 / Target", "实际值 / Actual value", "示例数据 / Sample data"] {
        assert!(headers.iter().any(|h| h == header), "header {header} in {headers:?}");
    }
    let column = |name: &str| headers.iter().position(|h| h.starts_with(name)).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let row_2020 = rows.iter().find(|r| &r[column("年度")] == "2020").expect("a row for 2020");
    assert_eq!(&row_2020[column("目标下限")], "85");
    assert_eq!(&row_2020[column("目标 /")], "不低于85%");
    assert!(rows.iter().any(|r| &r[column("示例数据")] == "true"), "sample figures are flagged");
}

#[test]
fn whole_dataset_downloads_as_one_csv_and_one_json() {
    let site = example();
    let index = site.page("en/indicators/index.html");
    assert!(index.contains(r#"href="/data/indicators.csv""#) && index.contains(r#"href="/data/indicators.json""#));
    let json: serde_json::Value = serde_json::from_str(&site.page("data/indicators.json")).unwrap();
    let indicators = json.as_array().unwrap();
    let files = std::fs::read_dir(site.public().join("indicators"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().is_dir())
        .count();
    assert_eq!(indicators.len(), files, "one record per indicator page");
    let one = indicators.iter().find(|i| i["id"] == "czq-quality-kindergarten-share").unwrap();
    assert_eq!(one["name"]["en"], "Share of provincial and municipal quality kindergartens");
    assert!(one["years"].as_array().unwrap().iter().any(|y| y["sample"] == true));
    let csv = site.page("data/indicators.csv");
    let ids: std::collections::BTreeSet<&str> = csv.lines().skip(1).filter_map(|l| l.split(',').next()).collect();
    assert_eq!(ids.len(), files, "every indicator is in the whole-dataset CSV");
}

#[test]
fn csv_neutralises_text_that_a_spreadsheet_would_run() {
    let site = TestSite::fixture("minimal");
    site.edit("content/indicators/quality-share.yaml", "name: {zh: ", "name: {zh: =HYPERLINK(\"x\")");
    assert_success(&site.build());
    let csv = site.page("data/indicators/quality-share.csv");
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
    assert!(!csv.contains(",=HYPERLINK") && !csv.contains(",\"=HYPERLINK"), "{csv}");
}

#[test]
fn atom_feed_per_language_carries_the_newest_showcases_and_reports_up_to_feed_limit() {
    let site = example();
    for (lang, feed_path, page) in [("zh-Hans", "feed.xml", "index.html"), ("en", "en/feed.xml", "en/index.html")] {
        let home = site.page(page);
        let link = format!(r#"<link rel="alternate" type="application/atom+xml" href="/{feed_path}""#);
        assert!(home.contains(&link), "{page} links its feed");
        let feed: atom_syndication::Feed = site.page(feed_path).parse().expect("a valid Atom feed");
        assert_eq!(feed.lang.as_deref(), Some(lang));
        let entries = feed.entries();
        let showcases = std::fs::read_dir(site.public().join("showcases")).unwrap().filter(|e| {
            let path = e.as_ref().unwrap().path();
            path.is_dir() && path.file_name().unwrap() != "page"
        });
        let reports =
            std::fs::read_dir(site.public().join("results")).unwrap().filter(|e| e.as_ref().unwrap().path().is_dir());
        let published = showcases.count() + reports.count();
        assert!(published > 20, "the example has more entries than its feed_limit, so the limit is exercised");
        assert_eq!(entries.len(), 20, "{feed_path}: `feed_limit: 20` in gongkai.yaml");
        assert!(entries.windows(2).all(|w| w[0].updated() >= w[1].updated()), "{feed_path}: newest first");
        assert!(
            entries.iter().any(|e| e.id().contains("/results/"))
                && entries.iter().any(|e| e.id().contains("/showcases/"))
        );
        assert!(entries.iter().all(|e| e.id().starts_with("https://gongkai.example.gov.cn/")), "absolute ids");
        let sample = entries.iter().find(|e| {
            e.categories().iter().any(|c| c.term() == if lang == "en" { "Sample data" } else { "示例数据" })
        });
        assert!(sample.expect("sample entries are labelled").summary().unwrap().value.contains(if lang == "en" {
            "[Sample data]"
        } else {
            "【示例数据】"
        }));
    }
}

/// The root-relative links of a page, leaving out the reading-mode switcher (which leaves the mode
/// on purpose).
fn internal_links(page: &str) -> Vec<String> {
    let without_switcher = match page.split_once(r#"<nav class="mode-switcher""#) {
        Some((before, after)) => format!("{before}{}", after.split_once("</nav>").map(|(_, rest)| rest).unwrap_or("")),
        None => page.to_string(),
    };
    without_switcher.split(r#"href="/"#).skip(1).map(|rest| format!("/{}", &rest[..rest.find('"').unwrap()])).collect()
}

#[test]
fn reading_modes_are_whole_copies_whose_links_stay_in_the_mode() {
    let site = example();
    let shared = ["/static/", "/data/", "/feed.xml", "/en/feed.xml", "/zh-hant/feed.xml"];
    for mode in ["large-text", "high-contrast"] {
        let mut strays = Vec::new();
        let mut pages = 0;
        for (path, bytes) in site.snapshot() {
            let path = path.to_string_lossy().replace('\\', "/");
            let Some(rest) = path.strip_prefix(&format!("{mode}/")) else { continue };
            if !rest.ends_with(".html") {
                continue;
            }
            pages += 1;
            let page = String::from_utf8(bytes).unwrap();
            assert!(page.contains(&format!(r#"class="mode-{mode}""#)), "{path}");
            assert!(
                page.contains(r#"<meta name="robots" content="noindex, follow">"#),
                "{path}: copies are not indexed"
            );
            let standard = rest.trim_end_matches("index.html");
            assert!(
                page.contains(&format!(r#"<link rel="canonical" href="https://gongkai.example.gov.cn/{standard}">"#)),
                "{path}"
            );
            for link in internal_links(&page) {
                if !link.starts_with(&format!("/{mode}/")) && !shared.iter().any(|s| link.starts_with(s)) {
                    strays.push(format!("{path}: {link}"));
                }
            }
        }
        assert!(pages > 500, "{mode}: the whole site is copied ({pages} pages)");
        assert!(strays.is_empty(), "links that leave the {mode} mode:\n{}", strays[..strays.len().min(20)].join("\n"));
    }
    let standard = site.page("indicators/czq-school-projects/index.html");
    assert!(!standard.contains("noindex"));
    assert!(standard.contains(r#"<a href="/large-text/indicators/czq-school-projects/" rel="nofollow">大字版</a>"#));
    assert!(
        standard.contains(r#"<a href="/high-contrast/indicators/czq-school-projects/" rel="nofollow">高对比度</a>"#)
    );
    assert!(!site.page("sitemap.xml").contains("large-text"), "crawlers get the standard site only");
}

#[test]
fn stylesheet_has_large_text_high_contrast_system_preferences_and_print() {
    // The stylesheet's name carries a content hash: follow the home page's link to it.
    let site = example();
    let home = site.page("index.html");
    let href =
        home.split(r#"<link rel="stylesheet" href=""#).nth(1).expect("a stylesheet link").split('"').next().unwrap();
    let css = site.page(href.trim_start_matches('/'));
    let large = css.split("html.mode-large-text { font-size: ").nth(1).expect("large-text rule");
    let percent: f64 = large[..large.find('%').unwrap()].parse().unwrap();
    assert!(percent * 16.0 / 100.0 >= 20.0, "large text is well above the 18px body ({percent}%)");
    assert!(css.contains("html.mode-high-contrast {") && css.contains("--background: #000000"));
    assert!(css.contains("@media (prefers-contrast: more)") && css.contains("@media (forced-colors: active)"));
    assert!(css.contains("line-height: 1.75"), "line spacing of at least 1.5");
    assert!(css.contains(":focus-visible"), "visible focus");
    assert!(css.matches("@media print").count() >= 2);
}

#[test]
fn root_relative_links_in_markdown_lead_to_the_page_in_the_readers_language_and_mode() {
    let site = example();
    let showcase = "showcases/cz-new-quality-junior/index.html";
    for (edition, expected) in [
        ("", "/indicators/czq-new-quality-schools/"),
        ("en/", "/en/indicators/czq-new-quality-schools/"),
        ("zh-hant/", "/zh-hant/indicators/czq-new-quality-schools/"),
        ("large-text/en/", "/large-text/en/indicators/czq-new-quality-schools/"),
        ("high-contrast/", "/high-contrast/indicators/czq-new-quality-schools/"),
    ] {
        let page = site.page(&format!("{edition}{showcase}"));
        let body = page.split(r#"<div class="prose""#).nth(1).expect("the showcase's body");
        assert!(body.contains(&format!(r#"href="{expected}""#)), "{edition}{showcase} links {expected}");
    }
}

#[test]
fn markdown_links_gain_the_base_path_of_a_site_below_a_folder() {
    let site = TestSite::fixture("minimal");
    let config =
        site.read_source("gongkai.yaml").replace("https://test.example.gov.cn/", "https://test.example.gov.cn/jyj/");
    site.write("gongkai.yaml", &config);
    let story = "content/showcases/pairing-story.en.md";
    let text = "[the plan](/plans/test-plan/), [all figures](/data/indicators.csv), [elsewhere](https://example.org/)";
    site.write(story, &(site.read_source(story) + "\n" + text + "\n"));
    assert_success(&site.build());
    let page = site.page("large-text/en/showcases/pairing-story/index.html");
    assert!(page.contains(r#"href="/jyj/large-text/en/plans/test-plan/""#), "a page, in the mode and language");
    assert!(page.contains(r#"href="/jyj/data/indicators.csv""#), "a file, below the base path only");
    assert!(page.contains(r#"href="https://example.org/""#), "another site, as written");
    let feed: atom_syndication::Feed = site.page("en/feed.xml").parse().expect("a valid Atom feed");
    let entry = feed.entries().iter().find(|e| e.id().contains("pairing-story")).expect("the story's entry");
    let content = entry.content().and_then(|c| c.value()).expect("the story's body");
    assert!(content.contains(r#"href="/jyj/en/plans/test-plan/""#), "{content}");
}

#[test]
fn reading_modes_can_be_turned_off() {
    let site = TestSite::fixture("minimal");
    site.write("gongkai.yaml", &(site.read_source("gongkai.yaml") + "reading_modes: []\n"));
    assert_success(&site.build());
    assert!(!site.public().join("large-text").exists() && !site.public().join("high-contrast").exists());
    assert!(!site.page("index.html").contains("mode-switcher"));
    let site = TestSite::fixture("minimal");
    assert_success(&site.build());
    assert!(
        site.page("large-text/en/plans/test-plan/index.html")
            .contains(r#"href="/large-text/en/indicators/quality-share/""#)
    );
}

#[test]
fn traditional_chinese_edition_is_generated_from_the_chinese_pages() {
    let site = example();
    let page = site.page("zh-hant/plans/lianyun-balanced-2017/index.html");
    assert!(page.contains(r#"<html lang="zh-Hant">"#));
    assert!(page.contains("教育規劃公開"), "the site title in Traditional characters");
    assert!(page.contains("發文機關") && page.contains("連雲區教育局"), "UI strings and content are converted");
    assert!(!page.contains("教育规划公开"), "no Simplified text left in the page");
    assert!(page.contains(r#"href="/zh-hant/indicators/"#), "links stay in the edition");
    let zh = site.page("plans/lianyun-balanced-2017/index.html");
    let alternate = r#"<link rel="alternate" hreflang="zh-Hant" href="https://gongkai.example.gov.cn/zh-hant/plans/lianyun-balanced-2017/">"#;
    assert!(zh.contains(alternate), "the Simplified page names its Traditional alternate");
    assert!(site.page("sitemap.xml").contains(r#"hreflang="zh-Hant" href="https://gongkai.example.gov.cn/zh-hant/""#));
    assert!(site.page("large-text/zh-hant/index.html").contains(r#"class="mode-large-text""#), "reading modes too");
    let feed: atom_syndication::Feed = site.page("zh-hant/feed.xml").parse().unwrap();
    assert_eq!(feed.lang.as_deref(), Some("zh-Hant"));
    assert!(feed.title().value.contains("典型案例與年度報告"));
}

/// The languages `pagefind-entry.json` names, with their page counts.
fn indexed_languages(entry: &str) -> std::collections::BTreeMap<String, u64> {
    let entry: serde_json::Value = serde_json::from_str(entry).expect("a JSON entry file");
    let languages = entry["languages"].as_object().expect("languages").iter();
    languages.map(|(lang, index)| (lang.clone(), index["page_count"].as_u64().unwrap())).collect()
}

#[test]
fn search_index_covers_the_main_content_of_every_language() {
    let site = example();
    let counted = indexed_languages(&site.page("pagefind/pagefind-entry.json"));
    // The pages that mark their main content for the index, per language of the standard site.
    let mut marked = std::collections::BTreeMap::<String, u64>::new();
    for (path, bytes) in site.snapshot() {
        let path = path.to_string_lossy().replace('\\', "/");
        let page = String::from_utf8_lossy(&bytes);
        if path.starts_with("large-text/") || path.starts_with("high-contrast/") {
            assert!(!page.contains("data-pagefind-body"), "{path}: a reading-mode copy is not indexed");
        } else if page.contains("<main id=\"main\" class=\"wrap\" tabindex=\"-1\" data-pagefind-body") {
            let lang = page.split("<html lang=\"").nth(1).unwrap().split('"').next().unwrap().to_lowercase();
            *marked.entry(lang).or_default() += 1;
        }
    }
    assert_eq!(counted, marked, "every marked page of every language is in the index, and nothing else");
    assert_eq!(counted.keys().collect::<Vec<_>>(), ["en", "zh-hans", "zh-hant"]);
    assert!(site.public().join("pagefind/pagefind.js").is_file());
    assert!(site.public().join("pagefind/wasm.en.pagefind").is_file(), "English words are stemmed");
    assert!(!site.public().join("pagefind/pagefind-ui.js").exists(), "pagefind's own interface is left out");
    let fragments = std::fs::read_dir(site.public().join("pagefind/fragment")).unwrap().count() as u64;
    assert_eq!(fragments, counted.values().sum::<u64>(), "one fragment per indexed page");
}

#[test]
fn indexed_pages_mark_their_main_content_and_kind() {
    let site = example();
    let indicator = site.page("indicators/lyq-after-school/index.html");
    assert!(
        indicator.contains(r#"data-pagefind-body data-pagefind-meta="kind:指标" data-pagefind-filter="kind:指标""#)
    );
    assert!(indicator.contains(r#"<p class="page-date muted small" data-pagefind-ignore>"#));
    let school = site.page("en/schools/baiguoshu-primary/index.html");
    assert!(school.contains(r#"data-pagefind-meta="kind:Schools""#));
    assert!(site.page("zh-hant/showcases/index.html").contains("<main id=\"main\" class=\"wrap\" tabindex=\"-1\">"));
    for list in ["index.html", "indicators/index.html", "search/index.html", "sitemap/index.html", "404.html"] {
        assert!(!site.page(list).contains("data-pagefind-body"), "{list} only repeats other pages");
    }
}

#[test]
fn every_page_has_a_search_form_leading_to_its_languages_search_page() {
    let site = example();
    for mode in ["", "large-text/", "high-contrast/"] {
        for lang in ["", "en/", "zh-hant/"] {
            let root = format!("/{mode}{lang}");
            let home = site.page(&format!("{mode}{lang}index.html"));
            let form = home.split(r#"<form class="site-search" role="search""#).nth(1).expect("a search form");
            let form = form.split("</form>").next().unwrap();
            assert!(form.starts_with(&format!(r#" action="{root}search/">"#)), "{root}: {form}");
            assert!(form.contains(r#"<label class="visually-hidden" for="site-search-q">"#), "{root}");
            assert!(form.contains(r#"<input type="search" id="site-search-q" name="q""#), "{root}");
            let search = site.page(&format!("{mode}{lang}search/index.html"));
            assert!(!search.contains("site-search"), "{root}search/ has its own form, not the header's");
            assert!(search.contains(&format!(r#"<form class="search-form" role="search" action="{root}search/""#)));
            assert!(search.contains(r#"<input type="search" id="search-q" name="q""#));
            assert!(search.contains(&format!(r#"data-bundle="/pagefind/" data-parts="" data-base="/{mode}""#)));
            assert!(search.contains(r#"<meta name="robots" content="noindex, follow">"#));
            let noscript = search.split("<noscript>").nth(1).expect("a note for browsers without JavaScript");
            assert!(noscript.contains("JavaScript"), "{root}: {noscript}");
            for elsewhere in ["sitemap/", "indicators/", "schools/"] {
                assert!(search.contains(&format!(r#"<a href="{root}{elsewhere}">"#)), "{root}search/ → {elsewhere}");
            }
        }
    }
    assert!(site.page("search/index.html").contains("站内搜索需要浏览器启用 JavaScript"));
    assert!(site.page("en/search/index.html").contains("Search needs JavaScript"));
    assert!(site.page("sitemap/index.html").contains(r#"<a href="/search/">站内搜索</a>"#));
    assert!(!site.page("sitemap.xml").contains("/search/"), "crawlers are not sent to the search page");
}

#[test]
fn search_can_be_turned_off() {
    let site = TestSite::fixture("minimal");
    site.write("gongkai.yaml", &(site.read_source("gongkai.yaml") + "search: false\n"));
    assert_success(&site.build());
    assert!(!site.public().join("pagefind").exists(), "no index");
    assert!(!site.public().join("search").exists() && !site.public().join("en/search").exists(), "no search page");
    let indicator = site.page("indicators/quality-share/index.html");
    assert!(!indicator.contains("role=\"search\"") && !indicator.contains("data-pagefind-body"), "no form, no marks");
    assert!(!site.page("sitemap/index.html").contains("/search/"));
    let scripts = std::fs::read_dir(site.public().join("static")).unwrap().flatten();
    let search_script = |f: &std::fs::DirEntry| f.file_name().to_string_lossy().starts_with("search.");
    assert!(scripts.filter(search_script).count() == 0, "no search script");
    assert_success(&site.run(&["check"]));
}

#[test]
fn a_language_with_many_pages_is_indexed_in_parts_that_the_search_page_merges() {
    let site = TestSite::fixture("minimal");
    // More than the 2,000 pages of one part in each language.
    for n in 0..2100 {
        site.write(
            &format!("content/schools/many/s{n:04}.yaml"),
            &format!("id: s{n:04}\nname: {{zh: 第{n}小学}}\ndistrict: {{zh: 东区}}\nstage: primary\n"),
        );
    }
    site.write("gongkai.yaml", &(site.read_source("gongkai.yaml") + "reading_modes: []\n"));
    assert_success(&site.build());
    let first = indexed_languages(&site.page("pagefind/pagefind-entry.json"));
    let second = indexed_languages(&site.page("pagefind/part-1/pagefind-entry.json"));
    assert_eq!(first.keys().collect::<Vec<_>>(), ["en", "zh-hans"]);
    assert_eq!(second.keys().collect::<Vec<_>>(), ["en", "zh-hans"]);
    assert!(first.values().chain(second.values()).all(|pages| *pages <= 2000 && *pages > 1000), "{first:?} {second:?}");
    assert!(!site.public().join("pagefind/part-2").exists());
    assert!(!site.public().join("pagefind/part-1/pagefind.js").exists(), "the first part's script reads them all");
    assert!(site.page("search/index.html").contains(r#"data-parts="/pagefind/part-1/""#));
}
