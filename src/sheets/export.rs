//! `gongkai export`: the site's figures as a workbook for departments to fill in, one sheet per
//! department (the lead department of each indicator), one row per indicator and year of its plan,
//! and one per breakdown line. What identifies a row is locked with sheet protection; the figure,
//! status, sample flag, source and note are left open. The sheet reads back with `gongkai import`.

use std::path::PathBuf;

use rust_xlsxwriter::{
    Color, DataValidation, DocProperties, ExcelDateTime, Format, FormatBorder, Workbook, Worksheet, XlsxError,
};

use crate::content::SourceFile;
use crate::content::table::Column;
use crate::diagnostics::Diagnostics;
use crate::model::vocabulary::EditorStatus;
use crate::model::{Indicator, Site};
use crate::progress::Measure;
use crate::render::format::Style;
use crate::theme::Strings;

pub struct ExportOptions {
    pub root: PathBuf,
    pub out: PathBuf,
}

pub struct ExportOutcome {
    pub diagnostics: Diagnostics,
    pub sources: Vec<SourceFile>,
    /// The workbook as shown to the user, and each sheet's name with its number of rows.
    pub written: Option<(PathBuf, Vec<SheetSummary>)>,
}

/// A sheet's name and its number of rows.
pub type SheetSummary = (String, usize);

/// The columns of the template, in order; the first [`LOCKED`] are locked.
const COLUMNS: [Column; 14] = Column::ALL;
const LOCKED: usize = 7;
const SHEET_NAME_LIMIT: usize = 31;
const UNASSIGNED: &str = "未指定部门";

pub fn export(options: &ExportOptions) -> ExportOutcome {
    let mut diagnostics = Diagnostics::new();
    let (site, sources) = super::load_site(&options.root, &mut diagnostics);
    let Some(site) = site else { return ExportOutcome { diagnostics, sources, written: None } };
    let diagnostics = Diagnostics::new();
    let mut outcome = ExportOutcome { diagnostics, sources, written: None };
    let (out, shown) = super::resolve(&options.out, &options.root);
    let content = std::fs::canonicalize(options.root.join("content")).unwrap_or_else(|_| options.root.join("content"));
    if out.parent().and_then(|p| std::fs::canonicalize(p).ok()).is_some_and(|p| p.starts_with(&content)) {
        outcome.diagnostics.push(
            super::file_error(&shown, "the template would be read back as content")
                .with_hint("write it outside content/, e.g. `--out figures.xlsx`, and bring the filled-in sheet back with `gongkai import`"),
        );
        return outcome;
    }
    let strings = default_language_strings(&options.root, &site);
    match workbook_bytes(&site, &strings) {
        Ok((bytes, sheets)) => match super::write::write(&out, &bytes) {
            Ok(()) => outcome.written = Some((shown, sheets)),
            Err(error) => outcome.diagnostics.push(super::file_error(&shown, format!("cannot write: {error}"))),
        },
        Err(error) => outcome.diagnostics.push(super::file_error(&shown, format!("cannot make the workbook: {error}"))),
    }
    outcome
}

/// The theme's UI strings of the site's default language, which the template's target texts
/// are worded in.
fn default_language_strings(root: &std::path::Path, site: &Site) -> Strings {
    let theme = crate::theme::load(root, &mut Diagnostics::new());
    theme
        .map(|theme| crate::theme::strings_for(&theme.strings, site.config.languages.default_lang()).0)
        .unwrap_or_default()
}

/// The indicators of each sheet: by lead department, in the site's order; then those with none.
fn sheets(site: &Site) -> Vec<(String, Vec<&Indicator>)> {
    let mut sheets: Vec<(String, Vec<&Indicator>)> = Vec::new();
    for (index, department) in site.departments.iter().enumerate() {
        let indicators: Vec<&Indicator> =
            site.indicators.iter().filter(|i| i.departments.first() == Some(&index)).collect();
        if !indicators.is_empty() {
            let name = sheet_name(department.name.first(), &department.id, &sheets);
            sheets.push((name, indicators));
        }
    }
    let unassigned: Vec<&Indicator> = site.indicators.iter().filter(|i| i.departments.is_empty()).collect();
    if !unassigned.is_empty() || sheets.is_empty() {
        sheets.push((UNASSIGNED.to_string(), unassigned));
    }
    sheets
}

/// A department's name as a sheet name: at most 31 characters, none of `[]:*?/\`, unique; the id
/// when the name will not do.
fn sheet_name(name: &str, id: &str, taken: &[(String, Vec<&Indicator>)]) -> String {
    let clean = |text: &str| -> String {
        text.chars().map(|c| if "[]:*?/\\".contains(c) { '_' } else { c }).take(SHEET_NAME_LIMIT).collect()
    };
    let is_free = |candidate: &str| !taken.iter().any(|(n, _)| n.to_lowercase() == candidate.to_lowercase());
    let by_name = clean(name);
    if is_free(&by_name) && by_name != UNASSIGNED {
        return by_name;
    }
    let by_id = clean(id);
    let mut candidate = by_id.clone();
    let mut n = 2;
    while !is_free(&candidate) {
        let suffix = format!("-{n}");
        candidate = format!("{}{suffix}", by_id.chars().take(SHEET_NAME_LIMIT - suffix.len()).collect::<String>());
        n += 1;
    }
    candidate
}

/// One row of the template, as cells in [`COLUMNS`] order.
enum Value {
    Text(String),
    Number(f64),
    Blank,
}

