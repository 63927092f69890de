//! The pipeline in order: load → validate (and derive) → render → write. The only module that
//! knows the order of the stages; the commands call it.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::content::{self, SourceFile};
use crate::diagnostics::Diagnostics;
use crate::model::{self, Site};
use crate::render::{self, OutputFile, Theme};

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
    let raw = content::load(root, diagnostics);
    let sources = raw.sources.clone();
    let site = model::validate(raw, drafts == Drafts::Include, diagnostics);
    Loaded { site, sources }
}

/// Loads, validates and renders; returns the files of the site when there was no error.
pub fn render(root: &Path, drafts: Drafts, diagnostics: &mut Diagnostics) -> (Loaded, Option<Vec<OutputFile>>) {
    let (loaded, theme) = prepare(root, drafts, diagnostics);
    let files = match (&loaded.site, theme) {
        (Some(site), Some(theme)) => Some(render::render(site, &theme, diagnostics)),
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
}

/// What a build did, for the summary line.
pub struct BuildSummary {
    pub pages: usize,
    pub files: usize,
    pub elapsed: Duration,
}

pub struct BuildOutcome {
    pub diagnostics: Diagnostics,
    pub sources: Vec<SourceFile>,
    pub summary: Option<BuildSummary>,
}

pub fn build(options: &BuildOptions) -> BuildOutcome {
    let start = Instant::now();
    let mut diagnostics = Diagnostics::new();
    let (loaded, theme) = prepare(&options.root, Drafts::Exclude, &mut diagnostics);
    let summary = match (&loaded.site, theme) {
        (Some(site), Some(theme)) => write(site, &theme, options, &mut diagnostics)
            .map(|(pages, files)| BuildSummary { pages, files, elapsed: start.elapsed() }),
        _ => None,
    };
    BuildOutcome { diagnostics, sources: loaded.sources, summary }
}

/// Renders straight into the staging folder (pages are written as they are rendered, from all
/// threads) and swaps it into place only if nothing failed. Returns the number of pages and files.
fn write(site: &Site, theme: &Theme, options: &BuildOptions, diagnostics: &mut Diagnostics) -> Option<(usize, usize)> {
    let staging = match crate::output::Staging::create(&options.output, options.force) {
        Ok(staging) => staging,
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            return None;
        }
    };
    let pages = AtomicUsize::new(0);
    let files = AtomicUsize::new(0);
    render::render_each(site, theme, diagnostics, |file| {
        staging.write(&file)?;
        files.fetch_add(1, Ordering::Relaxed);
        if file.path.ends_with(".html") {
            pages.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    });
    if diagnostics.has_errors() {
        return None; // dropping the staging folder removes it; public/ is untouched
    }
    match staging.commit() {
        Ok(()) => Some((pages.into_inner(), files.into_inner())),
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            None
        }
    }
}
