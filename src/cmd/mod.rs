//! One file per subcommand: each parses nothing itself, calls the library, and prints through a
//! [`Printer`], which applies `--quiet`, `--verbose`, `--format` and `--color`.
//!
//! Data for scripts (`--format json`) goes to stdout; messages for people go to stderr.

pub mod build;
pub mod check;
pub mod completions;
pub mod export;
pub mod import;
pub mod init;
pub mod new;
mod progress;
mod scaffold;
pub mod serve;

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use gongkai::content::SourceFile;
use gongkai::diagnostics::{Diagnostic, Diagnostics};
use gongkai::steps::{Progress, Silent};
use gongkai::summary::BuildSummary;
use serde::Serialize;

use crate::cli::{ColorWhen, Format, OutputArgs};

pub struct Printer {
    pub quiet: bool,
    pub verbose: bool,
    pub format: Format,
    color: ColorChoice,
}

/// What `--format json` prints: one object on one line.
#[derive(Serialize)]
struct JsonReport<'a> {
    command: &'static str,
    ok: bool,
    errors: usize,
    warnings: usize,
    diagnostics: &'a [Diagnostic],
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a BuildSummary>,
}

/// The diagnostics of a run, sorted, with their counts.
pub struct Problems {
    pub sorted: Vec<Diagnostic>,
    pub errors: usize,
    pub warnings: usize,
}

impl Problems {
    pub fn new(diagnostics: Diagnostics) -> Self {
        let errors = diagnostics.error_count();
        let warnings = diagnostics.warning_count();
        Problems { sorted: diagnostics.sorted(), errors, warnings }
    }

    /// 1 when there was an error, as documented in `--help`.
    pub fn exit_code(&self) -> ExitCode {
        if self.errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
    }
}

impl Printer {
    pub fn new(args: &OutputArgs) -> Self {
        let color = match args.color {
            ColorWhen::Always => ColorChoice::Always,
            ColorWhen::Never => ColorChoice::Never,
            // termcolor's Auto reads NO_COLOR and TERM=dumb but not whether stderr is a terminal.
            ColorWhen::Auto if std::io::stderr().is_terminal() => ColorChoice::Auto,
            ColorWhen::Auto => ColorChoice::Never,
        };
        Printer { quiet: args.quiet, verbose: args.verbose, format: args.format, color }
    }

    pub fn is_json(&self) -> bool {
        self.format == Format::Json
    }

    /// Runs `work` with a progress bar on stderr where a person watches it: on a terminal, in
    /// plain text output, neither quiet nor verbose (whose file list it would garble). The bar is
    /// gone before `work`'s result is printed.
    pub fn with_progress<R>(&self, work: impl FnOnce(&dyn Progress) -> R) -> R {
        let wanted = !self.quiet && !self.verbose && !self.is_json() && std::io::stderr().is_terminal();
        match wanted.then(progress::TerminalProgress::start) {
            Some(bar) => work(&bar),
            None => work(&Silent),
        }
    }

    /// Shows the problems the way rustc does (errors only with `--quiet`), or as JSON with the summary.
    pub fn report(
        &self,
        command: &'static str,
        problems: &Problems,
        sources: &[SourceFile],
        root: &Path,
        summary: Option<&BuildSummary>,
    ) {
        if self.is_json() {
            let report = JsonReport {
                command,
                ok: problems.errors == 0,
                errors: problems.errors,
                warnings: problems.warnings,
                diagnostics: &problems.sorted,
                summary,
            };
            let mut stdout = std::io::stdout().lock();
            // A closed stdout (`| head`) is the reader's choice, not an error to report.
            let _ = serde_json::to_writer(&mut stdout, &report).map(|()| writeln!(stdout));
            return;
        }
        let shown: Vec<Diagnostic> = problems.sorted.iter().filter(|d| !self.quiet || d.is_error()).cloned().collect();
        let mut stderr = StandardStream::stderr(self.color);
        let _ = gongkai::report::emit(&mut stderr, &shown, sources, root);
        if problems.errors > 0 {
            eprintln!("error: {} error(s), {} warning(s); nothing was written", problems.errors, problems.warnings);
        }
    }

    /// A line for people, left out with `--quiet` and `--format json`.
    pub fn note(&self, text: &str) {
        if !self.quiet && !self.is_json() {
            eprintln!("{text}");
        }
    }
}
