use std::process::ExitCode;

use gongkai::site::{self, BuildOptions};

use crate::cli::BuildArgs;

pub fn run(args: BuildArgs) -> ExitCode {
    let root = args.site.root;
    let output = if args.output.is_absolute() { args.output } else { root.join(args.output) };
    let outcome = site::build(&BuildOptions {
        root: root.clone(),
        output: output.clone(),
        force: args.force,
        minify: args.minify,
    });
    let code = super::report(outcome.diagnostics, &outcome.sources, &root);
    if let Some(summary) = outcome.summary {
        eprintln!(
            "built {} pages ({} files) into `{}` in {} ms",
            summary.pages,
            summary.files,
            output.display(),
            summary.elapsed.as_millis()
        );
        eprintln!(
            "open `{}` in a browser, or serve the folder with any web server",
            output.join("index.html").display()
        );
    }
    code
}
