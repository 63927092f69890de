//! The command line itself: help, completions, output levels, JSON for scripts, colour, exit codes.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use common::{TestSite, assert_success};

fn gongkai(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai")).args(args).output().unwrap()
}

fn stdout(args: &[&str]) -> String {
    let output = gongkai(args);
    assert!(output.status.success(), "gongkai {args:?} failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

/// The subcommands listed by `gongkai --help`, so a new one is checked without editing this test.
fn subcommands() -> Vec<String> {
    let help = stdout(&["--help"]);
    let commands = help.split("Commands:").nth(1).expect("no Commands section").split("\n\n").next().unwrap();
    commands
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect()
}

#[test]
fn every_subcommand_help_shows_an_example_and_the_exit_codes() {
    let commands = subcommands();
    assert!(commands.len() >= 3, "{commands:?}");
    for command in &commands {
        let help = stdout(&[command, "--help"]);
        assert!(
            help.contains(&format!("Example: gongkai {command}")),
            "`gongkai {command} --help` has no example:\n{help}"
        );
    }
    for command in ["build", "check"] {
        assert!(stdout(&[command, "--help"]).contains("Exit codes:\n  0  success"), "{command}");
    }
    assert!(stdout(&["--help"]).contains("1  the content or templates have errors"));
}

#[test]
fn completions_cover_the_subcommands_and_flags() {
    let bash = stdout(&["completions", "bash"]);
    assert!(bash.contains("_gongkai()") && bash.contains("complete -F _gongkai"), "{bash}");
    for word in subcommands().iter().map(String::as_str).chain(["--format", "--quiet", "--output"]) {
        assert!(bash.contains(word), "bash completions lack `{word}`");
    }
    assert!(stdout(&["completions", "fish"]).contains("complete -c gongkai"));
}

#[test]
fn version_and_bad_arguments() {
    assert_eq!(stdout(&["--version"]).trim(), format!("gongkai {}", env!("CARGO_PKG_VERSION")));
    let bad = gongkai(&["build", "--no-such-flag"]);
    assert_eq!(bad.status.code(), Some(2));
}

/// A built site counted as the summary counts it: pages per language and section, pages of each
/// reading-mode copy, and the other files by kind.
#[derive(Debug, Default, PartialEq)]
struct Counts {
    pages: usize,
    files: usize,
    languages: BTreeMap<String, BTreeMap<String, usize>>,
    reading_modes: BTreeMap<String, usize>,
    assets: usize,
    search_index: usize,
    other_files: BTreeMap<String, usize>,
}

/// The reading-mode copies and the languages with a folder of their own; the first language's
/// pages sit at the root.
const READING_MODES: [&str; 2] = ["high-contrast", "large-text"];
const DEFAULT_LANGUAGE: &str = "zh";
const LANGUAGE_FOLDERS: [&str; 2] = ["en", "zh-hant"];

impl Counts {
    /// Counts the files below `public`, whatever the summary said.
    fn on_disk(public: &Path) -> Self {
        let mut counts = Counts::default();
        for path in site_files(public).into_keys() {
            let path = path.to_string_lossy().replace('\\', "/");
            counts.files += 1;
            let (top, rest) = path.split_once('/').unwrap_or(("", &path));
            let is_page = path.ends_with(".html");
            if is_page && READING_MODES.contains(&top) {
                *counts.reading_modes.entry(top.to_string()).or_default() += 1;
            } else if is_page {
                let (language, within) =
                    if LANGUAGE_FOLDERS.contains(&top) { (top, rest) } else { (DEFAULT_LANGUAGE, path.as_str()) };
                let section = match within.split_once('/') {
                    Some((section, _)) => section,
                    None if within == "index.html" => "home",
                    None => within.trim_end_matches(".html"),
                };
                *counts.languages.entry(language.to_string()).or_default().entry(section.to_string()).or_default() += 1;
            } else if top == "static" {
                counts.assets += 1;
            } else if top == "pagefind" {
                counts.search_index += 1;
            } else {
                let extension = path.rsplit_once('.').map_or("", |(_, extension)| extension);
                *counts.other_files.entry(extension.to_string()).or_default() += 1;
            }
        }
        counts.pages = counts.languages.values().flat_map(BTreeMap::values).sum::<usize>()
            + counts.reading_modes.values().sum::<usize>();
        counts
    }

    /// Reads the summary printed for people, checking its shape line by line.
    fn from_summary_text(stderr: &str) -> Self {
        let text = &stderr[stderr.find("built ").unwrap_or_else(|| panic!("no summary in:\n{stderr}"))..];
        let mut lines = text.lines();
        let first = lines.next().unwrap();
        let (pages, rest) = first.strip_prefix("built ").unwrap().split_once(" pages (").expect(first);
        let (files, rest) = rest.split_once(" files, ").expect(first);
        assert!(rest.contains(") into `") && rest.ends_with(" s"), "the first line's shape: {first}");
        let mut counts = Counts { pages: number(pages), files: number(files), ..Counts::default() };
        for line in lines {
            let line = line.strip_prefix("  ").unwrap_or_else(|| panic!("summary lines are indented: {line:?}"));
            if line.ends_with(" warning(s), shown above") {
                continue;
            } else if let Some(modes) = line.strip_prefix("reading-mode copies: ") {
                counts.reading_modes = named_counts(modes.strip_suffix(" pages").expect(line));
            } else if let Some(others) = line.strip_prefix("other files: ") {
                for item in others.split(", ") {
                    let (count, kind) = item.split_once(' ').expect(item);
                    match kind {
                        "static" => counts.assets = number(count),
                        "search index" => counts.search_index = number(count),
                        extension => {
                            let extension = extension.strip_prefix('.').unwrap_or_else(|| panic!("{item:?} in {line}"));
                            counts.other_files.insert(extension.to_string(), number(count));
                        }
                    }
                }
            } else {
                let (language, rest) = line.split_once(' ').expect(line);
                let (total, sections) = rest.trim_start().split_once(" pages: ").expect(line);
                let sections = named_counts(sections);
                assert_eq!(sections.values().sum::<usize>(), number(total), "sections add up to the total: {line}");
                counts.languages.insert(language.to_string(), sections);
            }
        }
        counts
    }

    /// Reads the summary of `--format json`.
    fn from_json(summary: &serde_json::Value) -> Self {
        let count =
            |value: &serde_json::Value| value.as_u64().unwrap_or_else(|| panic!("not a count: {value}")) as usize;
        let map = |value: &serde_json::Value| -> BTreeMap<String, usize> {
            value.as_object().unwrap().iter().map(|(key, value)| (key.clone(), count(value))).collect()
        };
        let mut languages = BTreeMap::new();
        for language in summary["languages"].as_array().unwrap() {
            let sections = map(&language["sections"]);
            assert_eq!(sections.values().sum::<usize>(), count(&language["pages"]), "{language}");
            languages.insert(language["lang"].as_str().unwrap().to_string(), sections);
        }
        Counts {
            pages: count(&summary["pages"]),
            files: count(&summary["files"]),
            languages,
            reading_modes: map(&summary["reading_modes"]),
            assets: count(&summary["assets"]),
            search_index: count(&summary["search_index"]),
            other_files: map(&summary["other_files"]),
        }
    }
}

/// The files of the built site: all of `public/` but the marker that lets gongkai replace it.
fn site_files(public: &Path) -> common::Snapshot {
    let mut files = common::snapshot(public);
    assert!(files.remove(Path::new(".gongkai-output")).is_some(), "public/ carries gongkai's marker");
    files
}

fn number(text: &str) -> usize {
    text.parse().unwrap_or_else(|_| panic!("`{text}` is not a count"))
}

/// `name 1, other 2` → {name: 1, other: 2}.
fn named_counts(text: &str) -> BTreeMap<String, usize> {
    text.split(", ")
        .map(|item| item.rsplit_once(' ').map(|(name, count)| (name.to_string(), number(count))).expect(item))
        .collect()
}

/// What every build of a bilingual site must have, whatever its content.
fn assert_complete(counts: &Counts) {
    for language in [DEFAULT_LANGUAGE, "en"] {
        let sections = counts.languages.get(language).unwrap_or_else(|| panic!("no {language} pages: {counts:?}"));
        assert_eq!((sections.get("home"), sections.get("404")), (Some(&1), Some(&1)), "{language}: {sections:?}");
    }
    assert_eq!(counts.reading_modes.keys().collect::<Vec<_>>(), READING_MODES.iter().collect::<Vec<_>>());
    assert!(counts.assets > 0 && counts.search_index > 0, "{counts:?}");
}

#[test]
fn summary_counts_agree_with_the_files_written() {
    let site = TestSite::fixture("minimal");
    let run = site.build();
    assert_success(&run);
    let said = Counts::from_summary_text(&run.stderr);
    assert_complete(&said);
    assert_eq!(said, Counts::on_disk(&site.public()), "the summary against public/:\n{}", run.stderr);
    assert!(run.stderr.contains("\n  zh  "), "languages are aligned:\n{}", run.stderr);
    assert!(!run.stderr.contains('\x1b'), "colour on a pipe:\n{}", run.stderr);
}

#[test]
fn verbose_lists_written_files_and_quiet_prints_nothing_on_success() {
    let site = TestSite::fixture("minimal");
    let verbose = site.run(&["build", "--verbose"]);
    assert_success(&verbose);
    assert!(verbose.stderr.contains("wrote en/plans/test-plan/index.html\n"), "{}", verbose.stderr);
    let quiet = site.run(&["--quiet", "build"]);
    assert_success(&quiet);
    assert_eq!(quiet.stderr, "");
}

#[test]
fn quiet_hides_warnings_but_not_errors() {
    let site = TestSite::fixture("minimal");
    site.write("content/notes.txt", "a stray file\n");
    let normal = site.run(&["check"]);
    assert!(
        normal.success && normal.stderr.contains("warning: this file is not part of any content type"),
        "{}",
        normal.stderr
    );
    assert_eq!(site.run(&["check", "-q"]).stderr, "");
    site.edit("content/plans/test-plan.yaml", "title:", "titel:");
    let quiet = site.run(&["check", "-q"]);
    assert_eq!(quiet.code, Some(1));
    assert!(quiet.stderr.contains("error") && !quiet.stderr.contains("warning:"), "{}", quiet.stderr);
}

#[test]
fn json_output_carries_diagnostics_and_summary_on_stdout() {
    let site = TestSite::fixture("minimal");
    let ok = site.run(&["build", "--format", "json"]);
    assert_success(&ok);
    assert_eq!(ok.stderr, "", "JSON mode prints nothing for people");
    let report: serde_json::Value = serde_json::from_str(&ok.stdout).unwrap();
    assert_eq!(report["ok"], true);
    let said = Counts::from_json(&report["summary"]);
    assert_complete(&said);
    assert_eq!(said, Counts::on_disk(&site.public()), "the JSON summary against public/: {}", report["summary"]);
    let bytes: usize = site_files(&site.public()).values().map(Vec::len).sum();
    assert_eq!(report["summary"]["bytes"], bytes);
    assert_eq!(report["summary"]["languages"][1]["lang"], "en");
    assert!(report["summary"]["elapsed_ms"].is_u64());
    assert!(report["summary"].get("written").is_none(), "the file list is for --verbose");

    site.edit("content/plans/test-plan.yaml", "title:", "titel:");
    let failed = site.run(&["build", "--format", "json"]);
    assert_eq!(failed.code, Some(1));
    let report: serde_json::Value = serde_json::from_str(&failed.stdout).unwrap();
    assert_eq!(report["ok"], false);
    assert!(report.get("summary").is_none());
    let diagnostics = report["diagnostics"].as_array().unwrap();
    let plan = diagnostics
        .iter()
        .find(|d| d["location"]["file"] == "content/plans/test-plan.yaml")
        .unwrap_or_else(|| panic!("no diagnostic for the plan in {diagnostics:?}"));
    assert_eq!(plan["severity"], "error");
    assert_eq!(plan["location"]["line"], 2);
    assert!(plan["hint"].is_string(), "{plan}");
}

#[test]
fn colour_is_used_only_when_asked_or_on_a_terminal() {
    let site = TestSite::fixture("minimal");
    site.edit("content/plans/test-plan.yaml", "title:", "titel:");
    let plain = site.run(&["check"]);
    assert!(plain.stderr.contains("error") && !plain.stderr.contains('\x1b'), "{}", plain.stderr);
    let coloured = site.run(&["check", "--color", "always"]);
    assert!(coloured.stderr.contains("\x1b["), "{}", coloured.stderr);
    // The rustc-like layout stays the same with or without colour.
    assert!(coloured.stderr.contains("content/plans/test-plan.yaml"), "{}", coloured.stderr);
}
