//! Stage 4, render: plan the pages, then render each with the theme's tera templates, in parallel.
//!
//! Templates are parsed once per build. Each page gets a small context (see [`views`] and
//! [`context`]) plus the shared `site`, `page` and `t` (UI strings) values; templates cannot read
//! files or look anything up, so what a page shows is decided here.

pub mod assets;
pub mod base;
pub mod bidi;
pub mod charts;
pub mod context;
pub mod downloads;
pub mod feeds;
pub mod fingerprints;
pub mod format;
pub mod govsite;
pub mod incremental;
pub mod links;
pub mod minify;
pub mod pages;
pub mod records;
pub mod search;
pub mod sitemap;
pub mod views;
pub mod years;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::i18n::Lang;
use crate::model::Site;
use crate::theme::{Strings, StringsFile, Template, Theme};
pub use base::Bases;
use base::PageContext;
use pages::{PageKind, PagePlan};
use views::Views;

/// A theme made ready to render with: its templates parsed once, its static files fingerprinted.
pub struct CompiledTheme {
    tera: tera::Tera,
    /// The templates as read, for error locations and for the link check.
    pub templates: Vec<Template>,
    /// The UI strings of each file of the theme's `i18n/`, by language key.
    pub strings: BTreeMap<String, StringsFile>,
    /// Static files under their fingerprinted paths (`static/style.3f2a9c1b.css`).
    pub static_files: Vec<(String, Vec<u8>)>,
    /// Name below `static/` → fingerprinted path below the site root; see [`assets`].
    pub assets: BTreeMap<String, String>,
    /// Template name → its file, for error locations.
    files: HashMap<String, PathBuf>,
    /// Template name → fingerprint of what pages using it are rendered from (see [`incremental`]).
    template_fingerprints: HashMap<String, u64>,
}

impl CompiledTheme {
    /// Parses the templates of `theme`; the error names the template, line and column.
    pub fn new(theme: Theme) -> Result<Self, Diagnostic> {
        let Theme { templates, strings, static_files } = theme;
        let texts: Vec<(String, String)> = templates.iter().map(|t| (t.name.clone(), t.text.clone())).collect();
        let files: HashMap<String, PathBuf> = templates.iter().map(|t| (t.name.clone(), t.file.clone())).collect();
        let template_fingerprints = fingerprints::template_fingerprints(&texts);
        let mut tera = tera::Tera::default();
        tera.autoescape_on([".html", ".xml"]);
        tera.add_raw_templates(texts).map_err(|error| template_error(&error, &files, None))?;
        let assets = assets::fingerprint(static_files);
        Ok(CompiledTheme {
            tera,
            templates,
            strings,
            static_files: assets.files,
            assets: assets.names,
            files,
            template_fingerprints,
        })
    }

    /// Changes whenever an edit to the theme's templates could change pages using `template`.
    pub fn template_fingerprint(&self, template: &str) -> u64 {
        self.template_fingerprints.get(template).copied().unwrap_or_default()
    }

    /// The UI strings of every language of `languages`, each with every key.
    pub fn ui_strings(&self, languages: &[Lang]) -> HashMap<Lang, Strings> {
        languages.iter().map(|lang| (*lang, crate::theme::strings_for(&self.strings, *lang).0)).collect()
    }
}

/// A file of the built site: its path below the output folder and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// tera reports `--> name:line:col` in its message; that becomes the diagnostic's location.
fn template_error(error: &tera::Error, files: &HashMap<String, PathBuf>, page: Option<&str>) -> Diagnostic {
    let text = error.to_string();
    let mut message = text.lines().next().unwrap_or("template error").trim_start_matches("error: ").to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    let location = text.lines().find_map(|line| line.trim().strip_prefix("--> ")).and_then(|position| {
        let mut parts = position.rsplitn(3, ':');
        let column = parts.next()?.parse().ok()?;
        let line = parts.next()?.parse().ok()?;
        let name = parts.next()?;
        Some(Location::new(files.get(name).cloned().unwrap_or_else(|| PathBuf::from(name)), line, column))
    });
    let diagnostic = match location {
        Some(location) => Diagnostic::error(location, message),
        None => Diagnostic::global(message),
    };
    match page {
        Some(page) => diagnostic.with_hint(format!(
            "while rendering `{page}`; every variable a template uses must be in its context (see docs/templates.md)"
        )),
        None => diagnostic,
    }
}

/// How pages are written.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// Minify every page (see [`minify`]), in the same parallel pass that renders it.
    pub minify: bool,
    /// Build the search index from the rendered pages (when the site has search). `build` does;
    /// `check` does not, as no page links into the index.
    pub search_index: bool,
    /// For tests only: a lookup made for every page after its own context, as a new feature
    /// would add one, to show that what a page depends on follows what it reads.
    #[doc(hidden)]
    pub extra_lookup: Option<ExtraLookup>,
}

