//! The files of a tidy import: folders opened, each file read with the tidy reader a build uses, and
//! its table made into the CSV text that will be written.

use std::path::{Path, PathBuf};

use crate::content::grid::{self, Grid, GridCell};
use crate::content::tidy::{self, TidyTable};
use crate::content::{self, SourceFile, table};
use crate::diagnostics::{Diagnostic, Location};

/// A file as read: a department sheet is left to [`crate::sheets::import`].
pub(super) enum Read {
    Sheet,
    Tidy(TidyRead),
}

pub(super) struct TidyRead {
    pub tables: Vec<TidyTable>,
    /// The text to write; `None` when the file is not one table (the reason is in `problems`).
    pub csv: Option<String>,
    /// What the tidy reader found, and a workbook whose sheets are not one table.
    pub problems: Vec<Diagnostic>,
}

/// The files to import: each file as given and every `*.csv` and `*.xlsx` directly in each folder
/// given, by name. Open SDG keeps its `indicator_*.csv` directly in `data/`; going deeper would pick
/// up its translations and metadata folders.
pub(super) fn expand(inputs: &[PathBuf], problems: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for input in inputs {
        if !input.is_dir() {
            files.push(input.clone());
            continue;
        }
        let mut found: Vec<PathBuf> = std::fs::read_dir(input)
            .into_iter()
            .flatten()
            .flatten()
            .map(|entry| entry.path())
            .filter(|path| path.is_file() && path.file_name().is_some_and(|n| is_table_name(&n.to_string_lossy())))
            .collect();
        if found.is_empty() {
            problems.push(
                Diagnostic::error(Location::file(input), "this folder has no `.csv` or `.xlsx` file").with_hint(
                    "name the data files themselves, or the folder that holds them (an Open SDG repository's `data/`)",
                ),
            );
        }
        found.sort();
        files.append(&mut found);
    }
    files.dedup();
    files
}

/// A data file's name; editors' hidden and lock files (`~$x.xlsx`) are not.
fn is_table_name(name: &str) -> bool {
    table::is_data_file(name) && !name.starts_with(['.', '~'])
}

pub(super) fn read(path: &Path, shown: &Path, sources: &mut Vec<SourceFile>) -> Result<Read, Diagnostic> {
    let (grids, problems) = grids(path, shown, sources)?;
    if table::grids_name_indicators(&grids) {
        return Ok(Read::Sheet);
    }
    let tables = tidy::read_grids(&grids, problems, shown);
    let mut problems: Vec<Diagnostic> = tables.iter().flat_map(|t| t.problems.iter().cloned()).collect();
    let csv = match one_table(&grids, shown) {
        Ok(rows) => Some(super::super::write::records(rows, "\n")),
        Err(problem) => {
            problems.push(problem);
            None
        }
    };
    Ok(Read::Tidy(TidyRead { tables, csv, problems }))
}

/// The file as grids of cells: one for a CSV file, one per sheet of a workbook; and the problems
/// met reading it.
fn grids(path: &Path, shown: &Path, sources: &mut Vec<SourceFile>) -> Result<(Vec<Grid>, Vec<Diagnostic>), Diagnostic> {
    let name = shown.to_string_lossy();
    if table::is_xlsx(&name) {
        return Ok(grid::xlsx_grids(&content::read_bytes(path, shown)?, shown));
    }
    if !table::is_csv(&name) {
        return Err(super::super::not_a_table(shown));
    }
    // The byte-order mark is dropped here, so it is not written back.
    let text = content::read_text(path, shown)?;
    let grid = grid::csv_grid(&text, shown);
    sources.push(SourceFile { path: shown.to_path_buf(), text: text.into() });
    Ok(match grid {
        Ok(grid) => (vec![grid], Vec::new()),
        Err(problem) => (Vec::new(), vec![problem]),
    })
}

/// The cells of a row as text: numbers as the spreadsheet shows them ([`grid::as_shown`]).
fn texts(row: &[GridCell]) -> Vec<String> {
    row.iter().map(|cell| cell.raw.text().unwrap_or_default()).collect()
}

/// The rows to write, header first, each as wide as the header. A CSV data file holds one table, so
/// every sheet of a workbook must have the first sheet's header; their rows follow one another.
fn one_table(grids: &[Grid], shown: &Path) -> Result<Vec<Vec<String>>, Diagnostic> {
    let header_of = |grid: &Grid| {
        let mut header = grid.rows.first().map(|row| texts(row)).unwrap_or_default();
        while header.last().is_some_and(String::is_empty) {
            header.pop();
        }
        header
    };
    let Some(first) = grids.iter().find(|grid| !header_of(grid).is_empty()) else {
        return Err(Diagnostic::error(Location::file(shown), "there is no table to import")
            .with_hint("tidy data has a header row (`Year`, …, `Value`) and one row per figure"));
    };
    let header = header_of(first);
    let mut rows = vec![header.clone()];
    for grid in grids {
        if header_of(grid) != header {
            let sheet = first.place.sheet.clone().unwrap_or_default();
            return Err(Diagnostic::error(grid.start.clone(), format!("this sheet's columns are not those of sheet `{sheet}`"))
                .with_hint("a data file is one table: give every sheet the same header row, or import each sheet as a workbook of its own"));
        }
        for row in grid.rows.iter().skip(1).map(|row| texts(row)) {
            // Blank rows are no figures; cells beyond the header are errors the reader reported.
            if row.iter().any(|text| !text.is_empty()) {
                rows.push((0..header.len()).map(|i| row.get(i).cloned().unwrap_or_default()).collect());
            }
        }
    }
    Ok(rows)
}
