//! Writing accepted rows into a CSV data file without touching its other rows: kept rows are copied
//! byte for byte, a changed row is rewritten in place, and a new row goes before the first row with
//! a larger key (indicator, year, breakdown), so a sorted file stays sorted.

use std::collections::HashMap;
use std::path::Path;

use crate::content::table::{self, Column, DataRow, RowKey};
use crate::diagnostics::Diagnostic;
use crate::model::Site;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    Added,
    Changed,
}

/// One row written into the data file.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub kind: ChangeKind,
    pub key: RowKey,
    /// The figure as it reads now, and before (for a changed row).
    pub figure: String,
    pub before: Option<String>,
}

pub struct WritePlan {
    pub text: String,
    pub changes: Vec<Change>,
    pub unchanged: usize,
    pub rejected: usize,
}

/// The new text of the data file at `path` with `accepted` merged in.
pub fn plan(
    path: &Path,
    shown: &Path,
    accepted: &[DataRow],
    site: &Site,
    problems: &mut Vec<Diagnostic>,
) -> Result<WritePlan, Diagnostic> {
    let old = match std::fs::read_to_string(path) {
        Ok(text) => Some(text),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        Err(error) => return Err(super::file_error(shown, format!("cannot read the data file: {error}"))),
    };
    let bom = old.as_deref().is_some_and(|t| t.starts_with('\u{feff}'));
    let body = old.as_deref().map(|t| t.trim_start_matches('\u{feff}')).unwrap_or("");
    let existing = table::read_csv(body, shown);
    if old.is_some() && existing.has_errors() {
        return Err(super::file_error(shown, "the data file has errors; nothing was written")
            .with_hint("run `gongkai check` and fix the data file first"));
    }
    let columns: Vec<Option<Column>> =
        if old.is_some() { existing.columns.clone() } else { Column::DATA_FILE.map(Some).to_vec() };
    let newline = if body.contains("\r\n") { "\r\n" } else { "\n" };
    let context = Serializer { columns: &columns, site, newline };

    let by_key: HashMap<RowKey, &DataRow> = existing.rows.iter().map(|r| (r.key(), r)).collect();
    let mut plan = WritePlan { text: String::new(), changes: Vec::new(), unchanged: 0, rejected: 0 };
    let mut replacements: HashMap<RowKey, &DataRow> = HashMap::new();
    let mut additions: Vec<&DataRow> = Vec::new();
    for row in accepted {
        if let Some(missing) = missing_column(row, &columns) {
            problems.push(
                Diagnostic::error(
                    row.place.clone(),
                    format!("the data file `{}` has no `{}` column", shown.display(), missing.key()),
                )
                .with_hint(format!(
                    "add a `{}` column to the data file, or import into another file with `--into`",
                    missing.key()
                )),
            );
            plan.rejected += 1;
            continue;
        }
        match by_key.get(&row.key()) {
            Some(old) if old.same_figure(row) => plan.unchanged += 1,
            Some(old) => {
                plan.changes.push(change(ChangeKind::Changed, row, Some(old)));
                replacements.insert(row.key(), row);
            }
            None => {
                plan.changes.push(change(ChangeKind::Added, row, None));
                additions.push(row);
            }
        }
    }
    additions.sort_by_key(|r| r.key());
    plan.changes.sort_by(|a, b| a.key.cmp(&b.key));

    let mut out = String::new();
    if bom {
        out.push('\u{feff}');
    }
    if old.is_none() {
        out.push_str(&context.record(columns.iter().map(|c| c.map(Column::key).unwrap_or("").to_string())));
    }
    let mut pending = additions.into_iter().peekable();
    for (index, (line, span)) in existing.spans.iter().enumerate() {
        let row = existing.rows.iter().find(|r| r.place.line == *line);
        if let Some(row) = row.filter(|_| index > 0) {
            let key = row.key();
            while let Some(new) = pending.next_if(|new| new.key() < key) {
                push_line(&mut out, &context.row(new), newline);
            }
            if let Some(new) = replacements.get(&key) {
                push_line(&mut out, &context.row(new), newline);
                continue;
            }
        }
        push_line(&mut out, &body[span.clone()], newline);
    }
    for new in pending {
        push_line(&mut out, &context.row(new), newline);
    }
    plan.text = out;
    Ok(plan)
}

