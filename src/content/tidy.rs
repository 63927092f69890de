//! Tidy statistical data in the layout Open SDG data repositories publish: one table per
//! indicator, one row per figure, columns `Year`, any dimension columns, `Value`, and optionally
//! `Series`, `Units` and note columns (`Observation status`, `COMMENT_OBS`, `GeoCode` …).
//!
//! A blank dimension cell is that dimension's total, so the row whose dimension cells are all blank
//! is the headline figure. A blank `Value` is a gap the office published as such: it is kept, so
//! that tables show it, and it is not a number. Every problem is a located [`Diagnostic`] and reading
//! goes on, so one run reports them all.

use std::path::{Path, PathBuf};

use super::grid::{self, At, Grid, GridCell, Place, Raw};
use crate::diagnostics::{Diagnostic, Location};

/// What a column of a tidy table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Year,
    Value,
    /// The sub-measure a row belongs to, when one file holds several.
    Series,
    Units,
    /// `true`/`是` for an illustrative figure that no official source states.
    Sample,
    /// The target for a line of a breakdown, shown beside its figure.
    Target,
    /// Carried with each figure into tables and downloads, never a breakdown: notes, observation
    /// status, codes, multipliers, sources.
    Attribute,
    /// Any other column: a breakdown of the figures (sex, age, 区县 …).
    Dimension,
}

/// Headers with a fixed meaning, compared after [`normalise`]. Open SDG's English and SDMX
/// spellings come first, then the Chinese headers a bureau's sheet uses.
const ROLES: [(Role, &[&str]); 7] = [
    (Role::Year, &["year", "time period", "period", "年份", "年度", "时期"]),
    (Role::Value, &["value", "obs value", "数值", "值"]),
    (Role::Series, &["series", "系列", "指标系列"]),
    (Role::Units, &["units", "unit", "unit measure", "单位", "计量单位"]),
    (Role::Sample, &["sample", "示例数据", "示例"]),
    (Role::Target, &["target", "目标", "目标值"]),
    (
        Role::Attribute,
        &[
            "comment obs",
            "comment",
            "comments",
            "note",
            "notes",
            "footnote",
            "observation status",
            "obs status",
            "unit multiplier",
            "unit mult",
            "geocode",
            "备注",
            "注释",
            "说明",
            "来源",
            "数据来源",
        ],
    ),
];

