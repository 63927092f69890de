//! Rendering again after an edit, touching only the pages whose inputs changed.
//!
//! Every page has a fingerprint of all it is rendered from: its path and language, its template
//! (with the templates it shares), the UI strings, and each [`Record`] it shows
//! ([`pages::dependencies`]). A record's fingerprint covers its derived fields too, so editing a
//! showcase changes the showcase and the schools, indicators, plans and tags that list it, and
//! nothing else. Rendered Markdown enters a fingerprint as its length and digest
//! ([`crate::markdown::SharedHtml`]), so fingerprinting never reads a whole body.
//!
//! A [`Snapshot`] is one version of the site: its model and theme. The [`PageCache`] keeps the
//! rendered pages from one snapshot to the next, each with its fingerprint: a page whose
//! fingerprint is unchanged keeps its bytes, the others are rendered again when they are asked for
//! ([`PageCache::page`]) or all together ([`PageCache::render_all`]). A snapshot works out
//! fingerprints, routes and the files beside the pages only when they are first needed, so making
//! one costs nothing beyond the model, and `serve` can publish it at once.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::{self, Debug};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use bytes::Bytes;
use rayon::prelude::*;

use super::pages::{self, PageKind, PagePlan, Record};
use super::{RenderOptions, Theme, render_plan};
use crate::config::ReadingMode;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::Lang;
use crate::model::Site;

/// One version of the site, ready to render from.
pub struct Snapshot {
    site: Site,
    theme: Arc<Theme>,
    fingerprints: Fingerprints,
    /// A page's file below its language's root (`schools/x/index.html`) → the page.
    routes: OnceLock<HashMap<String, PageKind>>,
    /// The files beside the pages (see [`super::site_files`]), by path.
    site_files: OnceLock<HashMap<String, Bytes>>,
}

/// What a path below the site root names.
pub enum Found {
    Page(PagePlan),
    File(Bytes),
}

impl Snapshot {
    pub fn new(site: Site, theme: Arc<Theme>) -> Self {
        let fingerprints = Fingerprints::new(&site);
        Snapshot { site, theme, fingerprints, routes: OnceLock::new(), site_files: OnceLock::new() }
    }

    pub fn site(&self) -> &Site {
        &self.site
    }

    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    /// The page or file at `path` (`en/plans/index.html`, `static/style.3f2a9c1b.css`).
    pub fn find(&self, path: &str) -> Option<Found> {
        match self.page_at(path) {
            Some(plan) => Some(Found::Page(plan)),
            None => self.file_at(path).map(Found::File),
        }
    }

    /// The "not found" page for a missing `path`: the one of the language the path is in.
    pub fn not_found(&self, path: &str) -> Option<PagePlan> {
        let (_, lang, _) = self.split_prefixes(path)?;
        Some(PagePlan { mode: ReadingMode::Standard, lang, kind: PageKind::NotFound })
    }

    /// Mirrors [`pages::plan`]: every page in every reading mode and language of the config,
    /// except the 404 page, which only the standard site has.
    fn page_at(&self, path: &str) -> Option<PagePlan> {
        let (mode, lang, rest) = self.split_prefixes(path)?;
        let kind = *self.routes().get(rest)?;
        (mode == ReadingMode::Standard || kind != PageKind::NotFound).then_some(PagePlan { mode, lang, kind })
    }

