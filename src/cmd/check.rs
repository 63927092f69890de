use std::process::ExitCode;

use gongkai::diagnostics::Diagnostics;
use gongkai::linkcheck::{self, LinkReport};
use gongkai::site::{self, Drafts};

use super::{Printer, Problems};
use crate::cli::{CheckArgs, OutputArgs};

pub fn run(args: CheckArgs, output: &OutputArgs) -> ExitCode {
    let printer = Printer::new(output);
    let root = &args.site.root;
    let mut diagnostics = Diagnostics::new();
    let (loaded, files) =
        printer.with_progress(|progress| site::render_with_progress(root, Drafts::Exclude, &mut diagnostics, progress));
    let mut sources = loaded.sources;
    let mut links = None;
    if let (Some(site), Some(theme), Some(files)) = (&loaded.site, &loaded.theme, &files) {
        let checked = linkcheck::check_site(site, files, &sources, &theme.templates, args.deny_external);
        checked.diagnostics.into_iter().for_each(|d| diagnostics.push(d));
        sources.extend(checked.pages);
        links = Some(checked.report);
    }
    let problems = Problems::new(diagnostics);
    printer.report("check", &problems, &sources, root, None);
    if let Some(report) = &links {
        if !printer.is_json() {
            print_external(report);
        }
        printer.note(&report.summary());
    }
    if let (Some(site), Some(theme), false) = (&loaded.site, &loaded.theme, printer.is_json() || printer.quiet) {
        print!("{}", translation_table(site, theme));
    }
    if problems.errors == 0 && files.is_some() {
        printer.note(&match problems.warnings {
            0 => "no problems found".to_string(),
            n => format!("no errors, {n} warning(s)"),
        });
    }
    problems.exit_code()
}

/// The translation coverage of the content and of the theme's UI strings, per language.
fn translation_table(site: &gongkai::model::Site, theme: &gongkai::render::CompiledTheme) -> String {
    let languages = &site.config.languages;
    let ui: Vec<_> = languages
        .iter()
        .map(|lang| {
            let (strings, borrowed) = gongkai::theme::strings_for(&theme.strings, *lang);
            (*lang, strings.len() - borrowed.len(), strings.len())
        })
        .collect();
    site.translations.table(languages, &ui)
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