/// Lower case, `_` and runs of spaces as one space: `COMMENT_OBS` and `Comment obs` are one header.
pub fn normalise(header: &str) -> String {
    header.trim().to_lowercase().replace('_', " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A header may give two languages, `年份 / Year`: either part names the role.
fn role_of(header: &str) -> Role {
    let header = normalise(header);
    let parts = std::iter::once(header.as_str()).chain(header.split(['/', '|']).map(str::trim));
    parts
        .map(|part| ROLES.iter().find(|(_, names)| names.contains(&part)).map(|(role, _)| *role))
        .find(Option::is_some)
        .flatten()
        .unwrap_or(Role::Dimension)
}

#[derive(Debug, Clone, PartialEq)]
pub struct TidyColumn {
    pub header: String,
    pub role: Role,
    pub location: Location,
}

mod period;

pub use crate::model::statistics::Period;
pub use period::parse_period;

/// One row of a tidy table.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    /// The row (its first cell); [`TidyTable::location`] makes it a [`Location`].
    pub place: At,
    pub period: Period,
    pub series: Option<String>,
    pub units: Option<String>,
    /// Where the `Units` cell is (the row's start when the table has none), for messages about the
    /// unit.
    pub units_at: At,
    /// One per dimension column, in the table's order; `None` is the dimension's total.
    pub dimensions: Vec<Option<String>>,
    /// Where each dimension cell is (the row's start for a cell the row lacks).
    pub dimensions_at: Vec<At>,
    /// One per attribute column, in the table's order.
    pub attributes: Vec<Option<String>>,
    /// `None`: the office published the row without a figure.
    pub value: Option<f64>,
    /// Decimals as written in the cell (`85.50`: 2).
    pub decimals: u8,
    pub sample: bool,
    /// Where the value is, for messages about the figure.
    pub value_at: At,
    pub target: Option<f64>,
}

impl Observation {
    /// Whether this is the all-totals row of its series and unit.
    pub fn is_headline(&self) -> bool {
        self.dimensions.iter().all(Option::is_none)
    }
}

/// A tidy data file: the tables of one indicator, which the file is named after (`<id>.csv`, or
/// Open SDG's `indicator_<id>.csv`).
#[derive(Debug, Clone)]
pub struct TidyFile {
    pub indicator: String,
    pub tables: Vec<TidyTable>,
}

impl TidyFile {
    pub fn new(path: &Path, tables: Vec<TidyTable>) -> Self {
        TidyFile { indicator: indicator_of(path), tables }
    }
}

/// The indicator a tidy file is named after: `4-1-1.csv` and `indicator_4-1-1.csv` are `4-1-1`.
pub fn indicator_of(path: &Path) -> String {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    stem.strip_prefix("indicator_").map(str::to_string).unwrap_or(stem)
}

#[derive(Debug, Clone, Default)]
pub struct TidyTable {
    pub path: PathBuf,
    /// The file and sheet the table is in, for the locations of its cells.
    pub place: Place,
    pub columns: Vec<TidyColumn>,
    pub observations: Vec<Observation>,
    pub problems: Vec<Diagnostic>,
}

impl TidyTable {
    /// Where a cell of the table is.
    pub fn location(&self, at: At) -> Location {
        self.place.location(at)
    }

    pub fn columns_with(&self, role: Role) -> impl Iterator<Item = &TidyColumn> {
        self.columns.iter().filter(move |c| c.role == role)
    }

    /// How many rows carry a number.
    pub fn numeric_values(&self) -> usize {
        self.observations.iter().filter(|o| o.value.is_some()).count()
    }
}

/// Reads a tidy CSV file (`path` is the name shown in messages).
pub fn read_csv(text: &str, path: &Path) -> TidyTable {
    match grid::csv_grid(text, path) {
        Ok(grid) => read_grid(&grid, path),
        Err(problem) => TidyTable { path: path.to_path_buf(), problems: vec![problem], ..TidyTable::default() },
    }
}

/// Reads every sheet of a tidy XLSX workbook: each sheet is one table.
pub fn read_xlsx(bytes: &[u8], path: &Path) -> Vec<TidyTable> {
    let (grids, problems) = grid::xlsx_grids(bytes, path);
    read_grids(&grids, problems, path)
}

/// The sheets of a workbook, each a table; `problems` are those met reading the workbook.
pub fn read_grids(grids: &[Grid], problems: Vec<Diagnostic>, path: &Path) -> Vec<TidyTable> {
    let mut tables: Vec<TidyTable> = grids.iter().map(|grid| read_grid(grid, path)).collect();
    if !problems.is_empty() {
        let mut unreadable = TidyTable { path: path.to_path_buf(), ..TidyTable::default() };
        unreadable.problems = problems;
        tables.push(unreadable);
    }
    tables
}

fn read_grid(grid: &Grid, path: &Path) -> TidyTable {
    let mut table = TidyTable { path: path.to_path_buf(), place: grid.place.clone(), ..TidyTable::default() };
    let Some(header) = grid.rows.first() else {
        table.problems.push(Diagnostic::warning(grid.start.clone(), "this table is empty"));
        return table;
    };
    let has_data_below =
        |index: usize| grid.rows[1..].iter().any(|row| row.get(index).is_some_and(|c| !c.raw.is_empty()));
    let mut slots = Vec::with_capacity(header.len());
    for (index, cell) in header.iter().enumerate() {
        slots.push(read_header_cell(grid, cell, has_data_below(index), &table.columns, &mut table.problems));
        if let Some(column) = slots.last().cloned().flatten() {
            table.columns.push(column);
        }
    }
    let missing = |role: Role| !table.columns.iter().any(|c| c.role == role);
    let mut fatal = false;
    if missing(Role::Year) {
        fatal = true;
        table.problems.push(
            Diagnostic::error(grid.start.clone(), "this table has no `Year` column")
                .with_hint("tidy data starts with a `Year` (年份) column: one year or period (`2015-2016`) per row"),
        );
    }
    if missing(Role::Value) {
        fatal = true;
        table.problems.push(Diagnostic::error(grid.after_header(), "this table has no `Value` column").with_hint(
            "tidy data ends with a `Value` (数值) column: one figure per row, blank where none was published",
        ));
    }
    if fatal {
        return table;
    }
    let roles: Vec<Option<Role>> = slots.iter().map(|s| s.as_ref().map(|c| c.role)).collect();
    // Rows that repeat a figure are kept: the model says what it makes of them.
    for row in grid.rows.iter().skip(1).filter(|row| row.iter().any(|c| !c.raw.is_empty())) {
        if let Some(observation) = read_row(grid, row, &roles, &mut table.problems) {
            table.observations.push(observation);
        }
    }
    table
}

fn read_header_cell(
    grid: &Grid,
    cell: &GridCell,
    has_data_below: bool,
    columns: &[TidyColumn],
    problems: &mut Vec<Diagnostic>,
) -> Option<TidyColumn> {
    let Some(header) = cell.raw.text() else {
        if has_data_below {
            problems.push(
                Diagnostic::error(grid.location(cell.at), "this column has figures but no header")
                    .with_hint("name the column in the first row: `Year`, `Value`, `Units`, `Series`, or the dimension it breaks the figures down by"),
            );
        }
        return None;
    };
    let mut role = role_of(&header);
    // `Units` and SDMX's `Unit measure` side by side: the second is a note, shown with each figure.
    if role == Role::Units
        && columns.iter().any(|c| c.role == Role::Units && normalise(&c.header) != normalise(&header))
    {
        role = Role::Attribute;
    }
    let same = |c: &&TidyColumn| {
        normalise(&c.header) == normalise(&header)
            || (c.role == role && role != Role::Dimension && role != Role::Attribute)
    };
    if let Some(first) = columns.iter().find(same) {
        problems.push(
            Diagnostic::error(grid.location(cell.at), format!("`{header}` is a second `{}` column", first.header))
                .with_hint(format!("the first is at {}: keep one of them", first.location)),
        );
        return None;
    }
    Some(TidyColumn { header, role, location: grid.location(cell.at) })
}

fn read_row(
    grid: &Grid,
    row: &[GridCell],
    roles: &[Option<Role>],
    problems: &mut Vec<Diagnostic>,
) -> Option<Observation> {
    let place = row[0].at;
    let (mut period, mut value, mut ok) = (None, None, true);
    let (mut decimals, mut sample, mut value_at, mut target) = (0, false, place, None);
    let mut year_cell = None;
    let (mut series, mut units, mut units_at) = (None, None, place);
    let (mut dimensions, mut attributes, mut dimensions_at) = (Vec::new(), Vec::new(), Vec::new());
    let dimension_count = roles.iter().filter(|r| **r == Some(Role::Dimension)).count();
    for (index, cell) in row.iter().enumerate() {
        let text = cell.raw.text();
        match roles.get(index).copied() {
            Some(Some(Role::Year)) => match read_period(cell) {
                Ok(read) => period = Some(read),
                Err(shown) => year_cell = Some((cell.at, shown)),
            },
            Some(Some(Role::Value)) => {
                value_at = cell.at;
                match read_value(grid, cell, problems) {
                    Ok(number) => {
                        value = number;
                        decimals = match &cell.raw {
                            Raw::Text(text) => crate::model::statistics::decimals_written(text),
                            _ => number.map_or(0, crate::model::statistics::decimals_of),
                        };
                    }
                    Err(()) => ok = false,
                }
            }
            Some(Some(Role::Target)) => match read_value(grid, cell, problems) {
                Ok(number) => target = number,
                Err(()) => ok = false,
            },
            Some(Some(Role::Sample)) => {
                match read_flag(cell) {
                    Some(flag) => sample = flag,
                    None => {
                        ok = false;
                        problems.push(
                        Diagnostic::error(grid.location(cell.at), format!("`{}` is not yes or no", text.unwrap_or_default()))
                            .with_hint("write `true` (是) for an illustrative figure, `false` (否) or nothing for an official one"),
                    );
                    }
                }
            }
            Some(Some(Role::Series)) => series = text,
            Some(Some(Role::Units)) => {
                units = text;
                units_at = cell.at;
            }
            Some(Some(Role::Dimension)) => {
                dimensions.push(text);
                dimensions_at.push(cell.at);
            }
            Some(Some(Role::Attribute)) => attributes.push(text),
            Some(None) => {}
            None if text.is_none() => {}
            None => {
                ok = false;
                problems.push(
                    Diagnostic::error(grid.location(cell.at), "this cell is to the right of the last column")
                        .with_hint("give the column a header in the first row, or delete the cell"),
                );
            }
        }
    }
    if period.is_none() {
        let hint =
            "write the year (`2015`) or period the figure is for (`2015-2016`, `2015/16`, `2015 to 2016`, `2015 Q1`)";
        let (at, shown) = year_cell.unwrap_or((place, String::new()));
        let at = grid.location(at);
        let message = if shown.is_empty() {
            "this row has no year".to_string()
        } else {
            format!("`{shown}` is not a year or a period")
        };
        if value.is_none() && ok {
            // Open SDG data marks an indicator without figures with a row such as `There is no
            // data for this indicator yet` and no value: nothing is lost by leaving it out.
            problems.push(
                Diagnostic::warning(at, format!("{message}; the row has no figure either and is left out"))
                    .with_hint(hint),
            );
        } else if ok {
            problems.push(Diagnostic::error(at, message).with_hint(hint));
        }
    }
    dimensions.resize(dimension_count, None);
    dimensions_at.resize(dimension_count, place);
    let attribute_count = roles.iter().filter(|r| **r == Some(Role::Attribute)).count();
    attributes.resize(attribute_count, None);
    let observation = Observation {
        place,
        period: period?,
        series,
        units,
        units_at,
        dimensions,
        dimensions_at,
        attributes,
        value,
        decimals,
        sample,
        value_at,
        target,
    };
    Some(observation).filter(|_| ok)
}

/// A yes/no cell; `None` when it is neither.
fn read_flag(cell: &GridCell) -> Option<bool> {
    match &cell.raw {
        Raw::Empty => Some(false),
        Raw::Bool(flag) => Some(*flag),
        Raw::Number(n) if *n == 0.0 || *n == 1.0 => Some(*n == 1.0),
        raw => match raw.text()?.to_lowercase().as_str() {
            "true" | "yes" | "是" | "y" => Some(true),
            "false" | "no" | "否" | "n" => Some(false),
            _ => None,
        },
    }
}

/// The period of a `Year` cell, or the cell as shown when it names none.
fn read_period(cell: &GridCell) -> Result<Period, String> {
    let period = match &cell.raw {
        Raw::Number(number) if number.fract() == 0.0 => period::year(*number as i64).map(Period::year),
        Raw::Text(text) => parse_period(text),
        _ => None,
    };
    period.ok_or_else(|| cell.raw.text().unwrap_or_default())
}

/// A blank cell is `Ok(None)`: the row is kept as a published gap.
fn read_value(grid: &Grid, cell: &GridCell, problems: &mut Vec<Diagnostic>) -> Result<Option<f64>, ()> {
    let number = match &cell.raw {
        Raw::Empty => return Ok(None),
        Raw::Number(number) => Some(*number),
        Raw::Text(text) => text.trim().parse::<f64>().ok().filter(|n| n.is_finite()),
        Raw::Percent(number) => {
            problems.push(
                Diagnostic::error(grid.location(cell.at), format!("the cell shows a percentage but holds {number}"))
                    .with_hint("format the cell as a plain number (常规) and write `85` for 85%, so the figure cannot be read as 0.85"),
            );
            return Err(());
        }
        Raw::Bool(_) => None,
    };
    match number {
        Some(number) => Ok(Some(number)),
        None => {
            let shown = cell.raw.text().unwrap_or_default();
            problems.push(
                Diagnostic::error(grid.location(cell.at), format!("`{shown}` is not a number"))
                    .with_hint("a figure is a plain number (`-6.06`, `14310`, not `14,310`); leave the cell blank where no figure was published and say why in a note column"),
            );
            Err(())
        }
    }
}

#[cfg(test)]
mod tests;
