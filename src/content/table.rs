//! Data files (`content/data/*.csv`, `*.xlsx`): indicator figures as rows of a table, one row per
//! indicator, year and optional breakdown label, so that a department's spreadsheet can be the source
//! of a published number instead of a retyped copy.
//!
//! CSV is read with the `csv` crate and XLSX with `calamine`; both become the same grid of cells,
//! each with its location (`data/x.csv:7:12`, or `data/x.xlsx [Sheet1] C7`), and the grid becomes
//! [`DataRow`]s. A cell that cannot be read is a located [`Diagnostic`]; its row is left out and
//! reading goes on.

use std::path::{Path, PathBuf};

use crate::content::indicator::{ActualFile, BreakdownRowFile};
use crate::diagnostics::{Diagnostic, Location};
use crate::i18n::Localized;
use crate::model::vocabulary::EditorStatus;
use crate::yaml::Spanned;

/// The columns a data file may have. Headers are matched in either language, case-insensitively;
/// a header may give both, separated by `/` or `|` (`指标 / indicator`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Column {
    Indicator,
    NameZh,
    NameEn,
    Unit,
    Year,
    Breakdown,
    Target,
    Value,
    Status,
    Sample,
    SourceZh,
    SourceEn,
    NoteZh,
    NoteEn,
}

impl Column {
    pub const ALL: [Column; 14] = [
        Column::Indicator,
        Column::NameZh,
        Column::NameEn,
        Column::Unit,
        Column::Year,
        Column::Breakdown,
        Column::Target,
        Column::Value,
        Column::Status,
        Column::Sample,
        Column::SourceZh,
        Column::SourceEn,
        Column::NoteZh,
        Column::NoteEn,
    ];

    /// The columns `gongkai import` writes into a new data file, in order.
    pub const DATA_FILE: [Column; 11] = [
        Column::Indicator,
        Column::Year,
        Column::Breakdown,
        Column::Unit,
        Column::Value,
        Column::Status,
        Column::Sample,
        Column::SourceZh,
        Column::SourceEn,
        Column::NoteZh,
        Column::NoteEn,
    ];

    /// The English header, also the name used in messages.
    pub fn key(self) -> &'static str {
        self.names()[0]
    }

    /// The Chinese header.
    pub fn zh(self) -> &'static str {
        self.names()[1]
    }

    /// English key first, Chinese header second, then other accepted spellings.
    fn names(self) -> &'static [&'static str] {
        match self {
            Column::Indicator => &["indicator", "指标", "指标编号", "indicator id"],
            Column::NameZh => &["name_zh", "指标名称", "名称"],
            Column::NameEn => &["name_en", "英文名称"],
            Column::Unit => &["unit", "单位"],
            Column::Year => &["year", "年份", "年度"],
            Column::Breakdown => &["breakdown", "分项"],
            Column::Target => &["target", "目标", "目标值"],
            Column::Value => &["value", "数值", "实际值", "完成值"],
            Column::Status => &["status", "状态", "进展状态"],
            Column::Sample => &["sample", "示例数据", "示例"],
            Column::SourceZh => &["source_zh", "来源", "数据来源"],
            Column::SourceEn => &["source_en", "英文来源"],
            Column::NoteZh => &["note_zh", "备注", "说明"],
            Column::NoteEn => &["note_en", "英文备注"],
        }
    }

    /// Columns that describe the indicator for the person filling in the sheet; they are not read.
    pub fn is_for_reference(self) -> bool {
        matches!(self, Column::NameZh | Column::NameEn | Column::Target)
    }

    /// The header cell of a template: both languages, so that either reader understands it.
    pub fn header(self) -> String {
        format!("{} / {}", self.zh(), self.key())
    }

    fn from_header(text: &str) -> Option<Column> {
        let normal = text.trim().to_lowercase();
        std::iter::once(normal.as_str())
            .chain(normal.split(['/', '|']).map(str::trim))
            .find_map(|part| Column::ALL.into_iter().find(|c| c.names().contains(&part)))
    }
}

