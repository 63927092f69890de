//! The pipeline in order: load → validate (and derive) → render → write. The only module that
//! knows the order of the stages; the commands call it.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use crate::content::{self, RawSite, SourceFile};
use crate::diagnostics::Diagnostics;
use crate::model::{self, Site};
use crate::render::{self, OutputFile, RenderOptions, Theme};
pub use crate::summary::BuildSummary;
use crate::summary::{Progress, Silent, Step};

/// Whether drafts are part of the site: shown by `serve`, left out by `build` and `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drafts {
    Include,
    Exclude,
}

/// The result of loading and validating a site.
pub struct Loaded {
    pub site: Option<Site>,
    pub sources: Vec<SourceFile>,
}

pub fn load(root: &Path, drafts: Drafts, diagnostics: &mut Diagnostics) -> Loaded {
    validate(content::load(root, diagnostics), drafts, diagnostics)
}

/// Validates files already read (by [`content::load`] or from a [`content::SourceCache`]).
pub fn validate(raw: RawSite, drafts: Drafts, diagnostics: &mut Diagnostics) -> Loaded {
    let sources = raw.sources.clone();
    let site = model::validate(raw, drafts == Drafts::Include, diagnostics);
    Loaded { site, sources }
}

/// Loads, validates and renders; returns the files of the site when there was no error.
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
    let (loaded, theme) = prepare(root, drafts, diagnostics);
    let files = match (&loaded.site, theme) {
        (Some(site), Some(theme)) => {
            Some(render::render_with(site, &theme, RenderOptions::default(), diagnostics, progress))
        }
        _ => None,
    };
    (loaded, files.filter(|_| !diagnostics.has_errors()))
}

/// Loads the site and the theme; `None` for the theme when anything failed, so nothing renders.
fn prepare(root: &Path, drafts: Drafts, diagnostics: &mut Diagnostics) -> (Loaded, Option<Theme>) {
    let loaded = load(root, drafts, diagnostics);
    let theme = render::load_theme(root, diagnostics).filter(|_| !diagnostics.has_errors());
    (loaded, theme)
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
    let (loaded, theme) = prepare(&options.root, Drafts::Exclude, &mut diagnostics);
    let summary = match (&loaded.site, theme) {
        (Some(site), Some(theme)) => write(site, &theme, options, progress, &mut diagnostics)
            .map(|written| BuildSummary::from_written(written, diagnostics.warning_count(), start.elapsed())),
        _ => None,
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
    theme: &Theme,
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
    let render_options = RenderOptions { minify: options.minify, search_index: true };
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
