//! Rendering after an edit reuses unchanged pages; the result must equal a full build, byte for
//! byte, and an edit must not re-render pages that do not show what changed.

mod common;

use std::collections::BTreeMap;

use common::TestSite;
use gongkai::diagnostics::Diagnostics;
use gongkai::render::{self, incremental::PageCache};
use gongkai::site::{self, Drafts};

const SHOWCASE: &str = "content/showcases/cd-baseline-assessment-2020.zh.md";

/// A site being served: the cache carries over from one edit to the next.
struct Session {
    site: TestSite,
    cache: PageCache,
}

impl Session {
    fn cache_len(&self) -> usize {
        self.cache.len()
    }
}

impl Session {
    fn start() -> Self {
        let mut session = Session { site: TestSite::example(), cache: PageCache::new() };
        let first = session.rebuild();
        assert!(first.len() > 100, "the first render renders every page");
        session
    }

    /// Renders incrementally, checks it against a full render, returns the pages rendered again.
    fn rebuild(&mut self) -> Vec<String> {
        let root = self.site.root();
        let mut diagnostics = Diagnostics::new();
        let loaded = site::load(root, Drafts::Include, &mut diagnostics);
        let theme = render::load_theme(root, &mut diagnostics).unwrap();
        let site = loaded.site.expect("the edited site is valid");
        let incremental = self.cache.render(&site, &theme, &mut diagnostics);
        assert!(!diagnostics.has_errors(), "{diagnostics:?}");
        let full: BTreeMap<String, Vec<u8>> =
            render::render(&site, &theme, &mut diagnostics).into_iter().map(|f| (f.path, f.bytes)).collect();
        let files: BTreeMap<String, Vec<u8>> =
            incremental.files.iter().map(|(path, bytes)| (path.clone(), bytes.to_vec())).collect();
        assert_eq!(files.keys().collect::<Vec<_>>(), full.keys().collect::<Vec<_>>());
        for (path, bytes) in &full {
            assert!(files[path] == *bytes, "`{path}` differs from a full build");
        }
        incremental.rendered
    }
}

fn assert_rendered(rendered: &[String], expected: &[&str]) {
    for path in expected {
        assert!(rendered.iter().any(|p| p == path), "`{path}` was not rendered again; rendered: {rendered:?}");
    }
}

fn assert_not_rendered(rendered: &[String], unexpected: &[&str]) {
    for path in unexpected {
        assert!(!rendered.iter().any(|p| p == path), "`{path}` was rendered again; rendered: {rendered:?}");
    }
}

#[test]
fn nothing_is_rendered_again_when_nothing_changed() {
    let mut session = Session::start();
    assert_eq!(session.rebuild(), Vec::<String>::new());
}

#[test]
fn a_showcase_body_edit_renders_that_showcase_and_the_pages_that_list_it() {
    let mut session = Session::start();
    session.site.edit(SHOWCASE, "## 起点评估怎么做", "## 起点评估是怎么做的");
    let rendered = session.rebuild();
    assert_rendered(
        &rendered,
        &[
            "showcases/cd-baseline-assessment-2020/index.html",
            "en/showcases/cd-baseline-assessment-2020/index.html",
            "schools/cd-experimental-1/index.html",
            "indicators/cd-guiding-experts/index.html",
            "plans/chengdu-strong-junior/index.html",
            "tags/strong-school/index.html",
        ],
    );
    assert_not_rendered(
        &rendered,
        &[
            "plans/index.html",
            "indicators/index.html",
            "schools/index.html",
            "tags/index.html",
            "progress/index.html",
            "methodology/index.html",
            "404.html",
            "plans/changzhou-quality-2018/index.html",
        ],
    );
    // Far fewer than the whole site: the showcase's own pages and the pages that list or link it,
    // counted once across languages and reading modes.
    let distinct: std::collections::BTreeSet<&str> = rendered.iter().map(|p| page_without_prefixes(p)).collect();
    assert!(distinct.len() < 20, "{} pages rendered again: {distinct:?}", distinct.len());
}