/// A value and the cell it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell<T> {
    pub value: T,
    pub location: Location,
}

/// What identifies a row: the same key twice is the same figure given twice.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RowKey {
    pub indicator: String,
    pub year: u16,
    /// Empty for the indicator's own figure.
    pub breakdown: String,
}

/// One figure from a data file.
#[derive(Debug, Clone, PartialEq)]
pub struct DataRow {
    /// The row as a whole (its first cell).
    pub place: Location,
    pub indicator: Cell<String>,
    pub year: Cell<u16>,
    pub breakdown: Option<Cell<String>>,
    pub unit: Option<Cell<String>>,
    pub value: Option<Cell<f64>>,
    pub status: Option<Cell<EditorStatus>>,
    pub sample: bool,
    pub source: Option<Localized>,
    pub note: Option<Localized>,
    /// Optional columns the row's table does not have: an import keeps what the site has for them.
    pub absent: Vec<Column>,
}

impl DataRow {
    pub fn key(&self) -> RowKey {
        RowKey {
            indicator: self.indicator.value.clone(),
            year: self.year.value,
            breakdown: self.breakdown.as_ref().map(|b| b.value.clone()).unwrap_or_default(),
        }
    }

    /// A figure of an indicator file, as a row (for comparing it with a sheet's).
    pub fn from_actual(indicator: &str, actual: &Spanned<ActualFile>, file: &Path) -> Self {
        let at = actual.location(file);
        let a = &actual.value;
        DataRow {
            place: at.clone(),
            indicator: Cell { value: indicator.to_string(), location: at.clone() },
            year: Cell { value: a.year, location: at.clone() },
            breakdown: None,
            unit: None,
            value: a.value.map(|value| Cell { value, location: at.clone() }),
            status: a.status.map(|value| Cell { value, location: at.clone() }),
            sample: a.sample,
            source: a.source.clone(),
            note: a.note.clone(),
            absent: Vec::new(),
        }
    }

    /// A line of an indicator file's breakdown that has a figure, as a row.
    pub fn from_breakdown(indicator: &str, year: u16, line: &BreakdownRowFile, value: f64, at: Location) -> Self {
        DataRow {
            place: at.clone(),
            indicator: Cell { value: indicator.to_string(), location: at.clone() },
            year: Cell { value: year, location: at.clone() },
            breakdown: Some(Cell { value: line.label.zh.clone(), location: at.clone() }),
            unit: None,
            value: Some(Cell { value, location: at.clone() }),
            status: None,
            sample: line.sample,
            source: None,
            note: None,
            absent: Vec::new(),
        }
    }

    /// This row, with what its table has no column for taken from `old`, the figure it replaces.
    /// An English text is kept only while the Chinese one it translates is unchanged.
    pub fn completed_from(mut self, old: &DataRow) -> DataRow {
        let absent = |column: Column| self.absent.contains(&column);
        if absent(Column::Sample) {
            self.sample = old.sample;
        }
        let merge = |new: Option<Localized>, old: &Option<Localized>, zh: bool, en: bool| match (new, old) {
            _ if zh => old.clone(),
            (Some(mut new), Some(old)) if en && new.zh == old.zh => {
                new.en = old.en.clone();
                Some(new)
            }
            (new, _) => new,
        };
        self.source = merge(self.source.take(), &old.source, absent(Column::SourceZh), absent(Column::SourceEn));
        self.note = merge(self.note.take(), &old.note, absent(Column::NoteZh), absent(Column::NoteEn));
        self
    }

    /// Every place a problem with this row can be reported at.
    pub fn locations(&self) -> Vec<&Location> {
        let mut places = vec![&self.place, &self.indicator.location, &self.year.location];
        places.extend(self.breakdown.as_ref().map(|c| &c.location));
        places.extend(self.unit.as_ref().map(|c| &c.location));
        places.extend(self.value.as_ref().map(|c| &c.location));
        places.extend(self.status.as_ref().map(|c| &c.location));
        places
    }

