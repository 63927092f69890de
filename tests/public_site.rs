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
        assert!(
            footer.contains(r#"<a href="https://beian.miit.gov.cn/" rel="noopener">示例ICP备00000000号</a>"#),
            "{page}"
        );
        assert!(footer.contains(r#"<a href="https://beian.mps.gov.cn/" rel="noopener">示例公网安备"#), "{page}");
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
            (!dir.is_empty() && !dir.starts_with("en/") && !dir.contains("/page/") && top != "sitemap").then_some(dir)
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
    assert_eq!(meta(&page, "SiteDomain"), Some("test.example.gov.cn"), "the domain comes from base_url");
    assert!(meta(&page, "SiteIDCode").is_none() && !page.contains("ICP"), "nothing invented");
    site.write(
        "gongkai.yaml",
        &(site.read_source("gongkai.yaml")
            + "registration:\n  site_code: \"12-34\"\n  icp: {number: 测ICP备1号, url: beian.miit.gov.cn}\n"),
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