    /// A path's reading mode, language and the rest: `large-text/en/plans/` → (large text, en, `plans/`).
    fn split_prefixes<'a>(&self, path: &'a str) -> Option<(ReadingMode, Lang, &'a str)> {
        let config = &self.site.config;
        let prefixed = |dir: &str| !dir.is_empty() && path.starts_with(dir);
        let mode = config.reading_modes.iter().copied().find(|mode| prefixed(mode.dir()));
        let mode = mode.unwrap_or(ReadingMode::Standard);
        let rest = &path[mode.dir().len()..];
        let in_lang = |lang: &Lang| !lang.dir().is_empty() && rest.starts_with(lang.dir());
        let lang = config.languages.iter().find(|lang| in_lang(lang));
        let lang = *lang.or_else(|| config.languages.iter().find(|lang| lang.dir().is_empty()))?;
        Some((mode, lang, &rest[lang.dir().len()..]))
    }

    fn routes(&self) -> &HashMap<String, PageKind> {
        self.routes.get_or_init(|| {
            let first = self.site.config.languages.first();
            let kinds = pages::standard_plan(&self.site).into_iter().filter(|plan| Some(&plan.lang) == first);
            kinds.map(|plan| (plan.kind.file(&self.site), plan.kind)).collect()
        })
    }

    /// A static file of the theme, or another file beside the pages; those are all made at the
    /// first request for one, as the feeds and downloads take as long as many pages.
    fn file_at(&self, path: &str) -> Option<Bytes> {
        if let Some((_, bytes)) = self.theme.static_files.iter().find(|(name, _)| name == path) {
            return Some(Bytes::from(bytes.clone()));
        }
        self.site_files().get(path).cloned()
    }

    fn site_files(&self) -> &HashMap<String, Bytes> {
        self.site_files.get_or_init(|| {
            let files = super::site_files(&self.site, &self.theme).into_iter();
            files.map(|file| (file.path, Bytes::from(file.bytes))).collect()
        })
    }

    /// The inputs every copy of a page shares, whatever its language and reading mode.
    fn kind_inputs(&self, kind: PageKind) -> u64 {
        let mut hasher = DefaultHasher::new();
        self.theme.template_fingerprint(kind.template()).hash(&mut hasher);
        for record in pages::dependencies(&self.site, kind) {
            // The kind without its index: indices shift when records are added, fingerprints do not.
            std::mem::discriminant(&record).hash(&mut hasher);
            self.fingerprints.get(&self.site, record).hash(&mut hasher);
        }
        hasher.finish()
    }

    fn page_inputs(&self, plan: PagePlan, kind_inputs: u64, path: &str) -> u64 {
        let mut hasher = DefaultHasher::new();
        plan.lang.code().hash(&mut hasher);
        // The path includes the reading mode's folder, so each mode's copy is its own page.
        path.hash(&mut hasher);
        self.theme.strings_fingerprint(plan.lang).hash(&mut hasher);
        kind_inputs.hash(&mut hasher);
        hasher.finish()
    }

    fn inputs(&self, plan: PagePlan) -> PageInputs {
        let path = plan.file(&self.site);
        let inputs = self.page_inputs(plan, self.kind_inputs(plan.kind), &path);
        PageInputs { plan, path, inputs }
    }

    /// The inputs of every page, in the order of [`pages::plan`].
    fn all_inputs(&self) -> Vec<PageInputs> {
        let plans = pages::plan(&self.site);
        let kinds: HashSet<PageKind> = plans.iter().map(|plan| plan.kind).collect();
        let kinds: HashMap<PageKind, u64> = kinds.into_par_iter().map(|kind| (kind, self.kind_inputs(kind))).collect();
        plans
            .into_par_iter()
            .map(|plan| {
                let path = plan.file(&self.site);
                let inputs = self.page_inputs(plan, kinds[&plan.kind], &path);
                PageInputs { plan, path, inputs }
            })
            .collect()
    }
}

/// A page of a snapshot, where it goes, and the fingerprint of what it is rendered from.
pub struct PageInputs {
    plan: PagePlan,
    path: String,
    inputs: u64,
}

impl PageInputs {
    pub fn path(&self) -> &str {
        &self.path
    }
}

/// Rendered pages by path, each with the fingerprint of its inputs. Shared by the threads that
/// render: a page is rendered outside the lock, so two threads may render the same page at once,
/// which costs time but never correctness.
#[derive(Default)]
pub struct PageCache {
    pages: Mutex<HashMap<String, CachedPage>>,
    /// Pages rendered so far, for telling how many an edit cost.
    renders: AtomicUsize,
}

struct CachedPage {
    inputs: u64,
    bytes: Bytes,
}

/// A page's bytes, and whether they had to be rendered for this request.
pub struct Page {
    pub bytes: Bytes,
    pub rendered: bool,
}

/// The pages of a snapshot whose inputs changed since they were last rendered.
pub struct Stale {
    pub pages: Vec<PageInputs>,
    pub unchanged: usize,
}

/// The site as rendered into memory, and how much work it took.
pub struct Rendered {
    /// Path below the output folder → contents, for every file `build` would write.
    pub files: BTreeMap<String, Bytes>,
    /// Pages rendered this time, by path.
    pub rendered: Vec<String>,
    /// Pages whose inputs were unchanged, so their last bytes were kept.
    pub reused: usize,
}