/// See [`RenderOptions::extra_lookup`].
#[doc(hidden)]
pub type ExtraLookup = fn(&Views, PageKind, &mut tera::Context);

/// Renders every page; pages that fail become diagnostics and are left out.
pub fn render(site: &Site, theme: &CompiledTheme, diagnostics: &mut Diagnostics) -> Vec<OutputFile> {
    render_with(site, theme, RenderOptions::default(), diagnostics, &crate::steps::Silent)
}

/// [`render`] with options, advancing `progress` by one for each page.
pub fn render_with(
    site: &Site,
    theme: &CompiledTheme,
    options: RenderOptions,
    diagnostics: &mut Diagnostics,
    progress: &dyn crate::steps::Progress,
) -> Vec<OutputFile> {
    let files = InMemory::default();
    render_each(site, theme, options, diagnostics, progress, &files);
    let files = files.files.into_inner().expect("no thread panics while holding it");
    files.into_iter().map(|(path, bytes)| OutputFile { path, bytes }).collect()
}

/// Where [`render_each`] puts the files of the site.
pub trait Sink: Sync {
    /// Takes one file; called from many threads at once.
    fn put(&self, file: OutputFile) -> Result<(), Diagnostic>;

    /// The bytes of a file put before. The search index reads its pages back through this once
    /// they are all rendered, rather than keeping them in memory meanwhile.
    fn get(&self, path: &str) -> Result<Vec<u8>, Diagnostic>;

    /// Keeps bytes under `path` that are not a file of the site and must not be published: with
    /// `--minify`, what the search index reads of a page as it was before minifying.
    fn put_aside(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic>;

    /// The bytes kept with [`Sink::put_aside`].
    fn get_aside(&self, path: &str) -> Result<Vec<u8>, Diagnostic>;
}

/// A sink that keeps every file, by path, and what is set aside apart from them.
#[derive(Default)]
struct InMemory {
    files: std::sync::Mutex<BTreeMap<String, Vec<u8>>>,
    aside: std::sync::Mutex<BTreeMap<String, Vec<u8>>>,
}

impl InMemory {
    fn read(map: &std::sync::Mutex<BTreeMap<String, Vec<u8>>>, path: &str) -> Result<Vec<u8>, Diagnostic> {
        let map = map.lock().expect("no thread panics while holding it");
        map.get(path).cloned().ok_or_else(|| Diagnostic::global(format!("`{path}` was not rendered")))
    }
}

impl Sink for InMemory {
    fn put(&self, file: OutputFile) -> Result<(), Diagnostic> {
        self.files.lock().expect("no thread panics while holding it").insert(file.path, file.bytes);
        Ok(())
    }

    fn get(&self, path: &str) -> Result<Vec<u8>, Diagnostic> {
        Self::read(&self.files, path)
    }

    fn put_aside(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.aside.lock().expect("no thread panics while holding it").insert(path.to_string(), bytes.to_vec());
        Ok(())
    }

