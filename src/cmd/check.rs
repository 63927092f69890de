use std::process::ExitCode;

use gongkai::diagnostics::Diagnostics;
use gongkai::site::{self, Drafts};

use super::{Printer, Problems};
use crate::cli::{OutputArgs, SiteArgs};

pub fn run(args: SiteArgs, output: &OutputArgs) -> ExitCode {
    let printer = Printer::new(output);
    let mut diagnostics = Diagnostics::new();
    let (loaded, files) = printer
        .with_progress(|progress| site::render_with_progress(&args.root, Drafts::Exclude, &mut diagnostics, progress));
    let problems = Problems::new(diagnostics);
    printer.report("check", &problems, &loaded.sources, &args.root, None);
    if files.is_some() {
        printer.note(&match problems.warnings {
            0 => "no problems found".to_string(),
            n => format!("no errors, {n} warning(s)"),
        });
    }
    problems.exit_code()
}
