//! Data files (`content/data/*.csv`, `*.xlsx`): indicator figures as rows of a table, one row per
//! indicator, year and optional breakdown label, so that a department's spreadsheet can be the source
//! of a published number instead of a retyped copy.
//!
//! CSV is read with the `csv` crate and XLSX with `calamine`; both become the same grid of cells,
//! each with its location (`data/x.csv:7:12`, or `data/x.xlsx [Sheet1] C7`), and the grid becomes
//! [`DataRow`]s. A cell that cannot be read is a located [`Diagnostic`]; its row is left out and
//! reading goes on.

mod cells;
mod files;

use std::path::{Path, PathBuf};

use crate::content::grid::Grid;
use crate::content::indicator::{ActualFile, BreakdownRowFile};
use crate::diagnostics::{Diagnostic, Location};
use crate::i18n::Localized;
use crate::model::vocabulary::EditorStatus;
use crate::yaml::Spanned;

pub use files::{read_csv, read_xlsx};

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
            breakdown: Some(Cell { value: line.label.first().to_string(), location: at.clone() }),
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
            (Some(mut new), Some(old)) if en && new.exact("zh") == old.exact("zh") => {
                match old.exact("en") {
                    Some(text) => new.set("en", text.to_string()),
                    None => new.remove("en"),
                }
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

/// Whether a table's header has an `indicator` column: a sheet of figures of many indicators, not a
/// tidy table of one.
pub fn names_indicators(header: impl Iterator<Item = String>) -> bool {
    header.into_iter().any(|text| Column::from_header(&text) == Some(Column::Indicator))
}

/// [`names_indicators`] for a workbook's sheets (or a CSV file's grid): true if any header names them.
pub fn grids_name_indicators(grids: &[Grid]) -> bool {
    grids.iter().any(|grid| {
        grid.rows.first().is_some_and(|header| names_indicators(header.iter().filter_map(|c| c.raw.text())))
    })
}

/// [`names_indicators`] for the first record of a CSV text.
pub fn csv_names_indicators(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let first = reader.records().next().and_then(Result::ok);
    first.is_some_and(|record| names_indicators(record.iter().map(str::to_string)))
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