    /// The figure in a few words, for messages: `98.2`, `on_track (sample)`.
    pub fn figure_text(&self) -> String {
        let figure = match (&self.value, &self.status) {
            (Some(value), _) => value.value.to_string(),
            (None, Some(status)) => status_key(status.value).to_string(),
            (None, None) => String::new(),
        };
        if self.sample { format!("{figure} (sample)") } else { figure }
    }

    /// Whether two rows say the same thing (wherever they were written).
    pub fn same_figure(&self, other: &DataRow) -> bool {
        self.key() == other.key()
            && self.value.as_ref().map(|c| c.value) == other.value.as_ref().map(|c| c.value)
            && self.status.as_ref().map(|c| c.value) == other.status.as_ref().map(|c| c.value)
            && self.sample == other.sample
            && self.source == other.source
            && self.note == other.note
    }
}

/// A data file as read: its rows, the problems found, and, for CSV, where each row's text lies so
/// that `gongkai import` can rewrite some rows and keep the others byte for byte.
#[derive(Debug, Clone, Default)]
pub struct DataTable {
    pub path: PathBuf,
    pub columns: Vec<Option<Column>>,
    pub rows: Vec<DataRow>,
    /// For CSV: the line and byte range of the header and of every record (blank ones included).
    pub spans: Vec<(u32, std::ops::Range<usize>)>,
    pub problems: Vec<Diagnostic>,
}

impl DataTable {
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Diagnostic::is_error)
    }
}

/// Whether a file name is a data file gongkai reads.
pub fn is_data_file(name: &str) -> bool {
    is_csv(name) || is_xlsx(name)
}

pub fn is_csv(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".csv")
}

pub fn is_xlsx(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".xlsx")
}

/// A cell as stored, before it is read as a number, a year or text.
#[derive(Debug, Clone)]
enum Raw {
    Empty,
    Text(String),
    Number(f64),
    /// A number in a cell formatted as a percentage: it shows `85%` and holds `0.85`.
    Percent(f64),
    Bool(bool),
}

type GridRow = Vec<(Raw, Location)>;

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
        let fields = field_starts(&text[span.clone()], line);
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

