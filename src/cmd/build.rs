use std::fmt::Write;
use std::process::ExitCode;

use gongkai::site::{self, BuildOptions};
use gongkai::summary::BuildSummary;
use indicatif::{HumanBytes, HumanDuration};

use super::{Printer, Problems};
use crate::cli::{BuildArgs, OutputArgs};

pub fn run(args: BuildArgs, output_args: &OutputArgs) -> ExitCode {
    let printer = Printer::new(output_args);
    let root = args.site.root;
    let output = if args.output.is_absolute() { args.output } else { root.join(args.output) };
    let options = BuildOptions { root: root.clone(), output: output.clone(), force: args.force, minify: args.minify };
    let outcome = printer.with_progress(|progress| site::build_with_progress(&options, progress));
    let problems = Problems::new(outcome.diagnostics);
    let mut summary = outcome.summary;
    if !printer.verbose {
        // The list of written files is only for --verbose, in text and in JSON.
        summary.iter_mut().for_each(|s| s.written.clear());
    }
    printer.report("build", &problems, &outcome.sources, &root, summary.as_ref());
    if let Some(summary) = &summary {
        for path in &summary.written {
            printer.note(&format!("wrote {path}"));
        }
        printer.note(&summary_text(summary, &output.display().to_string()));
    }
    problems.exit_code()
}

/// Sections in the order of the site's navigation; others follow alphabetically.
const SECTION_ORDER: &[&str] = &[
    "home",
    "plans",
    "indicators",
    "progress",
    "results",
    "showcases",
    "tags",
    "schools",
    "departments",
    "methodology",
    "search",
    "404",
];

/// A few lines: what was built, where, how long it took, then the pages per language and section.
fn summary_text(summary: &BuildSummary, output: &str) -> String {
    let mut text = format!(
        "built {} pages ({} files, {}) into `{output}` in {}",
        summary.pages,
        summary.files,
        HumanBytes(summary.bytes),
        seconds(summary)
    );
    for language in &summary.languages {
        let mut sections: Vec<(&String, &usize)> = language.sections.iter().collect();
        sections.sort_by_key(|(name, _)| SECTION_ORDER.iter().position(|s| s == name).unwrap_or(SECTION_ORDER.len()));
        let sections: Vec<String> = sections.iter().map(|(name, count)| format!("{name} {count}")).collect();
        let _ = write!(text, "\n  {:<3} {} pages: {}", language.lang, language.pages, sections.join(", "));
    }
    if !summary.reading_modes.is_empty() {
        let modes: Vec<String> = summary.reading_modes.iter().map(|(mode, count)| format!("{mode} {count}")).collect();
        let _ = write!(text, "\n  reading-mode copies: {} pages", modes.join(", "));
    }
    let mut others = vec![format!("{} static", summary.assets)];
    if summary.search_index > 0 {
        others.push(format!("{} search index", summary.search_index));
    }
    others.extend(summary.other_files.iter().map(|(extension, count)| format!("{count} .{extension}")));
    let _ = write!(text, "\n  other files: {}", others.join(", "));
    if summary.warnings > 0 {
        let _ = write!(text, "\n  {} warning(s), shown above", summary.warnings);
    }
    text
}

fn seconds(summary: &BuildSummary) -> String {
    if summary.elapsed.as_secs() >= 60 {
        HumanDuration(summary.elapsed).to_string()
    } else {
        format!("{:.2} s", summary.elapsed.as_secs_f64())
    }
}
