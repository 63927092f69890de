//! Spreadsheets in and out: `gongkai import` checks a department's sheet against the indicators and
//! writes the accepted rows into a data file under `content/data/`, or checks tidy tables (one
//! indicator each, the Open SDG layout) and writes each whole; `gongkai export` writes the current
//! figures into a workbook for the departments to fill in.

pub mod export;
pub mod import;
pub mod tidy_import;
mod write;

use std::path::{Path, PathBuf};

use crate::content::{self, SourceFile};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::model::{self, Site};

pub use export::{ExportOptions, ExportOutcome, export};
pub use import::{ImportOptions, ImportOutcome, import};
pub use tidy_import::{Counts, TidyOptions, TidyOutcome, TidyReport, TidyResult, import_tidy};
pub use write::{Change, ChangeKind};

/// Loads and validates the site; `None` when it has errors, which are then in `diagnostics`.
fn load_site(root: &Path, diagnostics: &mut Diagnostics) -> (Option<Site>, Vec<SourceFile>) {
    let raw = content::load(root, diagnostics);
    let sources = raw.sources.clone();
    let site = model::validate(raw, false, diagnostics);
    if diagnostics.has_errors() {
        diagnostics.push(
            Diagnostic::global("the site has errors, so its indicators cannot be used")
                .with_hint("fix the problems above (`gongkai check` lists them), then run the command again"),
        );
        return (None, sources);
    }
    (site, sources)
}

/// A path given on the command line, made absolute against the current folder; and how to show it.
fn resolve(path: &Path, root: &Path) -> (PathBuf, PathBuf) {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map(|dir| dir.join(path)).unwrap_or_else(|_| path.to_path_buf())
    };
    let canonical_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let parent = absolute.parent().and_then(|p| std::fs::canonicalize(p).ok());
    let shown = match (parent, absolute.file_name()) {
        (Some(parent), Some(name)) => crate::diagnostics::display_path(&canonical_root, &parent.join(name)),
        // A folder still to be made: `./content/data/x.csv` is shown as the site reads it.
        _ => crate::diagnostics::display_path(root, path)
            .components()
            .filter(|c| *c != std::path::Component::CurDir)
            .collect(),
    };
    (absolute, shown)
}

fn file_error(path: &Path, message: impl Into<String>) -> Diagnostic {
    Diagnostic::error(Location::file(path), message)
}

/// The error for a file that is neither a workbook nor a CSV file.
fn not_a_table(path: &Path) -> Diagnostic {
    file_error(path, "gongkai imports `.xlsx` and `.csv` files")
        .with_hint("save the sheet as an Excel workbook (.xlsx) or as CSV UTF-8")
}
