//! Bad input: every problem is reported with file, line and column, the build exits non-zero, and
//! the previously built site is left exactly as it was.

mod common;

use common::{TestSite, assert_success};

/// Builds the minimal site, applies `break_it`, builds again, and checks the failure.
fn fails_with(break_it: impl FnOnce(&TestSite), expected: &[&str]) -> String {
    let site = TestSite::fixture("minimal");
    assert_success(&site.build());
    let before = site.snapshot();
    break_it(&site);
    let run = site.build();
    assert!(!run.success, "the build should fail");
    assert_eq!(run.code, Some(1), "content errors exit with 1:\n{}", run.stderr);
    for text in expected {
        assert!(run.stderr.contains(text), "expected `{text}` in:\n{}", run.stderr);
    }
    assert_eq!(before, site.snapshot(), "public/ must be left unchanged");
    run.stderr
}

const INDICATOR: &str = "content/indicators/quality-share.yaml";

#[test]
fn yaml_syntax_error_is_located() {
    fails_with(
        |s| {
            s.edit(INDICATOR, r#"unit: {zh: "%", en: "%"}"#, r#"unit: {zh: "%", en: "%""#);
        },
        &["quality-share.yaml:6:"],
    );
}

#[test]
fn unknown_key_suggests_the_right_one() {
    fails_with(
        |s| {
            s.edit(INDICATOR, "targets:", "tagrets:");
        },
        &["quality-share.yaml:10:1", "unknown field `tagrets`", "did you mean `targets`?"],
    );
}

#[test]
fn wrong_type_names_what_was_expected() {
    fails_with(
        |s| {
            s.edit(INDICATOR, "at_least: 90", "at_least: [90]");
        },
        &["quality-share.yaml:12:"],
    );
}

#[test]
fn text_where_a_number_is_needed_is_an_error() {
    fails_with(
        |s| {
            s.edit(INDICATOR, "at_least: 90", "at_least: 90%");
        },
        &["quality-share.yaml:12:15", "a number is needed"],
    );
}

#[test]
fn unknown_enum_value_suggests_the_right_one() {
    fails_with(
        |s| {
            s.edit(INDICATOR, "direction: increase", "direction: increse");
        },
        &["quality-share.yaml:6:12", "did you mean `increase`?"],
    );
}

#[test]
fn duplicate_ids_across_files_name_both_places() {
    fails_with(
        |s| {
            s.write("content/indicators/copy.yaml", &s.read_source(INDICATOR));
        },
        &["duplicate indicator id `quality-share`", "already defined at content/indicators/"],
    );
}

#[test]
fn dangling_school_reference_points_to_the_folder_and_suggests() {
    fails_with(
        |s| {
            s.edit("content/showcases/pairing-story.zh.md", "schools: [lead-primary,", "schools: [lead-primary-x,");
        },
        &[
            "pairing-story.zh.md:4:11",
            "school `lead-primary-x` is not defined",
            "did you mean `lead-primary`?",
            "content/schools/",
        ],
    );
}

#[test]
fn dangling_department_and_goal_references_are_errors() {
    fails_with(
        |s| {
            s.edit(INDICATOR, "goal: quality", "goal: qualty").edit(
                INDICATOR,
                "departments: [basic-education]",
                "departments: [basic]",
            );
        },
        &["plan `test-plan` has no goal `qualty`", "did you mean `quality`?"],
    );
    fails_with(
        |s| {
            s.edit(INDICATOR, "departments: [basic-education]", "departments: [basic]");
        },
        &["quality-share.yaml:8:15", "department `basic` is not defined"],
    );
}

#[test]
fn year_outside_the_plan_period_is_an_error() {
    fails_with(
        |s| {
            s.edit(INDICATOR, "{year: 2019, value: 75", "{year: 2021, value: 75");
        },
        &["quality-share.yaml:16:", "2021 is outside the plan's period 2018–2020"],
    );
}

#[test]
fn percentages_outside_0_to_100_and_non_finite_numbers_are_errors() {
    fails_with(
        |s| {
            s.edit(INDICATOR, "value: 91", "value: 910");
        },
        &["910 is not a percentage between 0 and 100"],
    );
    fails_with(
        |s| {
            s.edit(INDICATOR, "value: 91", "value: .nan");
        },
        &["not a finite number"],
    );
}

#[test]
fn missing_chinese_text_is_an_error() {
    fails_with(
        |s| {
            s.edit(INDICATOR, "name: {zh: 优质学校占比, en:", "name: {en:");
        },
        &["quality-share.yaml:4:", "missing field `zh`", "the site's default language"],
    );
}

#[test]
fn a_target_needs_exactly_one_comparator() {
    fails_with(
        |s| {
            s.edit(INDICATOR, "at_least: 90", "at_least: 90\n    at_most: 95");
        },
        &["needs exactly one of `at_least`"],
    );
}

#[test]
fn template_errors_name_the_template_file_and_line() {
    fails_with(
        |s| {
            let base = String::from_utf8(
                gongkai::theme::embedded_theme().iter().find(|(p, _)| *p == "templates/404.html").unwrap().1.to_vec(),
            )
            .unwrap();
            for (path, bytes) in gongkai::theme::embedded_theme() {
                s.write(&format!("themes/default/{path}"), std::str::from_utf8(bytes).unwrap());
            }
            s.write(
                "themes/default/templates/404.html",
                &base.replace("{{ t.not_found_text }}", "{{ t.not_found_text | nosuchfilter }}"),
            );
        },
        &["themes/default/templates/404.html:4:", "nosuchfilter"],
    );
}

#[test]
fn template_runtime_errors_name_the_template_and_page() {
    fails_with(
        |s| {
            for (path, bytes) in gongkai::theme::embedded_theme() {
                s.write(&format!("themes/default/{path}"), std::str::from_utf8(bytes).unwrap());
            }
            s.edit("themes/default/templates/404.html", "{{ t.not_found_text }}", "{{ t.no_such_key }}");
        },
        &["themes/default/templates/404.html:4:", "404.html"],
    );
}

#[test]
fn all_problems_of_a_run_are_reported_at_once() {
    let stderr = fails_with(
        |s| {
            s.edit(INDICATOR, "targets:", "tagrets:");
            s.edit("content/schools/lead.yaml", "stage: primary", "stage: primery");
            s.edit("content/showcases/older-story.zh.md", "tags: [pairing]", "tags: [pairng]");
        },
        &["quality-share.yaml", "lead.yaml", "older-story.zh.md"],
    );
    assert!(
        stderr.contains("did you mean `targets`?")
            && stderr.contains("did you mean `primary`?")
            && stderr.contains("did you mean `pairing`?"),
        "{stderr}"
    );
}

#[test]
fn unterminated_front_matter_and_translation_only_keys_are_explained() {
    fails_with(
        |s| {
            s.write("content/showcases/bad.zh.md", "---\ntitle: x\ndate: 2019-01-01\n");
        },
        &["bad.zh.md:1:1", "front matter is not closed"],
    );
    fails_with(
        |s| {
            s.edit("content/showcases/pairing-story.en.md", "summary:", "date: 2019-01-01\nsummary:");
        },
        &["pairing-story.en.md:3:1", "belong in the `.zh.md` file"],
    );
}

#[test]
fn invalid_ids_that_would_escape_the_output_folder_are_refused() {
    fails_with(
        |s| {
            s.edit("content/schools/partner.yaml", "id: partner-primary", "id: ../x");
        },
        &["partner.yaml:1:5", "is not a valid school id"],
    );
}

#[test]
fn check_reports_the_same_problems_without_writing() {
    let site = TestSite::fixture("minimal");
    site.edit(INDICATOR, "targets:", "tagrets:");
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("did you mean `targets`?"), "{}", run.stderr);
    assert!(!site.public().exists());
    let good = TestSite::fixture("minimal");
    let run = good.run(&["check"]);
    assert!(run.success && run.stderr.contains("no problems found"), "{}", run.stderr);
}
