//! Rendering again after an edit, touching only the pages whose inputs changed.
//!
//! A page is rendered from its path and language, its template (with the templates it shares),
//! the UI strings, and the [`Record`]s its context read, as [`super::views::Views`] logged them
//! while rendering it; [`super::fingerprints`] makes one fingerprint of all of these. A page not
//! rendered yet has no fingerprint, so it is rendered when first asked for.
//!
//! A [`Snapshot`] is one version of the site: its model and theme. The [`PageCache`] keeps the
//! rendered pages from one snapshot to the next, each with what it read and its fingerprint: a
//! page whose records, template and strings are unchanged in the new snapshot keeps its bytes, the
//! others are rendered again when they are asked for ([`PageCache::page`]) or all together
//! ([`PageCache::render_all`]). A snapshot works out fingerprints, routes and the files beside the
//! pages only when they are first needed, so making one costs nothing beyond the model, and
//! `serve` can publish it at once.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use bytes::Bytes;
use rayon::prelude::*;

use super::fingerprints::RecordFingerprints;
use super::pages::{self, PageKind, PagePlan};
use super::records::Record;
use super::{Bases, CompiledTheme, RenderOptions, RenderedPage, render_plan};
use crate::config::ReadingMode;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::Lang;
use crate::model::Site;

/// One version of the site, ready to render from.
pub struct Snapshot {
    site: Site,
    theme: Arc<CompiledTheme>,
    fingerprints: RecordFingerprints,
    /// A page's file below its language's root (`schools/x/index.html`) → the page.
    routes: OnceLock<HashMap<String, PageKind>>,
    /// The files beside the pages (see [`super::site_files`]), by path.
    site_files: OnceLock<HashMap<String, Bytes>>,
    bases: OnceLock<Bases>,
}

/// What a path below the site root names.
pub enum Found {
    Page(PagePlan),
    File(Bytes),
}

impl Snapshot {
    pub fn new(site: Site, theme: Arc<CompiledTheme>) -> Self {
        let fingerprints = RecordFingerprints::new(&site);
        let (routes, site_files, bases) = (OnceLock::new(), OnceLock::new(), OnceLock::new());
        Snapshot { site, theme, fingerprints, routes, site_files, bases }
    }

    pub fn site(&self) -> &Site {
        &self.site
    }

    pub fn theme(&self) -> &CompiledTheme {
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

    fn bases(&self) -> &Bases {
        self.bases.get_or_init(|| Bases::new(&self.site, &self.theme))
    }

    /// The fingerprint of page `plan` at `path` of this snapshot, had it read `reads`; `None` when
    /// this snapshot lacks one of them.
    fn inputs(&self, plan: PagePlan, path: &str, reads: &[Record]) -> Option<u64> {
        let mut hasher = DefaultHasher::new();
        plan.lang.code().hash(&mut hasher);
        // The path includes the reading mode's folder, so each mode's copy is its own page.
        path.hash(&mut hasher);
        self.bases().strings_fingerprint(plan.lang).hash(&mut hasher);
        self.theme.template_fingerprint(plan.kind.template()).hash(&mut hasher);
        for record in reads {
            (record, self.fingerprints.get(&self.site, *record)?).hash(&mut hasher);
        }
        Some(hasher.finish())
    }

    /// Every page, in the order of [`pages::plan`].
    fn all_pages(&self) -> Vec<PageInputs> {
        pages::plan(&self.site).into_iter().map(|plan| PageInputs::new(self, plan)).collect()
    }
}

/// A page of a snapshot and where it goes.
pub struct PageInputs {
    plan: PagePlan,
    path: String,
}

impl PageInputs {
    fn new(snapshot: &Snapshot, plan: PagePlan) -> Self {
        PageInputs { plan, path: plan.file(&snapshot.site) }
    }

    pub fn path(&self) -> &str {
        &self.path
    }
}

/// Rendered pages by path, each with the records it read and the fingerprint of its inputs.
/// Shared by the threads that render: a page is rendered outside the lock, so two threads may
/// render the same page at once, which costs time but never correctness.
#[derive(Default)]
pub struct PageCache {
    pages: Mutex<HashMap<String, CachedPage>>,
    /// Pages rendered so far, for telling how many an edit cost.
    renders: AtomicUsize,
    options: RenderOptions,
}

#[derive(Clone)]
struct CachedPage {
    inputs: u64,
    reads: Arc<[Record]>,
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

    /// A cache that renders its pages with `options` (minified, or with a test's extra lookup).
    pub fn with_options(options: RenderOptions) -> Self {
        PageCache { options, ..Self::default() }
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
        self.render_stale(snapshot, &PageInputs::new(snapshot, plan))
    }

    /// The bytes cached for `page` if they are still what `snapshot` renders there.
    fn fresh(&self, snapshot: &Snapshot, page: &PageInputs) -> Option<Bytes> {
        // Cloned out of the lock, so that the fingerprints are worked out without holding it.
        let cached = self.lock().get(&page.path).cloned()?;
        let inputs = snapshot.inputs(page.plan, &page.path, &cached.reads)?;
        (inputs == cached.inputs).then_some(cached.bytes)
    }

    /// [`page`](Self::page) for a page of [`stale`](Self::stale) (which may have been rendered
    /// since, by a request).
    pub fn render_stale(&self, snapshot: &Snapshot, page: &PageInputs) -> Result<Page, Diagnostic> {
        if let Some(bytes) = self.fresh(snapshot, page) {
            return Ok(Page { bytes, rendered: false });
        }
        let RenderedPage { file, reads } =
            render_plan(&snapshot.site, &snapshot.theme, snapshot.bases(), page.plan, self.options)?;
        self.renders.fetch_add(1, Ordering::Relaxed);
        let bytes = Bytes::from(file.bytes);
        let inputs = snapshot.inputs(page.plan, &page.path, &reads).expect("the records read are the snapshot's");
        let cached = CachedPage { inputs, reads: reads.into(), bytes: bytes.clone() };
        self.lock().insert(page.path.clone(), cached);
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
        let all = snapshot.all_pages();
        let paths: HashSet<&str> = all.iter().map(|page| page.path.as_str()).collect();
        self.lock().retain(|path, _| paths.contains(path.as_str()));
        let fresh: Vec<bool> = all.par_iter().map(|page| self.fresh(snapshot, page).is_some()).collect();
        let pages: Vec<PageInputs> =
            all.into_iter().zip(&fresh).filter(|(_, fresh)| !**fresh).map(|(p, _)| p).collect();
        Stale { unchanged: fresh.len() - pages.len(), pages }
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
        let current = snapshot.all_pages();
        let fresh = current.par_iter().filter_map(|page| Some((page.path.clone(), self.fresh(snapshot, page)?)));
        let mut files: BTreeMap<String, Bytes> = fresh.collect();
        files.extend(snapshot.site_files().iter().map(|(path, bytes)| (path.clone(), bytes.clone())));
        rendered.sort();
        Rendered { files, rendered, reused: unchanged }
    }
}
