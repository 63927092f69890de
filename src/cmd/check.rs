use std::process::ExitCode;

use gongkai::diagnostics::Diagnostics;
use gongkai::site::{self, Drafts};

use crate::cli::SiteArgs;

pub fn run(args: SiteArgs) -> ExitCode {
    let mut diagnostics = Diagnostics::new();
    let (loaded, files) = site::render(&args.root, Drafts::Exclude, &mut diagnostics);
    let ok = files.is_some();
    let code = super::report(diagnostics, &loaded.sources, &args.root);
    if ok {
        eprintln!("no problems found");
    }
    code
}
