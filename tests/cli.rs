//! The command line itself: help, completions, output levels, JSON for scripts, colour, exit codes.

mod common;

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

#[test]
fn summary_counts_pages_per_language_and_section() {
    let site = TestSite::fixture("minimal");
    let run = site.build();
    assert_success(&run);
    assert!(run.stderr.contains("built 140 pages (184 files"), "{}", run.stderr);
    assert!(run.stderr.contains("\n  zh  24 pages: home 1, plans 2, indicators 3,"), "{}", run.stderr);
    assert!(run.stderr.contains("\n  en  24 pages: home 1,"), "{}", run.stderr);
    assert!(run.stderr.contains("\n  reading-mode copies: high-contrast 46, large-text 46 pages"), "{}", run.stderr);
    assert!(
        run.stderr.contains("other files: 3 static, 31 search index, 3 .csv, 3 .json, 1 .txt, 3 .xml"),
        "{}",
        run.stderr
    );
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
    assert_eq!(report["summary"]["pages"], 140);
    assert_eq!(report["summary"]["reading_modes"]["large-text"], 46);
    assert_eq!(report["summary"]["search_index"], 31);
    assert_eq!(report["summary"]["languages"][1]["lang"], "en");
    assert_eq!(report["summary"]["languages"][1]["sections"]["plans"], 2);
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