    fn get_aside(&self, path: &str) -> Result<Vec<u8>, Diagnostic> {
        Self::read(&self.aside, path)
    }
}

/// The theme's script that indicator pages with breakdowns load (see `context::statistics`).
pub const SELECTOR_SCRIPT: &str = "disaggregation.js";

/// The files beside the pages: the theme's static files, `sitemap.xml`, `robots.txt`, the data
/// downloads and the feeds. The search index is not among them: it is made from the pages (see
/// [`render_each`]).
pub fn site_files(site: &Site, theme: &CompiledTheme) -> Vec<OutputFile> {
    // A script no page loads is left out: search's without search, the breakdown selector's when
    // no indicator has a breakdown.
    let search_script = theme.assets.get(search::SCRIPT).filter(|_| !site.config.search);
    let selectable = site.indicators.iter().any(|i| i.statistics.series.iter().any(|s| !s.dimensions.is_empty()));
    let selector_script = theme.assets.get(SELECTOR_SCRIPT).filter(|_| !selectable);
    let mut files: Vec<OutputFile> = theme
        .static_files
        .iter()
        .filter(|(path, _)| Some(path) != search_script && Some(path) != selector_script)
        .map(|(path, bytes)| OutputFile { path: path.clone(), bytes: bytes.clone() })
        .collect();
    files.extend(sitemap::sitemaps(site));
    files.push(sitemap::robots(site));
    let strings = theme.ui_strings(&site.config.languages);
    files.extend(downloads::files(site, &strings));
    let feeds = site.config.languages.iter().zip(feeds::feeds(site, &strings));
    files.extend(feeds.map(|(lang, feed)| generated_language(*lang, feed)));
    files
}

/// One page as it is published: rendered, converted for a generated language, minified if asked.
/// The one way a page becomes bytes, for `build`, `check` and `serve` alike.
pub fn render_plan(
    site: &Site,
    theme: &CompiledTheme,
    bases: &Bases,
    plan: PagePlan,
    options: RenderOptions,
) -> Result<RenderedPage, Diagnostic> {
    let page = render_page(site, theme, bases, plan, options.extra_lookup)?;
    let file = generated_language(plan.lang, with_directions(site, plan.lang, page.file));
    let file = if options.minify { OutputFile { bytes: minify::html(&file.bytes), ..file } } else { file };
    Ok(RenderedPage { file, reads: page.reads })
}

/// A page rendered, and the records its context read.
pub struct RenderedPage {
    pub file: OutputFile,
    pub reads: Vec<records::Record>,
}

/// Renders every page in parallel and hands each file to `sink` as soon as it is ready, so a build
/// never holds the whole site in memory; then the files beside the pages and, if asked and every
/// page rendered, the search index, made from the pages read back from `sink`. Errors (from
/// rendering or from the sink) become diagnostics; the order in which files reach the sink is not
/// fixed, but their contents are.
pub fn render_each(
    site: &Site,
    theme: &CompiledTheme,
    options: RenderOptions,
    diagnostics: &mut Diagnostics,
    progress: &dyn crate::steps::Progress,
    sink: &dyn Sink,
) {
    let plans = pages::plan(site);
    let search_index = options.search_index && site.config.search;
    // The minifier leaves out closing tags the HTML standard lets a browser infer (`</p>`, `</li>`,
    // `</td>` …), and pagefind's streaming parser does not infer them: it loses the text of such
    // elements, and whole pages (7 of 10 on a minified test site). So the index of a minified site
    // is made from each page's `<main>` as rendered, set aside before minifying, and comes out the
    // same as without `--minify`; the pages stay minified by the fast one-pass minifier.
    let aside = search_index && options.minify;
    progress.step(crate::steps::Step::Render, Some(plans.len() as u64));
    let bases = Bases::new(site, theme);
    let mut failures: Vec<Diagnostic> = plans
        .par_iter()
        .filter_map(|plan| {
            let result = if aside && search::indexed(site, *plan) {
                let unminified = RenderOptions { minify: false, ..options };
                render_plan(site, theme, &bases, *plan, unminified).and_then(|RenderedPage { file, .. }| {
                    sink.put_aside(&file.path, search::main_of(&file.bytes))?;
                    sink.put(OutputFile { bytes: minify::html(&file.bytes), ..file })
                })
            } else {
                render_plan(site, theme, &bases, *plan, options).and_then(|page| sink.put(page.file))
            };
            progress.advance(1);
            result.err()
        })
        .collect();
    failures.extend(site_files(site, theme).into_iter().filter_map(|file| sink.put(file).err()));
    if search_index && failures.is_empty() {
        progress.step(crate::steps::Step::Search, None);
        let pages = search::pages(site);
        let read = |page: &search::Page| if aside { sink.get_aside(page.file()) } else { sink.get(page.file()) };
        match search::bundle(site.config.languages.default_lang(), pages, &read) {
            Ok(bundle) => failures.extend(bundle.into_iter().filter_map(|file| sink.put(file).err())),
            Err(diagnostic) => failures.push(diagnostic),
        }
    }
    failures.into_iter().for_each(|diagnostic| diagnostics.push(diagnostic));
}

/// A page of a site that mixes directions, each `lang` written against the page's direction
/// marked with its own (see [`bidi`]).
fn with_directions(site: &Site, lang: Lang, file: OutputFile) -> OutputFile {
    let Some(directions) = bidi::Directions::of(&site.config.languages) else { return file };
    match String::from_utf8(file.bytes) {
        Ok(page) => OutputFile { bytes: directions.mark(lang, &page).into_bytes(), ..file },
        Err(error) => OutputFile { bytes: error.into_bytes(), ..file },
    }
}

/// A file of a generated language, made from its source language's file.
fn generated_language(lang: Lang, file: OutputFile) -> OutputFile {
    match lang.conversion() {
        Some(conversion) => OutputFile { bytes: crate::hant::convert_file(conversion, file.bytes), ..file },
        None => file,
    }
}

/// A page as its template renders it, before any conversion.
pub fn render_page(
    site: &Site,
    theme: &CompiledTheme,
    bases: &Bases,
    plan: PagePlan,
    extra_lookup: Option<ExtraLookup>,
) -> Result<RenderedPage, Diagnostic> {
    let PageContext { context, reads } = base::page_context(site, bases, plan, extra_lookup);
    let path = plan.file(site);
    theme
        .tera
        .render(plan.kind.template(), &context)
        .map(|html| RenderedPage { file: OutputFile { path: path.clone(), bytes: html.into_bytes() }, reads })
        .map_err(|error| template_error(&error, &theme.files, Some(&path)))
}