/// Line and character column where each field of one CSV record starts.
fn field_starts(record: &str, first_line: u32) -> Vec<(u32, u32)> {
    let (mut line, mut column) = (first_line, 1u32);
    let mut starts = vec![(line, column)];
    let mut quoted = false;
    for ch in record.chars() {
        match ch {
            '"' => quoted = !quoted,
            ',' if !quoted => starts.push((line, column + 1)),
            '\n' if !quoted => break,
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

/// The first row is the header; every later non-blank row becomes a [`DataRow`] or problems.
fn read_grid(table: &mut DataTable, grid: Vec<GridRow>, start: &Location) {
    let mut rows = grid.into_iter();
    let Some(header) = rows.next() else {
        table.problems.push(Diagnostic::warning(start.clone(), "this table is empty"));
        return;
    };
    let Some(columns) = read_header(&header, start, &mut table.problems) else { return };
    for row in rows {
        if row.iter().all(|(raw, _)| matches!(raw, Raw::Empty)) {
            continue;
        }
        if let Some(row) = read_row(&columns, row, &mut table.problems) {
            table.rows.push(row);
        }
    }
    if table.columns.is_empty() {
        table.columns = columns;
    }
}

fn read_header(header: &GridRow, start: &Location, problems: &mut Vec<Diagnostic>) -> Option<Vec<Option<Column>>> {
    let mut columns = Vec::new();
    let mut fine = true;
    for (raw, location) in header {
        let text = raw_text(raw).unwrap_or_default();
        if text.is_empty() {
            columns.push(None);
            continue;
        }
        match Column::from_header(&text) {
            Some(column) if columns.contains(&Some(column)) => {
                problems.push(
                    Diagnostic::error(location.clone(), format!("a second `{}` column", column.key()))
                        .with_hint("each column may appear once: remove or rename one of them"),
                );
                fine = false;
            }
            Some(column) => columns.push(Some(column)),
            None => {
                let names = Column::ALL.iter().flat_map(|c| c.names().iter().copied());
                let hint = match crate::suggest::closest(&text.to_lowercase(), names) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => format!(
                        "the columns are: {}",
                        Column::ALL.iter().map(|c| format!("{} ({})", c.key(), c.zh())).collect::<Vec<_>>().join(", ")
                    ),
                };
                problems.push(Diagnostic::error(location.clone(), format!("unknown column `{text}`")).with_hint(hint));
                fine = false;
            }
        }
    }
    for required in [Column::Indicator, Column::Year] {
        if !columns.contains(&Some(required)) {
            problems.push(
                Diagnostic::error(start.clone(), format!("the table has no `{}` column", required.key())).with_hint(
                    format!("the first row names the columns; it needs `{}` (or `{}`)", required.key(), required.zh()),
                ),
            );
            fine = false;
        }
    }
    if !columns.contains(&Some(Column::Value)) && !columns.contains(&Some(Column::Status)) {
        problems.push(
            Diagnostic::error(start.clone(), "the table has neither a `value` nor a `status` column")
                .with_hint("figures go in `value` (数值); qualitative targets take a `status` (状态)"),
        );
        fine = false;
    }
    fine.then_some(columns)
}

/// Reads the cells of one row; `None` (with problems) when one of them is unreadable.
fn read_row(columns: &[Option<Column>], row: GridRow, problems: &mut Vec<Diagnostic>) -> Option<DataRow> {
    let before = problems.len();
    let place = row[0].1.clone();
    let mut cells: Vec<(Column, Raw, Location)> = Vec::new();
    for (index, (raw, location)) in row.into_iter().enumerate() {
        match columns.get(index).copied().flatten() {
            Some(column) if !column.is_for_reference() => cells.push((column, raw, location)),
            Some(_) => {}
            None if matches!(raw, Raw::Empty) => {}
            None => problems.push(
                Diagnostic::error(location, "this cell has no column heading")
                    .with_hint("move it under a named column, or delete it"),
            ),
        }
    }
    let find = |column: Column| cells.iter().find(|(c, raw, _)| *c == column && !matches!(raw, Raw::Empty));
    let text = |column: Column| {
        find(column)
            .map(|(_, raw, location)| Cell { value: raw_text(raw).unwrap_or_default(), location: location.clone() })
    };
    let localized =
        |zh: Column, en: Column| text(zh).map(|zh| Localized { zh: zh.value, en: text(en).map(|en| en.value) });

    let indicator = text(Column::Indicator);
    let year = find(Column::Year).and_then(|(_, raw, location)| read_year(raw, location, problems));
    let value = find(Column::Value).and_then(|(_, raw, location)| read_number(raw, location, problems));
    let status = find(Column::Status).and_then(|(_, raw, location)| read_status(raw, location, problems));
    let sample = find(Column::Sample).is_some_and(|(_, raw, location)| read_flag(raw, location, problems));
    if text(Column::SourceEn).is_some() && text(Column::SourceZh).is_none() {
        let location = text(Column::SourceEn).map(|c| c.location).unwrap_or(place.clone());
        problems.push(
            Diagnostic::error(location, "an English source without the Chinese one")
                .with_hint("fill in `source_zh` (来源) too: every text needs Chinese; English is optional"),
        );
    }
    if text(Column::NoteEn).is_some() && text(Column::NoteZh).is_none() {
        let location = text(Column::NoteEn).map(|c| c.location).unwrap_or(place.clone());
        problems.push(
            Diagnostic::error(location, "an English note without the Chinese one")
                .with_hint("fill in `note_zh` (备注) too: every text needs Chinese; English is optional"),
        );
    }
    let Some(indicator) = indicator else {
        problems.push(
            Diagnostic::error(place, "this row has no indicator id")
                .with_hint("write the indicator's id (as in its YAML file), e.g. `lyq-open-lessons`"),
        );
        return None;
    };
    if find(Column::Year).is_none() {
        problems
            .push(Diagnostic::error(place.clone(), "this row has no year").with_hint("write the year, e.g. `2023`"));
    }
    let source = localized(Column::SourceZh, Column::SourceEn);
    let note = localized(Column::NoteZh, Column::NoteEn);
    if value.is_none() && status.is_none() && problems.len() == before && (source.is_some() || note.is_some()) {
        problems.push(
            Diagnostic::error(place.clone(), "this row has a source or note but no `value` or `status`")
                .with_hint("fill in the figure, or delete the row"),
        );
    }
    if problems.len() > before {
        return None;
    }
    // A row with an id and a year but nothing else is a line of a template still to be filled in.
    if value.is_none() && status.is_none() {
        return None;
    }
    Some(DataRow {
        place,
        indicator,
        year: year?,
        breakdown: text(Column::Breakdown),
        unit: text(Column::Unit),
        value,
        status,
        sample,
        source,
        note,
        absent: [Column::Sample, Column::SourceZh, Column::SourceEn, Column::NoteZh, Column::NoteEn]
            .into_iter()
            .filter(|c| !columns.contains(&Some(*c)))
            .collect(),
    })
}

fn raw_text(raw: &Raw) -> Option<String> {
    match raw {
        Raw::Empty => None,
        Raw::Text(text) => Some(text.trim().to_string()),
        Raw::Number(number) => Some(number.to_string()),
        Raw::Percent(number) => Some(format!("{}%", number * 100.0)),
        Raw::Bool(flag) => Some(flag.to_string()),
    }
}

fn read_number(raw: &Raw, location: &Location, problems: &mut Vec<Diagnostic>) -> Option<Cell<f64>> {
    if let Raw::Percent(number) = raw {
        problems.push(
            Diagnostic::error(location.clone(), format!("the cell shows a percentage but holds {number}")).with_hint(
                "format the cell as a plain number (常规) and write `85` for 85%, so the figure cannot be read as 0.85",
            ),
        );
        return None;
    }
    let number = match raw {
        Raw::Number(number) => Some(*number),
        Raw::Text(text) => text.trim().parse::<f64>().ok().filter(|n| n.is_finite()),
        Raw::Empty | Raw::Bool(_) | Raw::Percent(_) => None,
    };
    if number.is_none() {
        let shown = raw_text(raw).unwrap_or_default();
        problems.push(
            Diagnostic::error(location.clone(), format!("`{shown}` is not a number"))
                .with_hint("a figure is a plain number: write `85` for 85%, `1200` rather than `1,200` or `约1200`; put words in the note"),
        );
    }
    number.map(|value| Cell { value, location: location.clone() })
}

fn read_year(raw: &Raw, location: &Location, problems: &mut Vec<Diagnostic>) -> Option<Cell<u16>> {
    let number = read_number(raw, location, problems)?;
    let year = number.value;
    if year.fract() != 0.0 || !(1900.0..=2100.0).contains(&year) {
        problems.push(
            Diagnostic::error(location.clone(), format!("`{year}` is not a year"))
                .with_hint("write the calendar year as four digits, e.g. `2023`"),
        );
        return None;
    }
    Some(Cell { value: year as u16, location: number.location })
}

fn read_status(raw: &Raw, location: &Location, problems: &mut Vec<Diagnostic>) -> Option<Cell<EditorStatus>> {
    let text = raw_text(raw).unwrap_or_default();
    let status = match text.to_lowercase().replace(' ', "_").as_str() {
        "met" | "已达成" => Some(EditorStatus::Met),
        "on_track" | "进展顺利" => Some(EditorStatus::OnTrack),
        "behind" | "滞后" => Some(EditorStatus::Behind),
        _ => None,
    };
    if status.is_none() {
        problems.push(
            Diagnostic::error(location.clone(), format!("`{text}` is not a status"))
                .with_hint("write met (已达成), on_track (进展顺利) or behind (滞后)"),
        );
    }
    status.map(|value| Cell { value, location: location.clone() })
}

fn read_flag(raw: &Raw, location: &Location, problems: &mut Vec<Diagnostic>) -> bool {
    let text = raw_text(raw).unwrap_or_default().to_lowercase();
    match text.as_str() {
        "true" | "yes" | "y" | "1" | "是" => true,
        "false" | "no" | "n" | "0" | "否" => false,
        _ => {
            problems.push(
                Diagnostic::error(location.clone(), format!("`{text}` is not yes or no"))
                    .with_hint("write `true` (是) for a sample figure, `false` (否) or nothing for an official one"),
            );
            false
        }
    }
}

/// The error for a figure given in two places, naming both.
pub fn given_twice(what: String, second: Location, first: &Location) -> Diagnostic {
    Diagnostic::error(second, format!("{what} is given twice: here and at {first}"))
        .with_hint("give each figure once, either in the indicator's YAML file or in one data file under content/data/; delete the other")
}

/// A status as data files write it.
pub fn status_key(status: EditorStatus) -> &'static str {
    match status {
        EditorStatus::Met => "met",
        EditorStatus::OnTrack => "on_track",
        EditorStatus::Behind => "behind",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_read_in_either_language() {
        assert_eq!(Column::from_header("指标"), Some(Column::Indicator));
        assert_eq!(Column::from_header(" Indicator "), Some(Column::Indicator));
        assert_eq!(Column::from_header("数值 / value"), Some(Column::Value));
        assert_eq!(Column::from_header("note_en|英文备注"), Some(Column::NoteEn));
        assert_eq!(Column::from_header("valeur"), None);
    }

    #[test]
    fn csv_cells_are_located_by_line_and_character_column() {
        let text = "indicator,year,value\nquality-share,2023,\"9,0\"\n\"x\ny\",2023,五\n";
        let table = read_csv(text, Path::new("data/t.csv"));
        let shown: Vec<String> = table.problems.iter().map(|d| d.location.as_ref().unwrap().to_string()).collect();
        assert_eq!(shown, ["data/t.csv:2:20", "data/t.csv:4:9"], "{:?}", table.problems);
    }

    #[test]
    fn crlf_rows_are_located_and_spanned_like_lf_rows() {
        let text = "indicator,year,value\r\n\r\nnew-schools,2018,x\r\nnew-schools,2019,2";
        let table = read_csv(text, Path::new("t.csv"));
        let shown: Vec<String> = table.problems.iter().map(|d| d.location.as_ref().unwrap().to_string()).collect();
        assert_eq!(shown, ["t.csv:3:18"]);
        let spans: Vec<&str> = table.spans.iter().map(|(_, span)| &text[span.clone()]).collect();
        assert_eq!(spans, ["indicator,year,value\r\n\r\n", "new-schools,2018,x\r\n", "new-schools,2019,2"]);
        assert_eq!(table.rows.len(), 1);
    }

    #[test]
    fn a_blank_template_row_is_skipped_but_a_note_without_a_figure_is_not() {
        let text = "indicator,year,value,note_zh\na,2023,,\nb,2023,,说明\n";
        let table = read_csv(text, Path::new("t.csv"));
        assert!(table.rows.is_empty());
        assert_eq!(table.problems.len(), 1);
        assert!(table.problems[0].message.contains("no `value`"));
    }
}
