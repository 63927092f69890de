//! `serve`'s rebuild after an edit reads again only the files named, reuses unchanged pages, and
//! renders the others: the result must equal a fresh load and full build, byte for byte, and an
//! edit must not re-render pages that do not show what changed.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use common::TestSite;
use gongkai::diagnostics::Diagnostics;
use gongkai::render::incremental::PageCache;
use gongkai::render::pages::PageKind;
use gongkai::render::views::Views;
use gongkai::render::{self, RenderOptions};
use gongkai::serve::watcher::Changes;
use gongkai::serve::{Outcome, Preview};
use gongkai::site::{self, Drafts};
use gongkai::steps::Silent;

const SHOWCASE: &str = "content/showcases/cd-baseline-assessment-2020.zh.md";

/// A site being served: the files read and the pages rendered carry over from one edit to the
/// next, as in `serve`.
struct Session {
    site: TestSite,
    preview: Preview,
    pages: PageCache,
    options: RenderOptions,
    /// The files of the last rebuild.
    files: BTreeMap<String, Vec<u8>>,
}

impl Session {
    fn start() -> Self {
        Self::start_with(RenderOptions::default())
    }

    /// A session whose pages, incremental and full, are rendered with `options`.
    fn start_with(options: RenderOptions) -> Self {
        let site = TestSite::example();
        let preview = Preview::new(site.root());
        let mut session =
            Session { site, preview, pages: PageCache::with_options(options), options, files: BTreeMap::new() };
        let first = session.rebuild_after(Changes::unknown());
        assert!(first.len() > 100, "the first render renders every page");
        session
    }

    /// A page of the last rebuild.
    fn page(&self, path: &str) -> String {
        String::from_utf8_lossy(&self.files[path]).into_owned()
    }

    fn cache_len(&self) -> usize {
        self.pages.len()
    }

    /// Rebuilds after the watcher reported `paths` (relative to the site's root), checks the
    /// result against a fresh build, and returns the pages rendered again.
    fn rebuild(&mut self, paths: &[&str]) -> Vec<String> {
        self.rebuild_after(changes(paths))
    }

    fn rebuild_after(&mut self, changes: Changes) -> Vec<String> {
        let Outcome::Built { snapshot, .. } = self.preview.rebuild(&changes) else {
            panic!("the edited site is valid:\n{}", self.fresh_errors());
        };
        let mut diagnostics = Diagnostics::new();
        let incremental = self.pages.render_all(&snapshot, &mut diagnostics);
        assert!(!diagnostics.has_errors(), "{diagnostics:?}");
        let files: BTreeMap<String, Vec<u8>> =
            incremental.files.iter().map(|(path, bytes)| (path.clone(), bytes.to_vec())).collect();
        let full = self.full_build();
        assert_eq!(files.keys().collect::<Vec<_>>(), full.keys().collect::<Vec<_>>());
        for (path, bytes) in &full {
            assert!(files[path] == *bytes, "`{path}` differs from a full build");
        }
        self.files = files;
        incremental.rendered
    }

    /// Rebuilds after `paths` changed, expecting the site to be broken; returns the message.
    fn rebuild_failing(&mut self, paths: &[&str]) -> String {
        match self.preview.rebuild(&changes(paths)) {
            Outcome::Failed { message } => message,
            Outcome::Built { .. } => panic!("the edited site should not load"),
        }
    }

    /// Every file a fresh load and full render of the site gives.
    fn full_build(&self) -> BTreeMap<String, Vec<u8>> {
        let mut diagnostics = Diagnostics::new();
        let loaded = site::load(self.site.root(), Drafts::Include, &mut diagnostics);
        let (site, theme) = loaded.renderable(&diagnostics).expect("a fresh load of the edited site is valid");
        let files = render::render_with(site, theme, self.options, &mut diagnostics, &Silent);
        assert!(!diagnostics.has_errors(), "{diagnostics:?}");
        files.into_iter().map(|f| (f.path, f.bytes)).collect()
    }

    fn fresh_errors(&self) -> String {
        let mut diagnostics = Diagnostics::new();
        site::load(self.site.root(), Drafts::Include, &mut diagnostics);
        format!("{diagnostics:?}")
    }

