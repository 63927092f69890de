use std::process::ExitCode;

use gongkai::sheets::{self, ChangeKind, ImportOptions};

use crate::cli::ImportArgs;

pub fn run(args: ImportArgs) -> ExitCode {
    let root = args.site.root;
    let outcome = sheets::import(&ImportOptions { root: root.clone(), input: args.file, into: args.into });
    let errors = outcome.diagnostics.error_count();
    eprint!("{}", gongkai::report::to_text(&outcome.diagnostics.sorted(), &outcome.sources, &root));
    let Some(file) = outcome.data_file else {
        eprintln!("error: {errors} error(s); nothing was written");
        return ExitCode::from(1);
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
    if errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}
