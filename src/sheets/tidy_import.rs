//! `gongkai import` of tidy data files, the layout Open SDG data repositories publish (`Year`,
//! dimension columns, `Value`, optional `Series`, `Units` and notes), one indicator per file:
//!
//! 1. every file given, and every `*.csv`/`*.xlsx` of a folder given, is read with the tidy reader a
//!    build uses; a department sheet (an `indicator` column) is handed back for [`super::import`];
//! 2. each table is named to an indicator (`--indicator`, `--map`, or its file name as a build names
//!    it) that must exist, and given its data file under `content/data/`;
//! 3. the site is loaded with every table in place of its data file and validated as a build would:
//!    a problem located in a file refuses that file, a problem elsewhere stops the import;
//! 4. each file free of errors is written whole (a table is a unit), through a temporary file, unless
//!    its data file already holds the same text.

mod diff;
mod input;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::content::tidy::{self, Role, TidyFile, indicator_of};
use crate::content::{self, Loaded, RawSite, SourceFile};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::model;

pub use diff::Counts;
use input::{Read, TidyRead};

pub struct TidyOptions {
    pub root: PathBuf,
    /// Files and folders, as given on the command line.
    pub inputs: Vec<PathBuf>,
    /// The data file to write, relative to `root` (for one file only).
    pub into: Option<PathBuf>,
    /// The indicator the file is for (one file only); by default the one its name names.
    pub indicator: Option<String>,
    /// A YAML mapping from the ids in files' names to the site's indicator ids.
    pub map: Option<PathBuf>,
}

#[derive(Default)]
pub struct TidyOutcome {
    pub diagnostics: Diagnostics,
    pub sources: Vec<SourceFile>,
    pub files: Vec<TidyReport>,
    /// The inputs that are department sheets, for [`super::import`].
    pub sheets: Vec<PathBuf>,
}

