use std::process::ExitCode;

use gongkai::diagnostics::Diagnostics;
use gongkai::linkcheck::{self, LinkReport};
use gongkai::site::{self, Drafts};

use crate::cli::CheckArgs;

pub fn run(args: CheckArgs) -> ExitCode {
    let root = &args.site.root;
    let mut diagnostics = Diagnostics::new();
    let (loaded, files) = site::render(root, Drafts::Exclude, &mut diagnostics);
    let mut sources = loaded.sources;
    let mut links = None;
    if let (Some(site), Some(files)) = (&loaded.site, &files) {
        let checked = linkcheck::check_site(root, site, files, &sources, args.deny_external);
        checked.diagnostics.into_iter().for_each(|d| diagnostics.push(d));
        sources.extend(checked.pages);
        links = Some(checked.report);
    }
    let ok = !diagnostics.has_errors();
    let code = super::report(diagnostics, &sources, root);
    if let Some(report) = &links {
        print_external(report);
        eprintln!("{}", report.summary());
    }
    if ok {
        eprintln!("no problems found");
    }
    code
}

/// External addresses on stdout (it is data), one per line with the first page that links to it.
fn print_external(report: &LinkReport) {
    for (url, pages) in &report.external {
        let first = pages.iter().next().map(String::as_str).unwrap_or("");
        match pages.len() {
            1 => println!("external {url}  (on {first})"),
            n => println!("external {url}  (on {first} and {} more)", n - 1),
        }
    }
}
