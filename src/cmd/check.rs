use std::process::ExitCode;

use gongkai::diagnostics::Diagnostics;
use gongkai::site::{self, Drafts};

use super::{Printer, Problems};
use crate::cli::{OutputArgs, SiteArgs};

pub fn run(args: SiteArgs, output: &OutputArgs) -> ExitCode {
    let printer = Printer::new(output);
    let mut diagnostics = Diagnostics::new();
    let progress = printer.progress();
    let silent = gongkai::summary::Silent;
    let (loaded, files) = site::render_with_progress(
        &args.root,
        Drafts::Exclude,
        &mut diagnostics,
        progress.as_ref().map_or(&silent as &dyn gongkai::summary::Progress, |p| p),
    );
    drop(progress);
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