/// What became of one tidy file.
#[derive(Debug)]
pub struct TidyReport {
    /// The file and its data file, as shown.
    pub input: PathBuf,
    pub target: Option<PathBuf>,
    pub rows: usize,
    pub numbers: usize,
    /// Dimension columns (by header, across a workbook's sheets).
    pub dimensions: usize,
    pub result: TidyResult,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TidyResult {
    Created,
    Replaced(Counts),
    /// The data file already had this text; it was left byte for byte.
    Unchanged,
    /// Nothing was written: the file has `errors` errors (0: the site's own errors stopped it).
    Refused {
        errors: usize,
    },
}

/// A tidy file on its way.
struct Input {
    shown: PathBuf,
    file: Arc<TidyFile>,
    csv: Option<String>,
    /// The data file to write, as a path and as shown; `None` when it has none (an error says why).
    target: Option<(PathBuf, PathBuf)>,
    problems: Vec<Diagnostic>,
}

pub fn import_tidy(options: &TidyOptions) -> TidyOutcome {
    let mut outcome = TidyOutcome::default();
    let mut problems = Vec::new();
    let files = input::expand(&options.inputs, &mut problems);
    check_single(options, files.len(), &mut problems);
    let map = read_map(options, &mut outcome.sources, &mut problems);
    if !problems.is_empty() {
        problems.into_iter().for_each(|problem| outcome.diagnostics.push(problem));
        return outcome;
    }
    let mut inputs = read_inputs(&files, options, &map, &mut outcome);
    if inputs.is_empty() {
        return outcome;
    }
    let mut loaded = Diagnostics::new();
    let raw = content::load(&options.root, &mut loaded);
    let mut taken = Vec::new();
    for input in &mut inputs {
        place(input, options, &raw, &mut taken);
    }
    let site = check_in_site(raw, loaded, &mut inputs);
    let stopped = site.iter().any(Diagnostic::is_error);
    if stopped {
        site.into_iter().for_each(|problem| outcome.diagnostics.push(problem));
        outcome.diagnostics.push(
            Diagnostic::global("the site has errors, so nothing was imported")
                .with_hint("fix the problems above (`gongkai check` lists them), then run the command again"),
        );
    }
    for mut input in inputs {
        outcome.files.push(finish(&mut input, stopped));
        input.problems.into_iter().for_each(|problem| outcome.diagnostics.push(problem));
    }
    outcome
}

/// Reads each file: a tidy file becomes an [`Input`], a department sheet is set aside in
/// `outcome.sheets`, an unreadable file is refused.
fn read_inputs(
    files: &[PathBuf],
    options: &TidyOptions,
    map: &BTreeMap<String, String>,
    outcome: &mut TidyOutcome,
) -> Vec<Input> {
    let mut inputs = Vec::new();
    for given in files {
        let (path, shown) = super::resolve(given, &options.root);
        match input::read(&path, &shown, &mut outcome.sources) {
            Ok(Read::Sheet) if options.indicator.is_some() => outcome.diagnostics.push(
                super::file_error(&shown, "`--indicator` is for tidy data; this sheet has an `indicator` column")
                    .with_hint("leave out `--indicator`: the sheet names the indicator of each row"),
            ),
            Ok(Read::Sheet) => outcome.sheets.push(given.clone()),
            Ok(Read::Tidy(read)) => inputs.push(Input::new(shown, read, options, map)),
            Err(problem) => {
                outcome.files.push(TidyReport::refused(shown, 1));
                outcome.diagnostics.push(problem);
            }
        }
    }
    inputs
}

impl Input {
    fn new(shown: PathBuf, read: TidyRead, options: &TidyOptions, map: &BTreeMap<String, String>) -> Self {
        let named = indicator_of(&shown);
        let indicator = options.indicator.clone().or_else(|| map.get(&named).cloned()).unwrap_or(named);
        let file = Arc::new(TidyFile { indicator, tables: read.tables });
        Input { shown, file, csv: read.csv, target: None, problems: read.problems }
    }
}

impl TidyReport {
    fn refused(input: PathBuf, errors: usize) -> Self {
        TidyReport { input, target: None, rows: 0, numbers: 0, dimensions: 0, result: TidyResult::Refused { errors } }
    }
}

/// `--into` and `--indicator` name one data file and one indicator.
fn check_single(options: &TidyOptions, files: usize, problems: &mut Vec<Diagnostic>) {
    if (options.into.is_some() || options.indicator.is_some()) && files > 1 {
        problems.push(
            Diagnostic::global(format!("`--into` and `--indicator` are for one file, and {files} were given"))
                .with_hint("import the files one at a time, or name each file's indicator in `--map FILE.yaml`"),
        );
    }
}

/// `--map`: the site's indicator id for the id of a file's name, one per line (`1-1-1: poverty-rate`).
fn read_map(
    options: &TidyOptions,
    sources: &mut Vec<SourceFile>,
    problems: &mut Vec<Diagnostic>,
) -> BTreeMap<String, String> {
    let Some(given) = &options.map else { return BTreeMap::new() };
    let (path, shown) = super::resolve(given, &options.root);
    let text = match content::read_text(&path, &shown) {
        Ok(text) => text,
        Err(problem) => {
            problems.push(problem);
            return BTreeMap::new();
        }
    };
    let map = crate::yaml::parse(&text, &shown);
    sources.push(SourceFile { path: shown, text: text.into() });
    map.unwrap_or_else(|problem| {
        let hint = "a map gives, for the id in a file's name, the site's indicator: `1-1-1: poverty-rate`";
        problems.push(if problem.hint.is_some() { problem } else { problem.with_hint(hint) });
        BTreeMap::new()
    })
}

/// Checks that the input's indicator exists and chooses its data file: `--into`, else the site's
/// CSV data file of that indicator (so that it is replaced, not doubled), else `<id>.csv`.
fn place(input: &mut Input, options: &TidyOptions, raw: &RawSite, taken: &mut Vec<PathBuf>) {
    let id = &input.file.indicator;
    let ids: Vec<&str> = raw.indicators.iter().map(|loaded| loaded.record.id.value.as_str()).collect();
    if !ids.contains(&id.as_str()) {
        input.problems.push(unknown_indicator(&input.shown, id, &ids));
        return;
    }
    let existing = raw
        .tidy
        .iter()
        .map(|loaded| raw.path(loaded.file))
        .find(|path| indicator_of(path) == *id && crate::content::table::is_csv(&path.to_string_lossy()));
    let target = match (&options.into, existing) {
        (Some(into), _) => options.root.join(into),
        (None, Some(existing)) => options.root.join(existing),
        (None, None) => options.root.join("content/data").join(format!("{id}.csv")),
    };
    let (target, shown) = super::resolve(&target, &options.root);
    match check_target(&input.shown, &target, &shown, id, options, raw, taken) {
        Ok(()) => {
            taken.push(shown.clone());
            input.target = Some((target, shown));
        }
        Err(problem) => input.problems.push(problem),
    }
}

fn unknown_indicator(shown: &Path, id: &str, ids: &[&str]) -> Diagnostic {
    let create = format!("or create the indicator with `gongkai new indicator {id}`");
    let hint = match crate::suggest::closest(id, ids.iter().copied()) {
        Some(best) => format!(
            "did you mean `{best}`? import with `--indicator {best}` (or `--map FILE.yaml` for many files), {create}"
        ),
        None => {
            format!("name the site's indicator with `--indicator ID` (or `--map FILE.yaml` for many files), {create}")
        }
    };
    Diagnostic::error(
        Location::file(shown),
        format!("this file is for indicator `{id}`, which the site does not define"),
    )
    .with_hint(hint)
}

/// The data file must be where a build reads it as this indicator's, not a sheet of many
/// indicators, and not the data file of another file of the same import.
fn check_target(
    input: &Path,
    target: &Path,
    shown: &Path,
    id: &str,
    options: &TidyOptions,
    raw: &RawSite,
    taken: &[PathBuf],
) -> Result<(), Diagnostic> {
    super::import::check_target(target, shown, &options.root)?;
    let at = || Location::file(input);
    let read_as = indicator_of(shown);
    if read_as != id {
        return Err(Diagnostic::error(
            at(),
            format!("a build reads `{}` as the data of `{read_as}`, not of `{id}`", shown.display()),
        )
        .with_hint(format!("name the data file after the indicator: `--into content/data/{id}.csv`")));
    }
    if raw.data.iter().any(|loaded| raw.path(loaded.file) == shown) {
        return Err(Diagnostic::error(at(), format!("`{}` is a sheet of many indicators' figures", shown.display()))
            .with_hint(format!("import the table into a file of its own: `--into content/data/{id}.csv`")));
    }
    if taken.iter().any(|path| path == shown) {
        return Err(Diagnostic::error(at(), format!("another file of this import also goes to `{}`", shown.display()))
            .with_hint("a data file holds one indicator's table: import one file per indicator, or map them to different indicators with `--map`"));
    }
    Ok(())
}

/// Validates the site as a build would read it with each placed input in place of its data file.
/// Problems located in an input go to it; those of the data files being replaced are dropped; the
/// others, returned, are the site's own.
fn check_in_site(mut raw: RawSite, loaded: Diagnostics, inputs: &mut [Input]) -> Vec<Diagnostic> {
    let targets: Vec<PathBuf> = inputs.iter().filter_map(|i| i.target.as_ref().map(|t| t.1.clone())).collect();
    let sources = &raw.sources;
    raw.tidy.retain(|loaded| !targets.contains(&sources[loaded.file].path));
    for input in inputs.iter().filter(|input| input.target.is_some()) {
        let file = raw.sources.len();
        raw.sources.push(SourceFile { path: input.shown.clone(), text: "".into() });
        raw.tidy.push(Loaded { file, record: input.file.clone() });
    }
    let mut found = loaded;
    model::validate(raw, false, &mut found);
    let mut site = Vec::new();
    for problem in found.sorted() {
        let file = problem.location.as_ref().map(|location| &location.file);
        match inputs.iter_mut().find(|input| Some(&input.shown) == file) {
            Some(input) => input.problems.push(problem),
            None if file.is_some_and(|file| targets.contains(file)) => {}
            None => site.push(problem),
        }
    }
    site
}

/// Writes the input if it has no error, and says what became of it.
fn finish(input: &mut Input, stopped: bool) -> TidyReport {
    let tables = &input.file.tables;
    let dimensions: BTreeSet<String> =
        tables.iter().flat_map(|t| t.columns_with(Role::Dimension)).map(|c| tidy::normalise(&c.header)).collect();
    let errors = input.problems.iter().filter(|p| p.is_error()).count();
    let mut report = TidyReport {
        target: input.target.as_ref().map(|t| t.1.clone()),
        rows: tables.iter().map(|t| t.observations.len()).sum(),
        numbers: tables.iter().map(|t| t.numeric_values()).sum(),
        dimensions: dimensions.len(),
        ..TidyReport::refused(input.shown.clone(), errors)
    };
    let (Some((path, shown)), Some(csv)) = (&input.target, &input.csv) else { return report };
    if errors > 0 || stopped {
        return report;
    }
    match write(path, shown, csv, tables) {
        Ok(result) => report.result = result,
        Err(problem) => {
            input.problems.push(problem);
            report.result = TidyResult::Refused { errors: 1 };
        }
    }
    report
}

/// Writes `csv` into the data file (atomically) unless it already holds it.
fn write(path: &Path, shown: &Path, csv: &str, tables: &[tidy::TidyTable]) -> Result<TidyResult, Diagnostic> {
    let old = match std::fs::read(path) {
        Ok(bytes) => Some(bytes),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        Err(error) => return Err(super::file_error(shown, format!("cannot read the data file: {error}"))),
    };
    let result = match &old {
        Some(old) if old == csv.as_bytes() => return Ok(TidyResult::Unchanged),
        Some(old) => {
            TidyResult::Replaced(diff::counts(&[tidy::read_csv(&String::from_utf8_lossy(old), shown)], tables))
        }
        None => TidyResult::Created,
    };
    super::write::write(path, csv)
        .map_err(|error| super::file_error(shown, format!("cannot write the data file: {error}")))?;
    Ok(result)
}