    fn rename(&self, from: &str, to: &str) {
        std::fs::rename(self.site.root().join(from), self.site.root().join(to)).unwrap();
    }

    fn remove(&self, path: &str) {
        std::fs::remove_file(self.site.root().join(path)).unwrap();
    }
}

/// What the watcher reports for `paths`: a path below `themes/` is a theme change.
fn changes(paths: &[&str]) -> Changes {
    let (theme, files): (Vec<&str>, Vec<&str>) = paths.iter().partition(|path| path.starts_with("themes/"));
    Changes { files: files.iter().map(PathBuf::from).collect(), theme: !theme.is_empty(), unknown: false }
}

#[test]
fn nothing_is_rendered_again_when_nothing_changed() {
    let mut session = Session::start();
    assert_eq!(session.rebuild(&[]), Vec::<String>::new());
}

#[test]
fn a_showcase_body_edit_renders_that_showcase_and_the_pages_that_list_it() {
    let mut session = Session::start();
    session.site.edit(SHOWCASE, "## 起点评估怎么做", "## 起点评估是怎么做的");
    let rendered = session.rebuild(&[SHOWCASE]);
    assert_rendered(
        &rendered,
        &[
            "showcases/cd-baseline-assessment-2020/index.html",
            "en/showcases/cd-baseline-assessment-2020/index.html",
            "zh-hant/showcases/cd-baseline-assessment-2020/index.html",
            "large-text/showcases/cd-baseline-assessment-2020/index.html",
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
    let distinct: BTreeSet<&str> = rendered.iter().map(|p| page_without_prefixes(p)).collect();
    assert!(distinct.len() < 20, "{} pages rendered again: {distinct:?}", distinct.len());
}

#[test]
fn a_showcase_title_edit_updates_every_page_that_links_it() {
    let mut session = Session::start();
    session.site.edit(SHOWCASE, "title: 起点评估", "title: 新标题：起点评估");
    let rendered = session.rebuild(&[SHOWCASE]);
    assert_rendered(
        &rendered,
        &["showcases/cd-baseline-assessment-2020/index.html", "schools/cd-support-a/index.html"],
    );
}

#[test]
fn only_the_files_the_watcher_names_are_read_again() {
    let mut session = Session::start();
    session.site.edit(SHOWCASE, "## 起点评估怎么做", "## 起点评估是怎么做的");
    // The watcher has not reported the edit yet: the site is as it was read.
    let Outcome::Built { read, snapshot, .. } = session.preview.rebuild(&changes(&[])) else {
        panic!("the site loads")
    };
    assert_eq!(read, 0);
    assert!(session.pages.stale(&snapshot).pages.is_empty(), "no page changed");
    assert!(!session.rebuild(&[SHOWCASE]).is_empty(), "the reported edit is seen");
}

#[test]
fn adding_and_removing_a_showcase_equals_a_full_build() {
    let mut session = Session::start();
    let text = session.site.read_source(SHOWCASE).replace("date: 2020-12-10", "date: 2024-12-30");
    session.site.write("content/showcases/aa-new-story.zh.md", &text);
    let rendered = session.rebuild(&["content/showcases/aa-new-story.zh.md"]);
    assert_rendered(&rendered, &["showcases/aa-new-story/index.html", "index.html", "showcases/index.html"]);
    let english = SHOWCASE.replace(".zh.md", ".en.md");
    session.remove(SHOWCASE);
    session.remove(&english);
    session.rebuild(&[SHOWCASE, &english]);
}

#[test]
fn renaming_a_showcase_moves_its_pages() {
    let mut session = Session::start();
    let (zh, en) = ("content/showcases/cd-first-assessment.zh.md", "content/showcases/cd-first-assessment.en.md");
    session.rename(SHOWCASE, zh);
    session.rename(&SHOWCASE.replace(".zh.md", ".en.md"), en);
    let rendered = session.rebuild(&[SHOWCASE, &SHOWCASE.replace(".zh.md", ".en.md"), zh, en]);
    assert_rendered(
        &rendered,
        &["showcases/cd-first-assessment/index.html", "en/showcases/cd-first-assessment/index.html"],
    );
}

#[test]
fn an_id_change_moves_the_page_and_updates_the_pages_that_link_it() {
    let mut session = Session::start();
    let school = "content/schools/chengdu/cd-support-a.yaml";
    session.site.edit(school, "id: cd-support-a", "id: cd-support-east");
    session.site.edit(SHOWCASE, "cd-experimental-1, cd-support-a]", "cd-experimental-1, cd-support-east]");
    let rendered = session.rebuild(&[school, SHOWCASE]);
    assert_rendered(
        &rendered,
        &[
            "schools/cd-support-east/index.html",
            "schools/index.html",
            "showcases/cd-baseline-assessment-2020/index.html",
        ],
    );
}

#[test]
fn a_file_that_fails_to_parse_is_reported_and_its_fix_recovers_the_site() {
    let mut session = Session::start();
    session.site.edit(SHOWCASE, "date: 2020-12-10", "date: [2020-12-10");
    let message = session.rebuild_failing(&[SHOWCASE]);
    assert!(message.contains("cd-baseline-assessment-2020.zh.md:3:"), "{message}");
    session.site.edit(SHOWCASE, "date: [2020-12-10", "date: 2020-12-10");
    assert_eq!(session.rebuild(&[SHOWCASE]), Vec::<String>::new(), "the fix brings back the site as it was");
}

#[test]
fn a_folder_added_or_removed_is_read_again_whole() {
    let mut session = Session::start();
    let text = session.site.read_source(SHOWCASE).replace("date: 2020-12-10", "date: 2024-12-30");
    session.site.write("content/showcases/more/aa-new-story.zh.md", &text);
    let rendered = session.rebuild(&["content/showcases/more"]);
    assert_rendered(&rendered, &["showcases/aa-new-story/index.html"]);
    std::fs::remove_dir_all(session.site.root().join("content/showcases/more")).unwrap();
    session.rebuild(&["content/showcases/more"]);
}

#[test]
fn lost_events_read_again_every_file_that_changed() {
    let mut session = Session::start();
    session.site.edit(SHOWCASE, "## 起点评估怎么做", "## 起点评估是怎么做的！");
    let rendered = session.rebuild_after(Changes::unknown());
    assert_rendered(&rendered, &["showcases/cd-baseline-assessment-2020/index.html"]);
}

#[test]
fn an_indicator_figure_edit_renders_the_pages_showing_its_status() {
    let mut session = Session::start();
    let file = "content/indicators/chengdu-strong-junior/guiding-experts.yaml";
    // 2024: 2 experts against a target of 3 (behind) becomes 3 (met).
    session.site.edit(file, "  - year: 2024\n    value: 2", "  - year: 2024\n    value: 3");
    let rendered = session.rebuild(&[file]);
    assert_rendered(&rendered, &["indicators/cd-guiding-experts/index.html", "progress/index.html"]);
    assert_not_rendered(&rendered, &["methodology/index.html"]);
}

#[test]
fn a_page_template_edit_renders_only_the_pages_using_it() {
    let mut session = Session::start();
    let template = "themes/default/templates/showcase.html";
    session.site.edit(template, "<article>", "<article class=\"story\">");
    let rendered = session.rebuild(&[template]);
    assert!(!rendered.is_empty());
    assert!(rendered.iter().all(|p| p.contains("showcases/") && !p.contains("showcases/index.html")), "{rendered:?}");
}

#[test]
fn a_shared_template_edit_renders_every_page() {
    let mut session = Session::start();
    let pages = session.cache_len();
    let template = "themes/default/templates/base.html";
    session.site.edit(template, "<main id=\"main\"", "<main data-edited id=\"main\"");
    assert_eq!(session.rebuild(&[template]).len(), pages);
}

#[test]
fn a_config_edit_renders_every_page() {
    let mut session = Session::start();
    let pages = session.cache_len();
    // Later, not earlier: a report dated after `as_of` is an error.
    session.site.edit("gongkai.yaml", "as_of: 2024-12-31", "as_of: 2025-01-31");
    assert_eq!(session.rebuild(&["gongkai.yaml"]).len(), pages);
}

#[test]
fn an_english_string_edit_renders_the_english_pages_only() {
    let mut session = Session::start();
    let strings = "themes/default/i18n/en.yaml";
    session.site.edit(strings, "nav_home:", "nav_home_unused: x\nnav_home:");
    let rendered = session.rebuild(&[strings]);
    assert!(!rendered.is_empty());
    assert!(rendered.iter().all(|p| without_reading_mode(p).starts_with("en/")), "{rendered:?}");
}

/// A lookup no context makes: the methodology page shows the title of [`SHOWCASE`], which it
/// does not otherwise read. Nothing lists it as a dependency of the page.
fn methodology_shows_a_showcase(views: &Views, kind: PageKind, context: &mut tera::Context) {
    if kind == PageKind::Methodology {
        let index = views.routes().showcases.iter().position(|s| s.id == "cd-baseline-assessment-2020").unwrap();
        context.insert("extra_title", &views.showcase_card(index).title.text);
    }
}

#[test]
fn a_record_a_context_starts_reading_is_a_dependency_without_any_list_edited() {
    let template = "themes/default/templates/methodology.html";
    let mut session = Session::start_with(RenderOptions {
        extra_lookup: Some(methodology_shows_a_showcase),
        ..RenderOptions::default()
    });
    session.site.edit(template, "{% block content %}", "{% block content %}<p id=\"extra\">{{ extra_title }}</p>");
    let rendered = session.rebuild(&[template]);
    assert_rendered(&rendered, &["methodology/index.html"]);
    assert!(session.page("methodology/index.html").contains("<p id=\"extra\">起点评估"));
    session.site.edit(SHOWCASE, "title: 起点评估", "title: 新标题：起点评估");
    // `rebuild` compares every page with a full build: a stale methodology page fails it.
    let rendered = session.rebuild(&[SHOWCASE]);
    assert_rendered(&rendered, &["methodology/index.html", "en/methodology/index.html"]);
    assert_not_rendered(&rendered, &["progress/index.html"]);
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

/// A page's path without its reading-mode folder (`large-text/en/x/` → `en/x/`).
fn without_reading_mode(path: &str) -> &str {
    ["large-text/", "high-contrast/"].iter().find_map(|mode| path.strip_prefix(mode)).unwrap_or(path)
}

/// A page's path without its reading-mode and language folders (`large-text/en/x/` → `x/`).
fn page_without_prefixes(path: &str) -> &str {
    let path = without_reading_mode(path);
    ["en/", "zh-hant/"].iter().find_map(|lang| path.strip_prefix(lang)).unwrap_or(path)
}

#[test]
fn every_file_of_a_build_is_found_at_its_path_and_nothing_else() {
    use gongkai::render::incremental::Found;
    let site = TestSite::example();
    let Outcome::Built { snapshot, .. } = Preview::new(site.root()).rebuild(&Changes::unknown()) else {
        panic!("the example site loads")
    };
    let preview = Preview::new(std::path::Path::new("."));
    let session =
        Session { site, preview, pages: PageCache::new(), options: RenderOptions::default(), files: BTreeMap::new() };
    let full = session.full_build();
    for (path, bytes) in &full {
        match snapshot.find(path) {
            Some(Found::Page(plan)) => assert_eq!(plan.file(snapshot.site()), *path),
            Some(Found::File(found)) => assert!(found == *bytes, "`{path}` differs from a full build"),
            None => panic!("`{path}` is not found"),
        }
    }
    for missing in ["large-text/404.html", "fr/index.html", "plans/no-such-plan/index.html", "en/static/x.css"] {
        assert!(snapshot.find(missing).is_none(), "`{missing}` is found");
    }
    let not_found = |path: &str| snapshot.not_found(path).map(|plan| plan.file(snapshot.site()));
    assert_eq!(not_found("zh-hant/plans/x/index.html").as_deref(), Some("zh-hant/404.html"));
    assert_eq!(not_found("large-text/en/x").as_deref(), Some("en/404.html"));
}