impl PageCache {
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<String, CachedPage>> {
        self.pages.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// How many pages the cache holds.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The page of `snapshot`: the bytes rendered last time if its inputs are unchanged, else
    /// rendered now.
    pub fn page(&self, snapshot: &Snapshot, plan: PagePlan) -> Result<Page, Diagnostic> {
        self.render_stale(snapshot, &snapshot.inputs(plan))
    }

    /// [`page`](Self::page) for a page of [`stale`](Self::stale) (which may have been rendered
    /// since, by a request).
    pub fn render_stale(&self, snapshot: &Snapshot, page: &PageInputs) -> Result<Page, Diagnostic> {
        let cached = self.lock().get(&page.path).filter(|cached| cached.inputs == page.inputs).map(|c| c.bytes.clone());
        if let Some(bytes) = cached {
            return Ok(Page { bytes, rendered: false });
        }
        let file = render_plan(&snapshot.site, &snapshot.theme, page.plan, RenderOptions::default())?;
        self.renders.fetch_add(1, Ordering::Relaxed);
        let bytes = Bytes::from(file.bytes);
        self.lock().insert(page.path.clone(), CachedPage { inputs: page.inputs, bytes: bytes.clone() });
        Ok(Page { bytes, rendered: true })
    }

    /// How many pages this cache has rendered, over all snapshots.
    pub fn renders(&self) -> usize {
        self.renders.load(Ordering::Relaxed)
    }

    /// The bytes last rendered at `path`, from whichever snapshot: shown under the error when the
    /// page fails to render now.
    pub fn last(&self, path: &str) -> Option<Bytes> {
        self.lock().get(path).map(|cached| cached.bytes.clone())
    }

    /// The pages of `snapshot` to render again; pages the site no longer has are forgotten.
    pub fn stale(&self, snapshot: &Snapshot) -> Stale {
        let all = snapshot.all_inputs();
        let paths: HashSet<&str> = all.iter().map(|page| page.path.as_str()).collect();
        let mut cached = self.lock();
        cached.retain(|path, _| paths.contains(path.as_str()));
        let is_fresh = |page: &PageInputs| cached.get(&page.path).is_some_and(|c| c.inputs == page.inputs);
        let (fresh, pages): (Vec<PageInputs>, Vec<PageInputs>) = all.into_iter().partition(is_fresh);
        Stale { pages, unchanged: fresh.len() }
    }

    /// Every file of `snapshot`, as `build` would write it, rendering in parallel the pages whose
    /// inputs changed. Pages that fail become diagnostics and are left out; the cache keeps the
    /// others, so a run after a fix renders only what is still missing or changed.
    pub fn render_all(&self, snapshot: &Snapshot, diagnostics: &mut Diagnostics) -> Rendered {
        let Stale { pages, unchanged } = self.stale(snapshot);
        let results: Vec<Result<(String, Bytes), Diagnostic>> = pages
            .par_iter()
            .map(|page| self.render_stale(snapshot, page).map(|done| (page.path.clone(), done.bytes)))
            .collect();
        let mut rendered = Vec::new();
        for result in results {
            match result {
                Ok((path, _)) => rendered.push(path),
                Err(diagnostic) => diagnostics.push(diagnostic),
            }
        }
        let current = snapshot.all_inputs();
        let cached = self.lock();
        let mut files: BTreeMap<String, Bytes> = current
            .into_iter()
            .filter_map(|page| {
                let bytes = cached.get(&page.path).filter(|c| c.inputs == page.inputs)?.bytes.clone();
                Some((page.path, bytes))
            })
            .collect();
        files.extend(snapshot.site_files().iter().map(|(path, bytes)| (path.clone(), bytes.clone())));
        rendered.sort();
        Rendered { files, rendered, reused: unchanged }
    }
}

/// The fingerprint of each record of a site, worked out the first time a page needs it.
struct Fingerprints {
    config: OnceLock<u64>,
    site_counts: OnceLock<u64>,
    showcase_pages: OnceLock<u64>,
    plans: Vec<OnceLock<u64>>,
    indicators: Vec<OnceLock<u64>>,
    schools: Vec<OnceLock<u64>>,
    showcases: Vec<OnceLock<u64>>,
    tags: Vec<OnceLock<u64>>,
    reports: Vec<OnceLock<u64>>,
    departments: Vec<OnceLock<u64>>,
}

impl Fingerprints {
    fn new(site: &Site) -> Self {
        let each = |count: usize| (0..count).map(|_| OnceLock::new()).collect();
        Fingerprints {
            config: OnceLock::new(),
            site_counts: OnceLock::new(),
            showcase_pages: OnceLock::new(),
            plans: each(site.plans.len()),
            indicators: each(site.indicators.len()),
            schools: each(site.schools.len()),
            showcases: each(site.showcases.len()),
            tags: each(site.tags.len()),
            reports: each(site.reports.len()),
            departments: each(site.departments.len()),
        }
    }

