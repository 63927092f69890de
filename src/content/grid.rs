//! A spreadsheet as rows of located cells, before any column has a meaning.
//!
//! CSV (with the `csv` crate) and XLSX (with `calamine`) become the same [`Grid`], so a reader of
//! a layout is written once and locates every problem the same way: `data/x.csv:7:12` (line and
//! character column) or `data/x.xlsx [Sheet1] C7`.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Location};

/// A cell as stored, before it is read as a number, a year or text.
#[derive(Debug, Clone, PartialEq)]
pub enum Raw {
    Empty,
    Text(String),
    Number(f64),
    /// A number in a cell formatted as a percentage: it shows `85%` and holds `0.85`.
    Percent(f64),
    Bool(bool),
}

impl Raw {
    /// The cell as text, as it would be shown in a message; `None` when empty.
    pub fn text(&self) -> Option<String> {
        match self {
            Raw::Empty => None,
            Raw::Text(text) => Some(text.trim().to_string()),
            Raw::Number(number) => Some(number.to_string()),
            Raw::Percent(number) => Some(format!("{}%", as_shown(number * 100.0))),
            Raw::Bool(flag) => Some(flag.to_string()),
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, Raw::Empty)
    }
}

/// Where a cell is in its table: line and character column of a CSV file, or row and column of a
/// sheet. A table of 100,000 figures has a million cells: a [`Location`] each (with its own copy of
/// the file's path) would cost more than reading them, so the table makes one when a message needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct At {
    pub line: u32,
    pub column: u32,
}

#[derive(Debug, Clone)]
pub struct GridCell {
    pub raw: Raw,
    pub at: At,
}

/// The file (and sheet) a table is in, which makes an [`At`] a [`Location`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Place {
    pub file: std::path::PathBuf,
    pub sheet: Option<String>,
}

impl Place {
    pub fn location(&self, at: At) -> Location {
        match &self.sheet {
            Some(sheet) => Location::cell(&self.file, sheet, at.line, at.column),
            None => Location::new(&self.file, at.line, at.column),
        }
    }
}

/// One table: a CSV file, or one sheet of a workbook.
#[derive(Debug, Clone)]
pub struct Grid {
    pub rows: Vec<Vec<GridCell>>,
    /// Where the table begins (its first cell), for problems with the table as a whole.
    pub start: Location,
    pub place: Place,
}

impl Grid {
    pub fn location(&self, at: At) -> Location {
        self.place.location(at)
    }

    /// The place just after the last cell of the header row: where a missing last column belongs.
    pub fn after_header(&self) -> Location {
        let Some(last) = self.rows.first().and_then(|header| header.last()) else {
            return self.start.clone();
        };
        let mut at = last.at;
        at.column += match (&self.place.sheet, &last.raw) {
            (Some(_), _) => 1,
            (None, raw) => raw.text().map_or(0, |t| t.chars().count() as u32),
        };
        self.location(at)
    }
}

/// Reads a CSV file (UTF-8 text, an optional byte-order mark; `path` is the name shown in messages).
pub fn csv_grid(text: &str, path: &Path) -> Result<Grid, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for result in reader.records() {
        let record = result.map_err(|error| {
            let line = error.position().map_or(1, |p| p.line() as u32);
            Diagnostic::error(Location::new(path, line, 1), format!("this CSV row cannot be read: {error}"))
                .with_hint("check the quotes: a field that contains a comma or a quote is written in double quotes, with inner quotes doubled")
        })?;
        let position = record.position().cloned().unwrap_or_else(csv::Position::new);
        let starts = field_starts(&text[position.byte() as usize..], position.line() as u32);
        let row = record
            .iter()
            .enumerate()
            .map(|(index, field)| (field, starts.get(index).or(starts.last()).copied().unwrap_or((1, 1))))
            .map(|(field, (line, column))| GridCell {
                raw: if field.trim().is_empty() { Raw::Empty } else { Raw::Text(field.to_string()) },
                at: At { line, column },
            })
            .collect();
        rows.push(row);
    }
    Ok(Grid { rows, start: Location::file(path), place: Place { file: path.to_path_buf(), sheet: None } })
}

/// Line and character column where each field of the record at the start of `rest` begins. After
/// a `\r` the csv crate places the next record at the `\n` that follows (and before blank lines),
/// so line breaks at the start are skipped and counted first.
pub(crate) fn field_starts(rest: &str, first_line: u32) -> Vec<(u32, u32)> {
    let record = rest.trim_start_matches(['\r', '\n']);
    let skipped = &rest[..rest.len() - record.len()];
    let (mut line, mut column) = (first_line + skipped.matches('\n').count() as u32, 1u32);
    let mut starts = vec![(line, column)];
    let mut quoted = false;
    for ch in record.chars() {
        match ch {
            '"' => quoted = !quoted,
            ',' if !quoted => starts.push((line, column + 1)),
            '\r' | '\n' if !quoted => break,
            '\n' => {
                line += 1;
                column = 0;
            }
            _ => {}
        }
        column += 1;
    }
    starts
}

