//! `gongkai import`: a department's sheet, checked row by row against the site, into a data file.
//!
//! Every row of the sheet gets the checks a build would make (unknown ids, unit, year in the plan's
//! period, number or status, percentages, breakdown lines), plus two of its own: a key given twice in
//! the sheet, and a figure that the site already has elsewhere with a different value. Rows that
//! pass are written into the data file; rows already there with the same content are left byte for
//! byte, and so are all the file's other rows.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::content::table::{self, DataRow, DataTable, RowKey};
use crate::content::{self, Loaded, RawSite, SourceFile};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::model;

use super::write::Change;

pub struct ImportOptions {
    pub root: PathBuf,
    /// The department's sheet (`.csv` or `.xlsx`).
    pub input: PathBuf,
    /// The data file to write, relative to `root`; by default `content/data/<name of the sheet>.csv`.
    pub into: Option<PathBuf>,
}

pub struct ImportOutcome {
    pub diagnostics: Diagnostics,
    pub sources: Vec<SourceFile>,
    /// The data file, as shown to the user; `None` when the import stopped before reading the sheet.
    pub data_file: Option<PathBuf>,
    pub changes: Vec<Change>,
    /// Rows of the sheet that were already in the site with the same content.
    pub unchanged: usize,
    /// Rows of the sheet that were not written because of a problem.
    pub rejected: usize,
    /// Whether the data file was written (nothing is written when nothing changed).
    pub written: bool,
}

impl ImportOutcome {
    fn stopped(diagnostics: Diagnostics, sources: Vec<SourceFile>) -> Self {
        ImportOutcome {
            diagnostics,
            sources,
            data_file: None,
            changes: Vec::new(),
            unchanged: 0,
            rejected: 0,
            written: false,
        }
    }
}

/// Where a figure the site already has was written, and what it says.
struct Existing {
    row: DataRow,
    /// Whether it is a row of the data file being written.
    in_target: bool,
}

pub fn import(options: &ImportOptions) -> ImportOutcome {
    let mut diagnostics = Diagnostics::new();
    let root = &options.root;
    let (site, mut sources) = super::load_site(root, &mut diagnostics);
    let Some(site) = site else { return ImportOutcome::stopped(diagnostics, sources) };
    diagnostics = Diagnostics::new(); // the site's own warnings are `gongkai check`'s business

    let (input, input_shown) = super::resolve(&options.input, root);
    let default_into = root.join("content/data").join(format!(
        "{}.csv",
        input.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "import".into())
    ));
    let into = options.into.as_ref().map(|into| root.join(into)).unwrap_or(default_into);
    let (into, into_shown) = super::resolve(&into, root);
    if let Err(problem) = check_target(&into, &into_shown, root) {
        diagnostics.push(problem);
        return ImportOutcome::stopped(diagnostics, sources);
    }
    let sheet = match read_sheet(&input, &input_shown, &mut sources) {
        Ok(sheet) => sheet,
        Err(problem) => {
            diagnostics.push(problem);
            return ImportOutcome::stopped(diagnostics, sources);
        }
    };
    let mut problems: Vec<Diagnostic> = sheet.problems.clone();
    let rows = without_repeats(sheet.rows, &mut problems);

    let existing = existing_figures(root, &into_shown);
    let mut candidates = Vec::new();
    let mut unchanged_elsewhere = Vec::new();
    for row in rows {
        let old = existing.get(&row.key());
        let row = match old {
            Some(old) => row.completed_from(&old.row),
            None => row,
        };
        match old {
            Some(old) if !old.in_target && !old.row.same_figure(&row) => problems.push(table::given_twice(
                format!("the {} figure of `{}`", row.year.value, row.indicator.value),
                row.place.clone(),
                &old.row.place,
            )),
            Some(old) if !old.in_target => {
                unchanged_elsewhere.push(row.key());
                candidates.push(row)
            }
            _ => candidates.push(row),
        }
    }
    problems.extend(check_with_site(root, &input_shown, &candidates, &existing));

    let located: Vec<&Location> =
        problems.iter().filter(|d| d.is_error()).filter_map(|d| d.location.as_ref()).collect();
    let rejected_rows = rows_with_errors(&located);
    let accepted: Vec<DataRow> = candidates
        .into_iter()
        .filter(|row| !row.locations().iter().any(|l| located.contains(l)))
        .filter(|row| !unchanged_elsewhere.contains(&row.key()))
        .collect();
    let unchanged_count = unchanged_elsewhere.len();

    let plan = super::write::plan(&into, &into_shown, &accepted, &site, &mut problems);
    for problem in problems {
        diagnostics.push(problem);
    }
    let mut outcome = ImportOutcome {
        diagnostics,
        sources,
        data_file: Some(into_shown.clone()),
        changes: Vec::new(),
        unchanged: unchanged_count,
        rejected: rejected_rows,
        written: false,
    };
    let plan = match plan {
        Ok(plan) => plan,
        Err(problem) => {
            outcome.diagnostics.push(problem);
            return outcome;
        }
    };
    outcome.unchanged += plan.unchanged;
    outcome.rejected += plan.rejected;
    outcome.changes = plan.changes.clone();
    if !plan.changes.is_empty() {
        match super::write::write(&into, &plan.text) {
            Ok(()) => outcome.written = true,
            Err(error) => {
                outcome.diagnostics.push(super::file_error(&into_shown, format!("cannot write the data file: {error}")))
            }
        }
    }
    outcome
}

