use std::process::ExitCode;

use gongkai::serve::{self, Options, Outcome, ServeError};

use crate::cli::ServeArgs;

pub fn run(args: ServeArgs) -> ExitCode {
    let root = args.site.root;
    let open = args.open;
    let shown = root.display().to_string();
    let options = Options {
        root: root.clone(),
        address: args.interface,
        port: args.port,
        on_ready: Box::new(move |url| {
            eprintln!("serving `{shown}` at {url} with drafts; every save rebuilds it (Ctrl-C to stop)");
            if open && let Err(error) = open::that_detached(url) {
                eprintln!("warning: cannot open a browser: {error}");
            }
        }),
        on_rebuild: Box::new(report),
    };
    match serve::run(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            if let ServeError::PortInUse(_) = error {
                eprintln!(
                    "\nhint: another `gongkai serve` or web server may be using it; choose another with `--port`, or `--port 0` for any free port"
                );
            }
            ExitCode::from(1)
        }
    }
}

fn report(outcome: &Outcome) {
    match outcome {
        Outcome::Built { files, rendered, reused, warnings, elapsed, .. } => {
            eprint!("{warnings}");
            eprintln!(
                "built {} files in {} ms: {rendered} pages rendered, {reused} unchanged",
                files.len(),
                elapsed.as_millis()
            );
        }
        Outcome::Failed { message } => {
            eprint!("{message}");
            eprintln!("the last good version of the site is still served; save a fix to rebuild");
        }
    }
}
