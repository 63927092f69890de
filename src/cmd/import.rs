use std::path::{Path, PathBuf};
use std::process::ExitCode;

use gongkai::sheets::{self, ChangeKind, ImportOptions, TidyOptions, TidyReport, TidyResult};

use crate::cli::ImportArgs;

/// Tidy files first, all in one check against the site; then each department sheet, against the
/// site as the tidy files left it.
pub fn run(args: ImportArgs) -> ExitCode {
    let root = args.site.root;
    let options = TidyOptions {
        root: root.clone(),
        inputs: args.files,
        into: args.into.clone(),
        indicator: args.indicator,
        map: args.map,
    };
    let tidy = sheets::import_tidy(&options);
    let mut failed = tidy.diagnostics.has_errors();
    eprint!("{}", gongkai::report::to_text(&tidy.diagnostics.sorted(), &tidy.sources, &root));
    for file in &tidy.files {
        eprintln!("{}", tidy_line(file));
    }
    if tidy.files.len() > 1 {
        eprintln!("{}", tidy_summary(&tidy.files));
    }
    for sheet in tidy.sheets {
        failed |= import_sheet(&root, sheet, args.into.clone());
    }
    if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

fn tidy_line(file: &TidyReport) -> String {
    let counts = format!(
        "{} ({}, {})",
        plural(file.rows, "row"),
        plural(file.numbers, "number"),
        plural(file.dimensions, "dimension")
    );
    let input = file.input.display();
    let target = file.target.as_deref().map(Path::display);
    match (file.result, target) {
        (TidyResult::Created, Some(target)) => format!("imported {input} → {target}: {counts}"),
        (TidyResult::Replaced(c), Some(target)) => format!(
            "imported {input} → {target}: {counts}; replaced the old table: {} added, {} changed, {} removed",
            c.added, c.changed, c.removed
        ),
        (TidyResult::Unchanged, Some(target)) => {
            format!("unchanged {input} → {target}: {counts}, already there; the file was left as it was")
        }
        (TidyResult::Refused { errors: 0 }, _) => format!("refused {input}: the site has errors; nothing written"),
        (TidyResult::Refused { errors }, _) => format!("refused {input}: {errors} error(s); nothing written"),
        (_, None) => format!("{input}: no data file"),
    }
}

fn plural(count: usize, word: &str) -> String {
    if count == 1 { format!("1 {word}") } else { format!("{count} {word}s") }
}

fn tidy_summary(files: &[TidyReport]) -> String {
    let count = |f: fn(&TidyResult) -> bool| files.iter().filter(|file| f(&file.result)).count();
    let refused = count(|r| matches!(r, TidyResult::Refused { .. }));
    let unchanged = count(|r| *r == TidyResult::Unchanged);
    format!("{} file(s) imported, {unchanged} unchanged, {refused} refused", files.len() - refused - unchanged)
}

/// Imports one department sheet and lists its changes; whether anything was refused.
fn import_sheet(root: &Path, input: PathBuf, into: Option<PathBuf>) -> bool {
    let outcome = sheets::import(&ImportOptions { root: root.to_path_buf(), input, into });
    let errors = outcome.diagnostics.error_count();
    eprint!("{}", gongkai::report::to_text(&outcome.diagnostics.sorted(), &outcome.sources, root));
    let Some(file) = outcome.data_file else {
        eprintln!("error: {errors} error(s); nothing was written");
        return true;
    };
    for change in &outcome.changes {
        let key = &change.key;
        let line = if key.breakdown.is_empty() { String::new() } else { format!(" [{}]", key.breakdown) };
        match (change.kind, &change.before) {
            (ChangeKind::Added, _) => eprintln!("  added    {} {}{line}: {}", key.indicator, key.year, change.figure),
            (ChangeKind::Changed, Some(before)) => {
                eprintln!("  changed  {} {}{line}: {before} → {}", key.indicator, key.year, change.figure)
            }
            (ChangeKind::Changed, None) => {
                eprintln!("  changed  {} {}{line}: {}", key.indicator, key.year, change.figure)
            }
        }
    }
    let added = outcome.changes.iter().filter(|c| c.kind == ChangeKind::Added).count();
    let changed = outcome.changes.len() - added;
    let verb = if outcome.written { "wrote" } else { "left" };
    eprintln!(
        "{verb} `{}`: {added} row(s) added, {changed} changed, {} already there; {} row(s) refused",
        file.display(),
        outcome.unchanged,
        outcome.rejected
    );
    errors > 0
}
