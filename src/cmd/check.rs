use std::path::Path;
use std::process::ExitCode;

use gongkai::content::SourceFile;
use gongkai::diagnostics::{Diagnostic, Diagnostics, Location, display_path};
use gongkai::linkcheck::{self, LinkReport, SiteAddress};
use gongkai::render::OutputFile;
use gongkai::site::{self, Drafts};

use crate::cli::CheckArgs;

pub fn run(args: CheckArgs) -> ExitCode {
    let root = &args.site.root;
    let mut diagnostics = Diagnostics::new();
    let (loaded, files) = site::render(root, Drafts::Exclude, &mut diagnostics);
    let mut sources = loaded.sources;
    let mut links = None;
    if let (Some(site), Some(files)) = (&loaded.site, &files) {
        let address = SiteAddress { base_url: site.config.base_url.clone(), base_path: site.config.base_path.clone() };
        let mut written = sources.clone();
        written.extend(template_sources(root));
        let report = linkcheck::check(files, &address, &written);
        add_link_problems(&report, args.deny_external, files, &mut diagnostics, &mut sources);
        links = Some(report);
    }
    let ok = !diagnostics.has_errors();
    let code = super::report(diagnostics, &sources, root);
    if let Some(report) = &links {
        print_external(report);
        eprintln!(
            "checked {} internal links: {} broken; {} external addresses listed, not fetched",
            report.internal_count,
            report.broken.len(),
            report.external.len()
        );
    }
    if ok {
        eprintln!("no problems found");
    }
    code
}

/// Broken links (and external ones when they are denied) become diagnostics; the pages they are on
/// join the sources so that the report can quote the offending line.
fn add_link_problems(
    report: &LinkReport,
    deny_external: bool,
    files: &[OutputFile],
    diagnostics: &mut Diagnostics,
    sources: &mut Vec<SourceFile>,
) {
    let mut problems: Vec<Diagnostic> = report.broken.clone();
    if deny_external {
        problems.extend(report.external.iter().flat_map(|(url, pages)| {
            pages.iter().map(move |page| {
                Diagnostic::error(Location::file(page), format!("link to `{url}` leaves the site"))
                    .with_hint("`--deny-external` was given: remove the link or drop the flag")
            })
        }));
    }
    for problem in problems {
        if let Some(location) = &problem.location
            && !sources.iter().any(|s| s.path == location.file)
            && let Some(file) = files.iter().find(|f| location.file.as_os_str() == f.path.as_str())
        {
            let text = String::from_utf8_lossy(&file.bytes).into_owned();
            sources.push(SourceFile { path: location.file.clone(), text });
        }
        diagnostics.push(problem);
    }
}

/// The site's own templates, so that a broken address written in one can be traced to it.
fn template_sources(root: &Path) -> Vec<SourceFile> {
    let dir = root.join("themes").join(gongkai::render::THEME).join("templates");
    walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|entry| entry.file_type().is_file())
        .filter_map(|entry| {
            let text = std::fs::read_to_string(entry.path()).ok()?;
            Some(SourceFile { path: display_path(root, entry.path()), text })
        })
        .collect()
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
