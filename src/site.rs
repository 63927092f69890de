//! The pipeline in order: load → validate (and derive) → render → write. The only module that
//! knows the order of the stages; the commands call it.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::content::{self, SourceFile};
use crate::diagnostics::Diagnostics;
use crate::model::{self, Site};
use crate::render::{self, OutputFile, Theme};
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
    let raw = content::load(root, diagnostics);
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
    let loaded = load(root, drafts, diagnostics);
    let theme: Option<Theme> = render::load_theme(root, diagnostics);
    let files = match (&loaded.site, theme) {
        (Some(site), Some(theme)) if !diagnostics.has_errors() => {
            Some(render::render_with_progress(site, &theme, diagnostics, progress))
        }
        _ => None,
    };
    let files = files.filter(|_| !diagnostics.has_errors());
    (loaded, files)
}

pub struct BuildOptions {
    pub root: PathBuf,
    pub output: PathBuf,
    pub force: bool,
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
    let (loaded, files) = render_with_progress(&options.root, Drafts::Exclude, &mut diagnostics, progress);
    let summary = files.and_then(|files| {
        progress.step(Step::Write, None);
        match crate::output::write_site(&files, &options.output, options.force) {
            Ok(()) => Some(BuildSummary::new(&files, diagnostics.warning_count(), start.elapsed())),
            Err(diagnostic) => {
                diagnostics.push(diagnostic);
                None
            }
        }
    });
    BuildOutcome { diagnostics, sources: loaded.sources, summary }
}