    fn get(&self, site: &Site, record: Record) -> u64 {
        let once = |cell: &OnceLock<u64>, value: &dyn Debug| *cell.get_or_init(|| fingerprint(value));
        match record {
            Record::Config => once(&self.config, &site.config),
            Record::SiteCounts => once(&self.site_counts, &site.counts),
            Record::ShowcasePages => once(&self.showcase_pages, &pages::showcase_page_count(site)),
            Record::Plan(i) => once(&self.plans[i], &site.plans[i]),
            Record::Indicator(i) => once(&self.indicators[i], &site.indicators[i]),
            Record::School(i) => once(&self.schools[i], &site.schools[i]),
            Record::Showcase(i) => once(&self.showcases[i], &site.showcases[i]),
            Record::Tag(i) => once(&self.tags[i], &site.tags[i]),
            Record::Report(i) => once(&self.reports[i], &site.reports[i]),
            Record::Department(i) => once(&self.departments[i], &site.departments[i]),
        }
    }
}

/// A hash of a value's `Debug` form: every field, derived ones included, without building the
/// string.
pub(crate) fn fingerprint<T: Debug + ?Sized>(value: &T) -> u64 {
    struct HashWriter(DefaultHasher);
    impl fmt::Write for HashWriter {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            self.0.write(s.as_bytes());
            Ok(())
        }
    }
    let mut writer = HashWriter(DefaultHasher::new());
    let _ = fmt::write(&mut writer, format_args!("{value:?}"));
    writer.0.finish()
}

/// Per page template: a fingerprint of its own source and of every template it may use. A template
/// that no page kind names (`base.html`, `components.html`), or that another template names or
/// that defines components, may be used by any page, so it counts for all of them. This errs on
/// the side of rendering more, never less.
pub(crate) fn template_fingerprints(templates: &[(String, String)]) -> HashMap<String, u64> {
    let page_templates: Vec<&str> = pages::ALL_TEMPLATES.to_vec();
    let is_shared = |name: &str, source: &str| {
        !page_templates.contains(&name)
            || defines_component(source)
            || templates.iter().any(|(other, text)| other != name && names_template(text, name))
    };
    let mut shared = DefaultHasher::new();
    for (name, source) in templates.iter().filter(|(name, source)| is_shared(name, source)) {
        (name, source).hash(&mut shared);
    }
    templates
        .iter()
        .map(|(name, source)| {
            let mut hasher = shared.clone();
            (name, source).hash(&mut hasher);
            (name.clone(), hasher.finish())
        })
        .collect()
}

fn defines_component(source: &str) -> bool {
    source
        .match_indices("{%")
        .any(|(at, _)| source[at + 2..].trim_start_matches(['-', '+']).trim_start().starts_with("component "))
}

fn names_template(source: &str, name: &str) -> bool {
    source.contains(&format!("\"{name}\"")) || source.contains(&format!("'{name}'"))
}

/// The UI strings of one language, for [`Theme::strings_fingerprint`].
pub(crate) fn strings_fingerprints(strings: &BTreeMap<Lang, super::views::Strings>) -> BTreeMap<Lang, u64> {
    strings.iter().map(|(lang, map)| (*lang, fingerprint(map))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn templates(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(n, s)| (n.to_string(), s.to_string())).collect()
    }

    #[test]
    fn a_page_template_edit_changes_only_its_own_fingerprint() {
        let before = template_fingerprints(&templates(&[
            ("base.html", "<body>{% block content %}{% endblock content %}</body>"),
            ("showcase.html", "{% extends \"base.html\" %}one"),
            ("school.html", "{% extends \"base.html\" %}two"),
        ]));
        let after = template_fingerprints(&templates(&[
            ("base.html", "<body>{% block content %}{% endblock content %}</body>"),
            ("showcase.html", "{% extends \"base.html\" %}one, edited"),
            ("school.html", "{% extends \"base.html\" %}two"),
        ]));
        assert_ne!(before["showcase.html"], after["showcase.html"]);
        assert_eq!(before["school.html"], after["school.html"]);
    }

    #[test]
    fn a_shared_template_edit_changes_every_fingerprint() {
        let base = |text: &str| {
            template_fingerprints(&templates(&[
                ("base.html", text),
                ("showcase.html", "{% extends \"base.html\" %}"),
                ("tag.html", "{% extends \"showcase.html\" %}"),
            ]))
        };
        let (before, after) = (base("a"), base("b"));
        assert_ne!(before["showcase.html"], after["showcase.html"]);
        assert_ne!(before["tag.html"], after["tag.html"]);
    }

    #[test]
    fn a_page_template_that_another_extends_counts_for_both() {
        let site = |text: &str| {
            template_fingerprints(&templates(&[
                ("showcase.html", text),
                ("tag.html", "{% extends \"showcase.html\" %}"),
            ]))
        };
        assert_ne!(site("a")["tag.html"], site("b")["tag.html"]);
    }

    #[test]
    fn a_page_template_that_defines_components_counts_for_all() {
        assert!(defines_component("x {%- component card(c) %}{% endcomponent card %}"));
        assert!(!defines_component("{% block content %}components{% endblock content %}"));
    }
}