fn rows(site: &Site, indicator: &Indicator, strings: &Strings) -> Vec<Vec<Value>> {
    let style = Style::new(site.config.languages.default_lang(), strings);
    let plan = &site.plans[indicator.plan];
    let text = |s: &str| if s.is_empty() { Value::Blank } else { Value::Text(s.to_string()) };
    let mut rows = Vec::new();
    for year in plan.years() {
        let target = indicator.target_for(year).map(|t| style.target(&t.value, &indicator.unit));
        let actual = indicator.actual_for(year);
        let (value, status) = match actual.map(|a| &a.measure) {
            Some(Measure::Value(v)) => (Value::Number(*v), Value::Blank),
            Some(Measure::Status(s)) => (Value::Blank, Value::Text(status_label(*s).into())),
            None => (Value::Blank, Value::Blank),
        };
        let localized = |l: Option<&crate::i18n::Localized>| {
            (
                l.map(|l| text(l.exact("zh").unwrap_or_default())).unwrap_or(Value::Blank),
                l.and_then(|l| l.exact("en")).map(text).unwrap_or(Value::Blank),
            )
        };
        let (source_zh, source_en) = localized(actual.and_then(|a| a.source.as_ref()));
        let (note_zh, note_en) = localized(actual.and_then(|a| a.note.as_ref()));
        rows.push(vec![
            text(&indicator.id),
            text(indicator.name.exact("zh").unwrap_or_default()),
            text(indicator.name.exact("en").unwrap_or("")),
            text(indicator.unit.exact("zh").unwrap_or_default().trim()),
            Value::Number(f64::from(year)),
            Value::Blank,
            target.map(|t| text(&t)).unwrap_or(Value::Blank),
            value,
            status,
            actual.map(|a| sample_label(a.sample)).map(text).unwrap_or(Value::Blank),
            source_zh,
            source_en,
            note_zh,
            note_en,
        ]);
    }
    if let Some(breakdown) = &indicator.breakdown {
        for line in &breakdown.rows {
            rows.push(vec![
                text(&indicator.id),
                text(indicator.name.exact("zh").unwrap_or_default()),
                text(indicator.name.exact("en").unwrap_or("")),
                text(indicator.unit.exact("zh").unwrap_or_default().trim()),
                Value::Number(f64::from(breakdown.year)),
                text(line.label.exact("zh").unwrap_or_default()),
                line.target.map(Value::Number).unwrap_or(Value::Blank),
                line.actual.map(Value::Number).unwrap_or(Value::Blank),
                Value::Blank,
                line.actual.map(|_| text(sample_label(line.sample))).unwrap_or(Value::Blank),
                Value::Blank,
                Value::Blank,
                Value::Blank,
                Value::Blank,
            ]);
        }
    }
    rows
}

fn status_label(status: EditorStatus) -> &'static str {
    match status {
        EditorStatus::Met => "已达成",
        EditorStatus::OnTrack => "进展顺利",
        EditorStatus::Behind => "滞后",
    }
}

fn sample_label(sample: bool) -> &'static str {
    if sample { "是" } else { "否" }
}

fn workbook_bytes(site: &Site, strings: &Strings) -> Result<(Vec<u8>, Vec<SheetSummary>), XlsxError> {
    let mut workbook = Workbook::new();
    // A fixed creation time keeps the file identical from one export to the next.
    let date = site.config.as_of;
    let created = ExcelDateTime::from_ymd(date.year() as u16, date.month() as u8, date.day() as u8)?;
    workbook.set_properties(&DocProperties::new().set_title("gongkai").set_creation_datetime(&created));
    let mut summary = Vec::new();
    for (name, indicators) in sheets(site) {
        let worksheet = workbook.add_worksheet();
        worksheet.set_name(&name)?;
        let rows: Vec<Vec<Value>> = indicators.iter().flat_map(|i| rows(site, i, strings)).collect();
        fill_sheet(worksheet, &rows)?;
        summary.push((name, rows.len()));
    }
    Ok((workbook.save_to_buffer()?, summary))
}

fn fill_sheet(worksheet: &mut Worksheet, rows: &[Vec<Value>]) -> Result<(), XlsxError> {
    let header = Format::new().set_bold().set_background_color(Color::RGB(0xDDE4EE)).set_border(FormatBorder::Thin);
    let locked = Format::new().set_background_color(Color::RGB(0xF2F2F2));
    let open = Format::new().set_unlocked();
    for (column, kind) in COLUMNS.iter().enumerate() {
        worksheet.write_string_with_format(0, column as u16, kind.header(), &header)?;
        let width = match kind {
            Column::NameZh | Column::NameEn | Column::NoteZh | Column::NoteEn => 36.0,
            Column::Indicator | Column::SourceZh | Column::SourceEn | Column::Target => 22.0,
            _ => 12.0,
        };
        worksheet.set_column_width(column as u16, width)?;
    }
    for (index, row) in rows.iter().enumerate() {
        let r = index as u32 + 1;
        for (column, value) in row.iter().enumerate() {
            let format = if column < LOCKED { &locked } else { &open };
            let c = column as u16;
            match value {
                Value::Text(text) => worksheet.write_string_with_format(r, c, text, format)?,
                Value::Number(number) => worksheet.write_number_with_format(r, c, *number, format)?,
                Value::Blank => worksheet.write_blank(r, c, format)?,
            };
        }
    }
    let last = rows.len().max(1) as u32;
    let column_of = |kind: Column| COLUMNS.iter().position(|c| *c == kind).unwrap_or(0) as u16;
    let statuses = DataValidation::new().allow_list_strings(&["已达成", "进展顺利", "滞后"])?;
    worksheet.add_data_validation(1, column_of(Column::Status), last, column_of(Column::Status), &statuses)?;
    let flags = DataValidation::new().allow_list_strings(&["是", "否"])?;
    worksheet.add_data_validation(1, column_of(Column::Sample), last, column_of(Column::Sample), &flags)?;
    worksheet.set_freeze_panes(1, 1)?;
    worksheet.protect();
    Ok(())
}