/// Appends `text`, first ending the previous line if the file's last line had no line break.
fn push_line(out: &mut String, text: &str, newline: &str) {
    if !out.is_empty() && !out.ends_with('\n') && !out.ends_with('\u{feff}') {
        out.push_str(newline);
    }
    out.push_str(text);
}

fn missing_column(row: &DataRow, columns: &[Option<Column>]) -> Option<Column> {
    let needed = [
        (Column::Value, row.value.is_some()),
        (Column::Status, row.status.is_some()),
        (Column::Breakdown, row.breakdown.is_some()),
        (Column::Sample, row.sample),
        (Column::SourceZh, row.source.is_some()),
        (Column::SourceEn, row.source.as_ref().is_some_and(|s| s.exact("en").is_some())),
        (Column::NoteZh, row.note.is_some()),
        (Column::NoteEn, row.note.as_ref().is_some_and(|s| s.exact("en").is_some())),
    ];
    needed.into_iter().find(|(column, needed)| *needed && !columns.contains(&Some(*column))).map(|(c, _)| c)
}

fn change(kind: ChangeKind, row: &DataRow, before: Option<&DataRow>) -> Change {
    Change { kind, key: row.key(), figure: row.figure_text(), before: before.map(DataRow::figure_text) }
}

struct Serializer<'a> {
    columns: &'a [Option<Column>],
    site: &'a Site,
    newline: &'a str,
}

/// CSV records, quoted where needed, each ending in `newline`.
pub fn records<R: IntoIterator<Item = String>>(rows: impl IntoIterator<Item = R>, newline: &str) -> String {
    let terminator = if newline == "\r\n" { csv::Terminator::CRLF } else { csv::Terminator::Any(b'\n') };
    let mut writer = csv::WriterBuilder::new().terminator(terminator).flexible(true).from_writer(Vec::new());
    for row in rows {
        // Writing into memory cannot fail.
        let _ = writer.write_record(row.into_iter().collect::<Vec<_>>());
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

impl Serializer<'_> {
    /// One CSV record with its line break.
    fn record(&self, fields: impl IntoIterator<Item = String>) -> String {
        records([fields], self.newline)
    }

    fn row(&self, row: &DataRow) -> String {
        let indicator = self.site.indicators.iter().find(|i| i.id == row.indicator.value);
        let fields = self.columns.iter().map(|column| {
            let Some(column) = column else { return String::new() };
            match column {
                Column::Indicator => row.indicator.value.clone(),
                Column::NameZh => {
                    indicator.map(|i| i.name.exact("zh").unwrap_or_default().to_string()).unwrap_or_default()
                }
                Column::NameEn => indicator.and_then(|i| i.name.exact("en").map(str::to_string)).unwrap_or_default(),
                Column::Unit => row
                    .unit
                    .as_ref()
                    .map(|u| u.value.clone())
                    .or_else(|| indicator.map(|i| i.unit.exact("zh").unwrap_or_default().trim().to_string()))
                    .unwrap_or_default(),
                Column::Year => row.year.value.to_string(),
                Column::Breakdown => row.breakdown.as_ref().map(|b| b.value.clone()).unwrap_or_default(),
                Column::Target => String::new(),
                Column::Value => row.value.as_ref().map(|v| v.value.to_string()).unwrap_or_default(),
                Column::Status => {
                    row.status.as_ref().map(|s| table::status_key(s.value).to_string()).unwrap_or_default()
                }
                Column::Sample => row.sample.to_string(),
                Column::SourceZh => {
                    row.source.as_ref().map(|s| s.exact("zh").unwrap_or_default().to_string()).unwrap_or_default()
                }
                Column::SourceEn => {
                    row.source.as_ref().and_then(|s| s.exact("en").map(str::to_string)).unwrap_or_default()
                }
                Column::NoteZh => {
                    row.note.as_ref().map(|s| s.exact("zh").unwrap_or_default().to_string()).unwrap_or_default()
                }
                Column::NoteEn => row.note.as_ref().and_then(|s| s.exact("en").map(str::to_string)).unwrap_or_default(),
            }
        });
        self.record(fields)
    }
}

/// Writes the file through a temporary file in the same folder, so that a crash never leaves half
/// a data file.
pub fn write(path: &Path, bytes: impl AsRef<[u8]>) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".gongkai-tmp");
    std::fs::write(&temporary, bytes)?;
    std::fs::rename(&temporary, path)
}
