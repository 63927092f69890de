//! One file per subcommand: each parses nothing itself, calls the library, and prints.

pub mod build;
pub mod check;
pub mod init;
pub mod new;
mod scaffold;
pub mod serve;

use std::path::Path;
use std::process::ExitCode;

use gongkai::content::SourceFile;
use gongkai::diagnostics::Diagnostics;

/// Prints every diagnostic to stderr and returns the exit code for them.
fn report(diagnostics: Diagnostics, sources: &[SourceFile], root: &Path) -> ExitCode {
    let errors = diagnostics.error_count();
    let warnings = diagnostics.warning_count();
    let sorted = diagnostics.sorted();
    eprint!("{}", gongkai::report::to_text(&sorted, sources, root));
    if errors > 0 {
        eprintln!("error: {errors} error(s), {warnings} warning(s); nothing was written");
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
