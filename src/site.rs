//! The pipeline in order: load → validate (and derive) → render → write. The only module that
//! knows the order of the stages; the commands call it.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::content::{self, SourceFile};
use crate::diagnostics::Diagnostics;
use crate::model::{self, Site};
use crate::render::{self, OutputFile, RenderOptions, Theme};

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
    render_with(root, drafts, RenderOptions::default(), diagnostics)
}

pub fn render_with(
    root: &Path,
    drafts: Drafts,
    options: RenderOptions,
    diagnostics: &mut Diagnostics,
) -> (Loaded, Option<Vec<OutputFile>>) {
    let loaded = load(root, drafts, diagnostics);
    let theme: Option<Theme> = render::load_theme(root, diagnostics);
    let files = match (&loaded.site, theme) {
        (Some(site), Some(theme)) if !diagnostics.has_errors() => {
            Some(render::render_with(site, &theme, options, diagnostics))
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
    /// Minify the HTML pages (`build --minify`).
    pub minify: bool,
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
    let render_options = RenderOptions { minify: options.minify };
    let (loaded, files) = render_with(&options.root, Drafts::Exclude, render_options, &mut diagnostics);
    let summary = files.and_then(|files| match crate::output::write_site(&files, &options.output, options.force) {
        Ok(()) => Some(BuildSummary {
            pages: files.iter().filter(|f| f.path.ends_with(".html")).count(),
            files: files.len(),
            elapsed: start.elapsed(),
        }),
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            None
        }
    });
    BuildOutcome { diagnostics, sources: loaded.sources, summary }
}
