//! From a grid of located cells to [`DataRow`]s: the header names the columns, and each cell is
//! read as the number, year, status, flag or text its column holds.

use super::{Cell, Column, DataRow, DataTable};
use crate::diagnostics::{Diagnostic, Location};
use crate::i18n::Localized;
use crate::model::vocabulary::EditorStatus;

/// A cell as stored, before it is read as a number, a year or text.
#[derive(Debug, Clone)]
pub(super) enum Raw {
    Empty,
    Text(String),
    Number(f64),
    /// A number in a cell formatted as a percentage: it shows `85%` and holds `0.85`.
    Percent(f64),
    Bool(bool),
}

pub(super) type GridRow = Vec<(Raw, Location)>;

/// The first row is the header; every later non-blank row becomes a [`DataRow`] or problems.
pub(super) fn read_grid(table: &mut DataTable, grid: Vec<GridRow>, start: &Location) {
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
    let localized = |zh: Column, en: Column| {
        text(zh).map(|zh| {
            Localized::from_texts(std::iter::once(("zh", zh.value)).chain(text(en).map(|en| ("en", en.value))))
        })
    };

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
