//! Building a small site end to end: what the pages show.

mod common;

use common::{TestSite, assert_success};

fn built_minimal() -> TestSite {
    let site = TestSite::fixture("minimal");
    assert_success(&site.build());
    site
}

#[test]
fn every_page_type_exists_in_chinese_and_english() {
    let site = built_minimal();
    let pages = [
        "index.html",
        "plans/index.html",
        "plans/test-plan/index.html",
        "indicators/index.html",
        "indicators/quality-share/index.html",
        "schools/index.html",
        "schools/lead-primary/index.html",
        "showcases/index.html",
        "showcases/page/2/index.html",
        "showcases/pairing-story/index.html",
        "tags/index.html",
        "tags/pairing/index.html",
        "results/index.html",
        "results/2020/index.html",
        "departments/index.html",
        "departments/basic-education/index.html",
        "progress/index.html",
        "methodology/index.html",
        "404.html",
    ];
    for page in pages {
        let zh = site.page(page);
        let en = site.page(&format!("en/{page}"));
        assert!(zh.contains(r#"<html lang="zh-Hans">"#), "{page}");
        assert!(en.contains(r#"<html lang="en">"#), "en/{page}");
        let alternate =
            format!(r#"hreflang="en" href="https://test.example.gov.cn/en/{}""#, page.trim_end_matches("index.html"));
        assert!(zh.contains(&alternate), "{page} lacks its English alternate");
    }
}

#[test]
fn indicator_page_shows_computed_status_per_year() {
    let page = built_minimal().page("indicators/quality-share/index.html");
    let row = |year: &str| {
        page.split(&format!(r#"<th scope="row">{year}</th>"#))
            .nth(1)
            .unwrap()
            .split("</tr>")
            .next()
            .unwrap()
            .to_string()
    };
    // Baseline 60 (2017) to target 90 (2020): the path is 70 in 2018 and 80 in 2019.
    assert!(row("2018").contains("70%") && row("2018").contains("status-on_track"), "{}", row("2018"));
    assert!(row("2019").contains("80%") && row("2019").contains("status-behind"), "{}", row("2019"));
    assert!(row("2020").contains("不低于90%") && row("2020").contains("status-met"), "{}", row("2020"));
}

#[test]
fn school_pairing_and_showcases_link_both_ways() {
    let site = built_minimal();
    let partner = site.page("schools/partner-primary/index.html");
    assert!(partner.contains(r#"href="/schools/lead-primary/""#), "the partner links back to its lead school");
    assert!(partner.contains("牵头学校"), "the lead's role is named");
    let lead = site.page("schools/lead-primary/index.html");
    assert!(lead.contains(r#"href="/showcases/pairing-story/""#));
    let showcase = site.page("showcases/pairing-story/index.html");
    assert!(showcase.contains(r#"href="/indicators/quality-share/""#));
    let indicator = site.page("indicators/quality-share/index.html");
    assert!(indicator.contains(r#"href="/showcases/pairing-story/""#));
    let department = site.page("departments/basic-education/index.html");
    assert!(department.contains(r#"href="/plans/test-plan/#goal-quality""#));
}

#[test]
fn missing_english_falls_back_to_chinese_with_a_notice_and_lang() {
    let site = built_minimal();
    let page = site.page("en/schools/partner-primary/index.html");
    assert!(page.contains("no English translation"), "the fallback notice is shown");
    assert!(page.contains(r#"<h1 lang="zh-Hans">共建小学</h1>"#));
    let translated = site.page("en/indicators/new-schools/index.html");
    assert!(!translated.contains("notice-fallback"), "no notice where nothing fell back");
}

#[test]
fn sample_data_is_labelled_on_the_pages_that_use_it() {
    let site = built_minimal();
    assert!(site.page("indicators/quality-share/index.html").contains("notice-sample"));
    assert!(site.page("en/indicators/quality-share/index.html").contains("Sample data"));
    assert!(!site.page("indicators/new-schools/index.html").contains("notice-sample"), "no sample figures there");
}

#[test]
fn raw_html_in_markdown_cannot_inject_script() {
    let page = built_minimal().page("showcases/pairing-story/index.html");
    assert!(!page.contains("<script"));
    assert!(!page.contains("javascript:"));
    assert!(!page.contains("onclick"));
    assert!(page.contains(r#"<h2 id="主要做法">"#), "headings get anchors");
    assert!(page.contains("<table>"), "Markdown tables render");
}

#[test]
fn plan_page_shows_disclosure_metadata_and_breakdown_renders() {
    let site = built_minimal();
    let plan = site.page("plans/test-plan/index.html");
    for field in
        ["索引号", "0000-0000/2018-00001", "发文机关", "测教〔2018〕1号", "成文日期", "2018年1月10日", "有效性"]
    {
        assert!(plan.contains(field), "{field}");
    }
    let indicator = site.page("en/indicators/new-schools/index.html");
    assert!(indicator.contains("East District") && indicator.contains("2–3 schools"));
}

#[test]
fn output_is_identical_across_builds_and_thread_counts() {
    let site = TestSite::fixture("minimal");
    assert_success(&site.run_with_env(&["build"], &[("RAYON_NUM_THREADS", "1")]));
    let first = site.snapshot();
    let index = first.keys().filter(|p| p.starts_with("pagefind")).count();
    assert!(index > 5, "the search index is part of what must not change ({index} files)");
    assert_success(&site.run_with_env(&["build"], &[("RAYON_NUM_THREADS", "4")]));
    assert_eq!(first, site.snapshot());
}

#[test]
fn showcases_index_is_paginated() {
    let site = built_minimal();
    let first = site.page("showcases/index.html");
    assert!(first.contains(r#"href="/showcases/page/2/""#));
    assert!(first.contains("牵头小学与共建小学结对"), "newest first");
    assert!(site.page("showcases/page/2/index.html").contains("较早的案例"));
}

#[test]
fn refuses_to_replace_a_folder_gongkai_did_not_write() {
    let site = TestSite::fixture("minimal");
    site.write("public/precious.txt", "keep me");
    let run = site.build();
    assert!(!run.success);
    assert!(run.stderr.contains("was not written by gongkai"), "{}", run.stderr);
    assert_eq!(site.read_source("public/precious.txt"), "keep me");
    assert_success(&site.run(&["build", "--force"]));
}

#[test]
fn sitemap_lists_every_page_with_language_alternates() {
    let site = built_minimal();
    let sitemap = site.page("sitemap.xml");
    assert!(sitemap.contains("<loc>https://test.example.gov.cn/indicators/quality-share/</loc>"));
    assert!(sitemap.contains(r#"hreflang="en" href="https://test.example.gov.cn/en/indicators/quality-share/""#));
    assert!(!sitemap.contains("404"), "the 404 page is not listed");
    assert!(site.page("robots.txt").contains("Sitemap: https://test.example.gov.cn/sitemap.xml"));
}

#[test]
fn numeric_indicator_has_an_accessible_chart_beside_its_table() {
    let page = built_minimal().page("indicators/quality-share/index.html");
    let chart = page.split("<svg").nth(1).expect("a chart").split("</svg>").next().unwrap();
    assert!(chart.contains(r#"role="img""#) && chart.contains("<title id=") && chart.contains("<desc id="));
    assert!(chart.contains("chart-sample"), "sample figures are drawn hollow");
    assert!(chart.contains("chart-path"), "the path from the baseline is drawn");
    assert!(page.contains(r#"<table class="years">"#), "the data table is beside the chart");
}

#[test]
fn minify_shrinks_every_page_keeps_its_language_and_stays_deterministic() {
    let plain = built_minimal();
    let site = TestSite::fixture("minimal");
    assert_success(&site.run_with_env(&["build", "--minify"], &[("RAYON_NUM_THREADS", "1")]));
    let minified = site.snapshot();
    assert_success(&site.run_with_env(&["build", "--minify"], &[("RAYON_NUM_THREADS", "4")]));
    assert_eq!(minified, site.snapshot(), "byte-identical across runs and thread counts");
    let originals = plain.snapshot();
    for (path, bytes) in &minified {
        if path.starts_with("pagefind") {
            // Made from the pages as rendered, before minifying: pagefind's parser cannot infer the
            // closing tags the minifier leaves out.
            assert_eq!(bytes, &originals[path], "{} is the same as without --minify", path.display());
        } else if path.extension().is_some_and(|e| e == "html") {
            assert!(bytes.len() < originals[path].len(), "{} is smaller", path.display());
        } else {
            assert_eq!(bytes, &originals[path], "{} is not an HTML page and is left alone", path.display());
        }
    }
    let indexed = |site: &TestSite| {
        let entry: serde_json::Value = serde_json::from_str(&site.page("pagefind/pagefind-entry.json")).unwrap();
        let languages = entry["languages"].as_object().unwrap().iter();
        languages.map(|(lang, index)| (lang.clone(), index["page_count"].clone())).collect::<Vec<_>>()
    };
    assert_eq!(indexed(&site), indexed(&plain), "the minified pages are indexed alike");
    let index_files = |files: &std::collections::BTreeMap<std::path::PathBuf, Vec<u8>>| {
        files.keys().filter(|path| path.starts_with("pagefind")).count()
    };
    assert_eq!(index_files(&minified), index_files(&originals));
    let set_aside =
        site.root().read_dir().unwrap().flatten().filter(|e| e.file_name().to_string_lossy().contains(".aside-"));
    assert_eq!(set_aside.count(), 0, "what the index was made from is removed after the build");
    let page = site.page("indicators/quality-share/index.html");
    assert!(page.contains("<html lang=zh-Hans>") || page.contains(r#"<html lang="zh-Hans">"#), "lang is kept");
    assert!(page.contains("优质学校占比") && page.contains("<svg"), "content and chart are kept");
    assert!(!page.contains("\n\n"));
}

#[test]
fn sections_without_records_leave_the_menu_the_home_page_and_the_progress_tables() {
    let site = TestSite::fixture("minimal");
    for folder in ["showcases", "schools", "departments", "results", "tags"] {
        std::fs::remove_dir_all(site.root().join("content").join(folder)).unwrap();
    }
    for file in ["content/indicators/new-schools.yaml", "content/indicators/quality-share.yaml"] {
        site.edit(file, "departments: [basic-education]\n", "");
    }
    site.edit("content/plans/test-plan.yaml", "    departments: [basic-education]\n", "");
    assert_success(&site.build());
    let home = site.page("index.html");
    let menu = home.split_once(r#"class="main-nav""#).unwrap().1.split_once("</nav>").unwrap().0;
    for (section, label) in
        [("showcases", "典型案例"), ("schools", "学校"), ("results", "年度报告"), ("departments", "职能部门")]
    {
        assert!(!menu.contains(&format!("/{section}/")) && !menu.contains(label), "{section} in the menu: {menu}");
        assert!(!site.public().join(section).exists(), "no empty {section} pages");
    }
    assert!(menu.contains("/indicators/"), "sections with records stay: {menu}");
    assert!(!home.contains("最新典型案例"), "no empty `latest showcases` heading");
    assert!(!home.contains(r#"href="/tags/""#), "the footer drops the empty tag list");
    let progress = site.page("progress/index.html");
    assert!(progress.contains("按规划统计"));
    assert!(!progress.contains("按年度统计") && !progress.contains("按职能部门统计"), "no empty progress tables");
    let map = site.page("sitemap/index.html");
    assert!(!map.contains(r#"href="/schools/""#) && !map.contains(r#"href="/showcases/""#));
    let check = site.run(&["check"]);
    assert!(check.success, "every remaining link leads somewhere: {}", check.stderr);
}