/// The data file must be a CSV file inside `content/data/`, where builds read it.
pub(super) fn check_target(into: &Path, shown: &Path, root: &Path) -> Result<(), Diagnostic> {
    let canonical = |path: &Path| std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let data = canonical(root).join("content").join("data");
    // The folder may not exist yet: then the path as given has to say content/data.
    let inside = into.parent().is_some_and(|parent| match parent.exists() {
        true => canonical(parent).starts_with(&data),
        false => parent.ends_with("content/data"),
    });
    if !table::is_csv(&shown.to_string_lossy()) {
        return Err(super::file_error(shown, "imported rows are written to a CSV file")
            .with_hint("name a `.csv` file with `--into content/data/NAME.csv`"));
    }
    if !inside {
        return Err(super::file_error(shown, "the data file is not in the site's content/data/ folder")
            .with_hint("builds read figures from content/data/: use `--into content/data/NAME.csv`"));
    }
    Ok(())
}

struct Sheet {
    rows: Vec<DataRow>,
    problems: Vec<Diagnostic>,
}

fn read_sheet(input: &Path, shown: &Path, sources: &mut Vec<SourceFile>) -> Result<Sheet, Diagnostic> {
    let name = shown.to_string_lossy();
    let table: DataTable = if table::is_xlsx(&name) {
        table::read_xlsx(&content::read_bytes(input, shown)?, shown)
    } else if table::is_csv(&name) {
        let text = content::read_text(input, shown)?;
        let table = table::read_csv(&text, shown);
        sources.push(SourceFile { path: shown.to_path_buf(), text: text.into() });
        table
    } else {
        return Err(super::not_a_table(shown));
    };
    Ok(Sheet { rows: table.rows, problems: table.problems })
}

/// A key given twice in the sheet is an error on both rows: neither can be trusted over the other.
fn without_repeats(rows: Vec<DataRow>, problems: &mut Vec<Diagnostic>) -> Vec<DataRow> {
    let mut by_key: BTreeMap<RowKey, Vec<&DataRow>> = BTreeMap::new();
    for row in &rows {
        by_key.entry(row.key()).or_default().push(row);
    }
    let mut repeated = Vec::new();
    for (key, group) in by_key.iter().filter(|(_, g)| g.len() > 1) {
        for (index, row) in group.iter().enumerate() {
            let other = if index == 0 { group[1] } else { group[0] };
            problems.push(table::given_twice(
                format!("the {} figure of `{}`", key.year, key.indicator),
                row.place.clone(),
                &other.place,
            ));
        }
        repeated.push(key.clone());
    }
    rows.into_iter().filter(|row| !repeated.contains(&row.key())).collect()
}

/// Every figure the site has: from indicator files and from data files, by key.
fn existing_figures(root: &Path, target: &Path) -> HashMap<RowKey, Existing> {
    let mut ignored = Diagnostics::new();
    let raw = content::load(root, &mut ignored);
    let mut figures = HashMap::new();
    for Loaded { file, record } in &raw.indicators {
        let path = raw.path(*file);
        for actual in &record.actuals {
            let row = DataRow::from_actual(&record.id.value, actual, path);
            figures.insert(row.key(), Existing { row, in_target: false });
        }
        if let Some(breakdown) = &record.breakdown {
            for line in &breakdown.value.rows {
                if let Some(value) = line.actual {
                    let at = breakdown.location(path);
                    let row = DataRow::from_breakdown(&record.id.value, breakdown.value.year, line, value, at);
                    figures.insert(row.key(), Existing { row, in_target: false });
                }
            }
        }
    }
    for Loaded { file, record } in &raw.data {
        let in_target = raw.path(*file) == target;
        for row in &record.rows {
            figures.insert(row.key(), Existing { row: row.clone(), in_target });
        }
    }
    figures
}

/// Runs the site's own checks on the candidate rows, as if they were a data file of the site in
/// place of the target's rows with the same keys and of identical figures elsewhere.
fn check_with_site(
    root: &Path,
    input: &Path,
    candidates: &[DataRow],
    existing: &HashMap<RowKey, Existing>,
) -> Vec<Diagnostic> {
    let mut ignored = Diagnostics::new();
    let mut raw: RawSite = content::load(root, &mut ignored);
    let keys: Vec<RowKey> = candidates.iter().map(DataRow::key).collect();
    let replaced = |key: &RowKey| keys.contains(key) && existing.contains_key(key);
    for Loaded { record, .. } in &mut raw.indicators {
        let record = std::sync::Arc::make_mut(record);
        let id = record.id.value.clone();
        record
            .actuals
            .retain(|a| !replaced(&RowKey { indicator: id.clone(), year: a.value.year, breakdown: String::new() }));
        if let Some(breakdown) = &mut record.breakdown {
            let year = breakdown.value.year;
            for line in &mut breakdown.value.rows {
                if replaced(&RowKey {
                    indicator: id.clone(),
                    year,
                    breakdown: line.label.exact("zh").unwrap_or_default().to_string(),
                }) {
                    line.actual = None;
                }
            }
        }
    }
    for Loaded { record, .. } in &mut raw.data {
        std::sync::Arc::make_mut(record).rows.retain(|row| !replaced(&row.key()));
    }
    let file = raw.sources.len();
    raw.sources.push(SourceFile { path: input.to_path_buf(), text: "".into() });
    raw.data.push(Loaded {
        file,
        record: DataTable { path: input.to_path_buf(), rows: candidates.to_vec(), ..DataTable::default() }.into(),
    });
    let mut found = Diagnostics::new();
    model::validate(raw, false, &mut found);
    found.sorted().into_iter().filter(|d| d.location.as_ref().is_some_and(|l| l.file == input)).collect()
}

/// How many rows of the sheet have at least one error.
fn rows_with_errors(errors: &[&Location]) -> usize {
    let mut rows: Vec<(Option<&String>, u32)> = errors.iter().map(|l| (l.sheet.as_ref(), l.line)).collect();
    rows.sort();
    rows.dedup();
    rows.len()
}
