use std::process::ExitCode;

use gongkai::sheets::{self, ExportOptions};

use crate::cli::ExportArgs;

pub fn run(args: ExportArgs) -> ExitCode {
    let root = args.site.root;
    let outcome = sheets::export(&ExportOptions { root: root.clone(), out: args.out });
    let errors = outcome.diagnostics.error_count();
    eprint!("{}", gongkai::report::to_text(&outcome.diagnostics.sorted(), &outcome.sources, &root));
    match outcome.written {
        Some((file, sheets)) => {
            let rows: usize = sheets.iter().map(|(_, rows)| rows).sum();
            eprintln!("wrote `{}`: {} sheet(s), {rows} row(s)", file.display(), sheets.len());
            for (name, rows) in sheets {
                eprintln!("  {name}: {rows} row(s)");
            }
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("error: {errors} error(s); nothing was written");
            ExitCode::from(1)
        }
    }
}