#[test]
fn a_showcase_title_edit_updates_every_page_that_links_it() {
    let mut session = Session::start();
    session.site.edit(SHOWCASE, "title: 起点评估", "title: 新标题：起点评估");
    let rendered = session.rebuild();
    assert_rendered(
        &rendered,
        &["showcases/cd-baseline-assessment-2020/index.html", "schools/cd-support-a/index.html"],
    );
}

#[test]
fn adding_and_removing_a_showcase_equals_a_full_build() {
    let mut session = Session::start();
    let text = session.site.read_source(SHOWCASE).replace("date: 2020-12-10", "date: 2024-12-30");
    session.site.write("content/showcases/aa-new-story.zh.md", &text);
    let rendered = session.rebuild();
    assert_rendered(&rendered, &["showcases/aa-new-story/index.html", "index.html", "showcases/index.html"]);
    std::fs::remove_file(session.site.root().join(SHOWCASE)).unwrap();
    std::fs::remove_file(session.site.root().join(SHOWCASE.replace(".zh.md", ".en.md"))).unwrap();
    session.rebuild();
}

#[test]
fn an_indicator_figure_edit_renders_the_pages_showing_its_status() {
    let mut session = Session::start();
    let file = "content/indicators/chengdu-strong-junior/guiding-experts.yaml";
    // 2024: 2 experts against a target of 3 (behind) becomes 3 (met).
    session.site.edit(file, "  - year: 2024\n    value: 2", "  - year: 2024\n    value: 3");
    let rendered = session.rebuild();
    assert_rendered(&rendered, &["indicators/cd-guiding-experts/index.html", "progress/index.html"]);
    assert_not_rendered(&rendered, &["methodology/index.html"]);
}

#[test]
fn a_page_template_edit_renders_only_the_pages_using_it() {
    let mut session = Session::start();
    session.site.edit("themes/default/templates/showcase.html", "<article>", "<article class=\"story\">");
    let rendered = session.rebuild();
    assert!(!rendered.is_empty());
    assert!(rendered.iter().all(|p| p.contains("showcases/") && !p.contains("showcases/index.html")), "{rendered:?}");
}

#[test]
fn a_shared_template_edit_renders_every_page() {
    let mut session = Session::start();
    let pages = session.cache_len();
    session.site.edit("themes/default/templates/base.html", "<main id=\"main\"", "<main data-edited id=\"main\"");
    assert_eq!(session.rebuild().len(), pages);
}

#[test]
fn a_config_edit_renders_every_page() {
    let mut session = Session::start();
    let pages = session.cache_len();
    session.site.edit("gongkai.yaml", "as_of: 2024-12-31", "as_of: 2023-12-31");
    assert_eq!(session.rebuild().len(), pages);
}

#[test]
fn an_english_string_edit_renders_the_english_pages_only() {
    let mut session = Session::start();
    session.site.edit("themes/default/i18n/en.yaml", "nav_home:", "nav_home_unused: x\nnav_home:");
    let rendered = session.rebuild();
    assert!(!rendered.is_empty());
    assert!(rendered.iter().all(|p| without_reading_mode(p).starts_with("en/")), "{rendered:?}");
}

/// A page's path without its reading-mode folder (`large-text/en/x/` → `en/x/`).
fn without_reading_mode(path: &str) -> &str {
    ["large-text/", "high-contrast/"].iter().find_map(|mode| path.strip_prefix(mode)).unwrap_or(path)
}

/// A page's path without its reading-mode and language folders (`large-text/en/x/` → `x/`).
fn page_without_prefixes(path: &str) -> &str {
    let path = without_reading_mode(path);
    ["en/", "zh-hant/"].iter().find_map(|lang| path.strip_prefix(lang)).unwrap_or(path)
}
