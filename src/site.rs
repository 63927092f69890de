//! The pipeline in order: load → validate (and derive) → render → write. The only module that
//! knows the order of the stages; the commands, `serve` and the tests call it.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::content::{SourceCache, SourceFile};
use crate::diagnostics::Diagnostics;
use crate::model::{self, Site};
use crate::render::{self, CompiledTheme, OutputFile, RenderOptions};
use crate::steps::{Progress, Silent, Step};
pub use crate::summary::BuildSummary;

/// Whether drafts are part of the site: shown by `serve`, left out by `build` and `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drafts {
    Include,
    Exclude,
}

/// A site made ready to render: the model and the theme, each `None` when it failed to load.
pub struct Loaded {
    pub site: Option<Site>,
    pub theme: Option<Arc<CompiledTheme>>,
    /// The files read, for quoting them under their errors.
    pub sources: Vec<SourceFile>,
    /// How long validating (with deriving) and loading the theme took.
    pub validate_time: Duration,
    pub theme_time: Duration,
}

impl Loaded {
    /// The model and theme to render, when nothing failed.
    pub fn renderable(&self, diagnostics: &Diagnostics) -> Option<(&Site, &CompiledTheme)> {
        match (&self.site, &self.theme) {
            (Some(site), Some(theme)) if !diagnostics.has_errors() => Some((site, theme)),
            _ => None,
        }
    }
}

/// The stages before rendering, in their order: the files of `sources` put together, validated
/// and derived into the model; then the theme read and compiled, unless `theme` is the one to
/// keep (`serve` keeps it while no theme file changed).
pub fn prepare(
    sources: &SourceCache,
    theme: Option<Arc<CompiledTheme>>,
    drafts: Drafts,
    diagnostics: &mut Diagnostics,
) -> Loaded {
    let start = Instant::now();
    let raw = sources.raw_site(diagnostics);
    let files = raw.sources.clone();
    let site = model::validate(raw, drafts == Drafts::Include, diagnostics);
    let validated = Instant::now();
    let theme = theme.or_else(|| load_theme(sources, diagnostics));
    if let (Some(site), Some(theme)) = (&site, &theme) {
        crate::theme::check_strings(&theme.strings, &site.config.languages, diagnostics);
    }
    Loaded { site, theme, sources: files, validate_time: validated - start, theme_time: validated.elapsed() }
}

fn load_theme(sources: &SourceCache, diagnostics: &mut Diagnostics) -> Option<Arc<CompiledTheme>> {
    let theme = crate::theme::load(sources.root(), diagnostics)?;
    CompiledTheme::new(theme).map(Arc::new).map_err(|diagnostic| diagnostics.push(diagnostic)).ok()
}

/// Reads the site at `root` and [`prepare`]s it.
pub fn load(root: &Path, drafts: Drafts, diagnostics: &mut Diagnostics) -> Loaded {
    prepare(&SourceCache::load(root), None, drafts, diagnostics)
}

/// Loads and renders; returns the files of the site when there was no error.
pub fn render(root: &Path, drafts: Drafts, diagnostics: &mut Diagnostics) -> (Loaded, Option<Vec<OutputFile>>) {
    render_with_progress(root, drafts, diagnostics, &Silent)
}

/// [`render`], telling `progress` about each step and page.
pub fn render_with_progress(
    root: &Path,
    drafts: Drafts,
    diagnostics: &mut Diagnostics,
    progress: &dyn Progress,
) -> (Loaded, Option<Vec<OutputFile>>) {
    progress.step(Step::Load, None);
    let loaded = load(root, drafts, diagnostics);
    let files = loaded
        .renderable(diagnostics)
        .map(|(site, theme)| render::render_with(site, theme, RenderOptions::default(), diagnostics, progress));
    (loaded, files.filter(|_| !diagnostics.has_errors()))
}

pub struct BuildOptions {
    pub root: PathBuf,
    pub output: PathBuf,
    pub force: bool,
    /// Minify the HTML pages (`build --minify`).
    pub minify: bool,
}

pub struct BuildOutcome {
    pub diagnostics: Diagnostics,
    pub sources: Vec<SourceFile>,
    pub summary: Option<BuildSummary>,
}

pub fn build(options: &BuildOptions) -> BuildOutcome {
    build_with_progress(options, &Silent)
}

/// [`build`], telling `progress` about each step and page.
pub fn build_with_progress(options: &BuildOptions, progress: &dyn Progress) -> BuildOutcome {
    let start = Instant::now();
    let mut diagnostics = Diagnostics::new();
    progress.step(Step::Load, None);
    let loaded = load(&options.root, Drafts::Exclude, &mut diagnostics);
    let summary = match loaded.renderable(&diagnostics) {
        Some((site, theme)) => write(site, theme, options, progress, &mut diagnostics).map(|written| {
            BuildSummary::from_written(written, &site.config.languages, diagnostics.warning_count(), start.elapsed())
        }),
        None => None,
    };
    BuildOutcome { diagnostics, sources: loaded.sources, summary }
}

/// The staging folder as [`render::render_each`] fills it, with the path and size of each file.
struct Written<'a> {
    staging: &'a crate::output::Staging,
    files: Mutex<Vec<(String, u64)>>,
}

impl render::Sink for Written<'_> {
    fn put(&self, file: OutputFile) -> Result<(), crate::diagnostics::Diagnostic> {
        self.staging.write(&file)?;
        self.files.lock().expect("no thread panics while holding it").push((file.path, file.bytes.len() as u64));
        Ok(())
    }

    fn get(&self, path: &str) -> Result<Vec<u8>, crate::diagnostics::Diagnostic> {
        self.staging.read(path)
    }

    fn put_aside(&self, path: &str, bytes: &[u8]) -> Result<(), crate::diagnostics::Diagnostic> {
        self.staging.write_aside(path, bytes)
    }

    fn get_aside(&self, path: &str) -> Result<Vec<u8>, crate::diagnostics::Diagnostic> {
        self.staging.read_aside(path)
    }
}

/// Renders straight into the staging folder (pages are written as they are rendered, from all
/// threads, so the site is never held in memory) and swaps it into place only if nothing failed.
/// Returns the path and size of every file written.
fn write(
    site: &Site,
    theme: &CompiledTheme,
    options: &BuildOptions,
    progress: &dyn Progress,
    diagnostics: &mut Diagnostics,
) -> Option<Vec<(String, u64)>> {
    let staging = match crate::output::Staging::create(&options.output, options.force) {
        Ok(staging) => staging,
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            return None;
        }
    };
    let written = Written { staging: &staging, files: Mutex::new(Vec::new()) };
    let render_options = RenderOptions { minify: options.minify, search_index: true, ..RenderOptions::default() };
    render::render_each(site, theme, render_options, diagnostics, progress, &written);
    let written = written.files;
    if diagnostics.has_errors() {
        return None; // dropping the staging folder removes it; the output folder is untouched
    }
    progress.step(Step::Write, None);
    match staging.commit() {
        Ok(()) => Some(written.into_inner().expect("no thread panics while holding it")),
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            None
        }
    }
}
