//! `gongkai check` follows every internal link and anchor of the rendered site, in every language.

mod common;

use common::TestSite;

#[test]
fn example_site_has_no_broken_links_in_any_language() {
    let site = TestSite::example();
    let run = site.run(&["check"]);
    assert!(run.success, "check failed:\n{}", run.stderr);
    assert!(run.stderr.contains(" 0 broken"), "no link summary:\n{}", run.stderr);
    let checked: usize = run
        .stderr
        .split("checked ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(checked > 1000, "too few links followed ({checked}): is the check reading the pages?\n{}", run.stderr);
}

#[test]
fn reports_a_broken_link_written_in_markdown_with_its_page_and_source() {
    let site = TestSite::example();
    site.edit(
        "content/showcases/cd-baseline-assessment-2020.en.md",
        "## How the baseline assessment was done",
        "See [the plan](/en/plans/no-such-plan/).\n\n## How the baseline assessment was done",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(1), "a broken link must fail the check:\n{}", run.stderr);
    assert!(run.stderr.contains("broken link `/en/plans/no-such-plan/`"), "{}", run.stderr);
    assert!(run.stderr.contains("en/showcases/cd-baseline-assessment-2020/index.html:"), "no page: {}", run.stderr);
    assert!(
        run.stderr.contains("the link is written in `content/showcases/cd-baseline-assessment-2020.en.md:"),
        "no source: {}",
        run.stderr
    );
    assert!(!run.stderr.contains("broken link `/en/plans/no-such-plan/`: no page or file of the site is at `/plans"));
}

#[test]
fn reports_a_missing_anchor_from_a_template_on_every_page_and_language() {
    let site = TestSite::example();
    site.edit(
        "themes/default/templates/plan.html",
        "<h2 id=\"goals-heading\">",
        "<a href=\"#no-such-section\">skip</a><h2 id=\"goals-heading\">",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let plans = std::fs::read_dir(site.root().join("content/plans")).unwrap().count();
    let reported = run.stderr.matches("has no element with id `no-such-section`").count();
    // Every plan page exists in zh, en and zh-hant, each in the standard, large-text and
    // high-contrast copies of the site.
    assert_eq!(reported, plans * 9, "one per plan page in every language and reading mode:\n{}", run.stderr);
    assert!(run.stderr.contains("en/plans/"), "{}", run.stderr);
    assert!(run.stderr.contains("the link is written in `themes/default/templates/plan.html:"), "{}", run.stderr);
}

#[test]
fn lists_external_links_without_failing_unless_denied() {
    let site = TestSite::example();
    site.edit(
        "content/showcases/cd-baseline-assessment-2020.en.md",
        "## How the baseline assessment was done",
        "Source: [Chengdu Education Bureau](https://edu.chengdu.gov.cn/).\n\n## How the baseline assessment was done",
    );
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["check", "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(
        stdout.contains(
            "external https://edu.chengdu.gov.cn/  (on en/showcases/cd-baseline-assessment-2020/index.html and 2 more)"
        ),
        "{stdout}"
    );
    let denied = site.run(&["check", "--deny-external"]);
    assert_eq!(denied.code, Some(1), "{}", denied.stderr);
    assert!(denied.stderr.contains("link to `https://edu.chengdu.gov.cn/` leaves the site"), "{}", denied.stderr);
}
