//! CSV and XLSX files into the same grid of cells, each cell with its location in the file.

use std::path::Path;

use super::DataTable;
use super::cells::{GridRow, Raw, read_grid};
use crate::diagnostics::{Diagnostic, Location};

/// Reads a CSV data file (UTF-8 text; `path` is the name shown in messages).
pub fn read_csv(text: &str, path: &Path) -> DataTable {
    let mut table = DataTable { path: path.to_path_buf(), ..DataTable::default() };
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records = Vec::new();
    for result in reader.records() {
        match result {
            Ok(record) => {
                let position = record.position().cloned().unwrap_or_else(csv::Position::new);
                records.push((position, record));
            }
            Err(error) => {
                let line = error.position().map(|p| p.line() as u32).unwrap_or(1);
                table.problems.push(
                    Diagnostic::error(Location::new(path, line, 1), format!("this CSV row cannot be read: {error}"))
                        .with_hint("check the quotes: a field that contains a comma or a quote is written in double quotes, with inner quotes doubled"),
                );
                return table;
            }
        }
    }
    let starts: Vec<(usize, u32)> =
        records.iter().map(|(position, _)| record_start(text, position)).chain([(text.len(), 0)]).collect();
    let mut grid = Vec::new();
    for (index, (_, record)) in records.iter().enumerate() {
        let ((start, line), (end, _)) = (starts[index], starts[index + 1]);
        let span = start..end;
        let fields = crate::content::grid::field_starts(&text[span.clone()], line);
        let row: GridRow = record
            .iter()
            .zip(fields)
            .map(|(field, (line, column))| {
                let raw = if field.trim().is_empty() { Raw::Empty } else { Raw::Text(field.to_string()) };
                (raw, Location::new(path, line, column))
            })
            .collect();
        table.spans.push((line, span));
        grid.push(row);
    }
    read_grid(&mut table, grid, &Location::file(path));
    table
}

/// The byte and line where a record's text begins. After a `\r` the csv crate places the next
/// record at the `\n` that follows (and before any blank lines); moving past the line breaks makes
/// every record's span end with its own.
fn record_start(text: &str, position: &csv::Position) -> (usize, u32) {
    let start = position.byte() as usize;
    let rest = &text[start..];
    let skipped = &rest[..rest.len() - rest.trim_start_matches(['\r', '\n']).len()];
    (start + skipped.len(), position.line() as u32 + skipped.matches('\n').count() as u32)
}

/// Reads every sheet of an XLSX workbook.
pub fn read_xlsx(bytes: &[u8], path: &Path) -> DataTable {
    use calamine::{Data, Reader, Xlsx};
    let mut table = DataTable { path: path.to_path_buf(), ..DataTable::default() };
    let mut workbook = match Xlsx::new(std::io::Cursor::new(bytes)) {
        Ok(workbook) => workbook,
        Err(error) => {
            table.problems.push(
                Diagnostic::error(Location::file(path), format!("this workbook cannot be read: {error}")).with_hint(
                    "save it from your spreadsheet program as an Excel workbook (.xlsx), without a password",
                ),
            );
            return table;
        }
    };
    for sheet in workbook.sheet_names() {
        let range = match workbook.worksheet_range(&sheet) {
            Ok(range) => range,
            Err(error) => {
                table.problems.push(Diagnostic::error(
                    Location::cell(path, &sheet, 1, 1),
                    format!("this sheet cannot be read: {error}"),
                ));
                continue;
            }
        };
        let Some((first_row, first_column)) = range.start() else { continue };
        let styles = workbook.worksheet_style(&sheet).ok();
        let is_percent = |row: u32, column: u32| {
            let style = styles.as_ref().and_then(|s| s.get((row, column)));
            style.and_then(|s| s.number_format.as_ref()).is_some_and(|f| f.format_code.contains('%'))
        };
        let grid: Vec<GridRow> = range
            .rows()
            .enumerate()
            .map(|(r, cells)| {
                cells
                    .iter()
                    .enumerate()
                    .map(|(c, data)| {
                        let (row, column) = (first_row + r as u32, first_column + c as u32);
                        let raw = match data {
                            Data::Float(number) if is_percent(row, column) => Raw::Percent(*number),
                            Data::Int(number) if is_percent(row, column) => Raw::Percent(*number as f64),
                            Data::Empty => Raw::Empty,
                            Data::String(text) if text.trim().is_empty() => Raw::Empty,
                            Data::String(text) => Raw::Text(text.clone()),
                            Data::Float(number) => Raw::Number(*number),
                            Data::Int(number) => Raw::Number(*number as f64),
                            Data::Bool(flag) => Raw::Bool(*flag),
                            other => Raw::Text(other.to_string()),
                        };
                        (raw, Location::cell(path, &sheet, row + 1, column + 1))
                    })
                    .collect()
            })
            .collect();
        read_grid(&mut table, grid, &Location::cell(path, &sheet, first_row + 1, first_column + 1));
    }
    table
}