/// Reads every non-empty sheet of an XLSX workbook, each as its own grid.
pub fn xlsx_grids(bytes: &[u8], path: &Path) -> (Vec<Grid>, Vec<Diagnostic>) {
    use calamine::{Reader, Xlsx};
    let mut workbook = match Xlsx::new(std::io::Cursor::new(bytes)) {
        Ok(workbook) => workbook,
        Err(error) => {
            let problem = Diagnostic::error(Location::file(path), format!("this workbook cannot be read: {error}"))
                .with_hint("save it from your spreadsheet program as an Excel workbook (.xlsx), without a password");
            return (Vec::new(), vec![problem]);
        }
    };
    let (mut grids, mut problems) = (Vec::new(), Vec::new());
    for sheet in workbook.sheet_names() {
        let range = match workbook.worksheet_range(&sheet) {
            Ok(range) => range,
            Err(error) => {
                let at = Location::cell(path, &sheet, 1, 1);
                problems.push(Diagnostic::error(at, format!("this sheet cannot be read: {error}")));
                continue;
            }
        };
        let Some((first_row, first_column)) = range.start() else { continue };
        let styles = workbook.worksheet_style(&sheet).ok();
        let is_percent = |row: u32, column: u32| {
            let style = styles.as_ref().and_then(|s| s.get((row, column)));
            style.and_then(|s| s.number_format.as_ref()).is_some_and(|f| f.format_code.contains('%'))
        };
        let rows = range
            .rows()
            .enumerate()
            .map(|(r, cells)| {
                cells
                    .iter()
                    .enumerate()
                    .map(|(c, data)| {
                        let (row, column) = (first_row + r as u32, first_column + c as u32);
                        GridCell {
                            raw: xlsx_raw(data, is_percent(row, column)),
                            at: At { line: row + 1, column: column + 1 },
                        }
                    })
                    .collect()
            })
            .collect();
        let start = Location::cell(path, &sheet, first_row + 1, first_column + 1);
        grids.push(Grid { rows, start, place: Place { file: path.to_path_buf(), sheet: Some(sheet.clone()) } });
    }
    (grids, problems)
}

/// A number as a spreadsheet shows it. Excel keeps 15 significant digits: a cell that shows 0.3
/// may store 0.30000000000000004 (a formula's `0.1+0.2`), which is noise, not the figure.
pub fn as_shown(number: f64) -> f64 {
    format!("{number:.14e}").parse().unwrap_or(number)
}

fn xlsx_raw(data: &calamine::Data, percent: bool) -> Raw {
    use calamine::Data;
    match data {
        Data::Float(number) if percent => Raw::Percent(as_shown(*number)),
        Data::Int(number) if percent => Raw::Percent(*number as f64),
        Data::Empty => Raw::Empty,
        Data::String(text) if text.trim().is_empty() => Raw::Empty,
        Data::String(text) => Raw::Text(text.clone()),
        Data::Float(number) => Raw::Number(as_shown(*number)),
        Data::Int(number) => Raw::Number(*number as f64),
        Data::Bool(flag) => Raw::Bool(*flag),
        other => Raw::Text(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_located_by_line_and_character_column() {
        let grid =
            csv_grid("\u{feff}Year,地区,Value\r\n2015,\"A, B\",1\n\n2016,东城,-2\n", Path::new("x.csv")).unwrap();
        let at = |r: usize, c: usize| {
            let l = &grid.rows[r][c].at;
            (l.line, l.column)
        };
        assert_eq!(at(0, 1), (1, 6));
        assert_eq!(at(1, 2), (2, 13));
        assert_eq!(at(2, 1), (4, 6), "a blank line is skipped and counted");
        assert_eq!(at(2, 2), (4, 9), "columns count characters, not bytes");
        assert_eq!(grid.rows[1][1].raw, Raw::Text("A, B".into()));
    }

    #[test]
    fn numbers_keep_the_digits_a_spreadsheet_shows() {
        assert_eq!(as_shown(0.1 + 0.2).to_string(), "0.3");
        assert_eq!(as_shown(-527264178.8).to_string(), "-527264178.8");
        assert_eq!(as_shown(6.72255349472e-05), 6.72255349472e-05);
        assert_eq!(Raw::Percent(0.07).text().as_deref(), Some("7%"));
    }

    #[test]
    fn the_place_after_the_header_is_past_its_last_character() {
        let grid = csv_grid("Year,地区\n2015,东城\n", Path::new("x.csv")).unwrap();
        let after = grid.after_header();
        assert_eq!((after.line, after.column), (1, 8));
    }
}
