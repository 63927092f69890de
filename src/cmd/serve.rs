use std::process::ExitCode;

use gongkai::serve::{self, Options, Outcome, Rendering, ServeError, Steps};

use crate::cli::{OutputArgs, ServeArgs};

pub fn run(args: ServeArgs, output: &OutputArgs) -> ExitCode {
    let verbose = output.verbose;
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
        on_rebuild: Box::new(move |outcome| report(outcome, verbose)),
        on_render: Box::new(report_rendering),
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

fn report(outcome: &Outcome, verbose: bool) {
    match outcome {
        Outcome::Built { files, read, warnings, elapsed, steps, .. } => {
            eprint!("{warnings}");
            eprintln!(
                "rebuilt in {} ms ({read} of {files} files read); pages render as they are asked for",
                elapsed.as_millis()
            );
            if verbose {
                let Steps { read, validate, theme } = steps;
                let ms = |step: &std::time::Duration| step.as_secs_f64() * 1000.0;
                eprintln!("  read {:.1} ms, validate {:.1} ms, theme {:.1} ms", ms(read), ms(validate), ms(theme));
            }
        }
        Outcome::Failed { message } => {
            eprint!("{message}");
            eprintln!("the last good version of the site is still served; save a fix to rebuild");
        }
    }
}

fn report_rendering(rendering: &Rendering) {
    let Rendering { rendered, pages, failed, elapsed } = rendering;
    let failed = if *failed > 0 { format!(", {failed} failed") } else { String::new() };
    eprintln!("rendered {rendered} of {pages} pages again in {} ms{failed}", elapsed.as_millis());
}
