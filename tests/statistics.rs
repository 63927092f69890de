//! Statistical data as an office publishes it (issue 16): tidy data files of one indicator each,
//! series and units, dimensions, notes, history before the plan, trend status, and every figure on
//! the page and in the downloads.

mod common;

use common::{TestSite, assert_success};

const QUALITY: &str = "content/indicators/quality-share.yaml";

/// The minimal site with a tidy data file for `quality-share` (plan period 2018–2020).
fn with_tidy(csv: &str) -> TestSite {
    let site = TestSite::fixture("minimal");
    // The YAML figures of 2018–2020 would be given twice.
    site.edit(QUALITY, "actuals:\n  - {year: 2018, value: 71, sample: true}\n  - {year: 2019, value: 75, sample: true}\n  - {year: 2020, value: 91, sample: true}\n", "");
    site.write("content/data/indicator_quality-share.csv", csv);
    site
}

/// The `<td>`s of the table row whose `data-key` is `key`, in the breakdown `dims` of the series.
fn cells(page: &str, series: usize, dims: &str, key: &str) -> Vec<String> {
    let section =
        format!(r#"id="series-{series}-by-{}""#, if dims.is_empty() { "total".into() } else { dims.replace(',', "-") });
    let table = page.split_once(&section).unwrap_or_else(|| panic!("no {section}")).1;
    let table = table.split_once("</table>").unwrap().0;
    let row = table.split_once(&format!(r#"<tr data-key="{key}">"#)).unwrap_or_else(|| panic!("no row {key}")).1;
    let row = row.split_once("</tr>").unwrap().0;
    row.split("<td>").skip(1).map(|c| c.split_once("</td>").unwrap().0.to_string()).collect()
}

const BY_SEX: &str = "\
Year,Sex,COMMENT_OBS,Value
2016,,,58.25
2016,Female,,60.5
2016,Male,,56
2017,,provisional,60
2018,,,71
2018,Female,,73.125
2018,Male,,68.9
2019,,,75
2020,,,91
2020,Female,,92
2020,Male,,90.05
";

#[test]
fn a_tidy_file_gives_the_figures_breakdowns_notes_and_history_of_its_indicator() {
    let site = with_tidy(BY_SEX);
    assert_success(&site.build());
    let page = site.page("indicators/quality-share/index.html");
    // The totals are the indicator's figures, the years before the plan are history.
    assert_eq!(cells(&page, 1, "", "-")[..5], ["58.25", "60<sup>1</sup>", "71", "75", "91"]);
    let history = page.split_once("<th scope=\"row\">2016</th>").expect("2016 in the year table").1;
    assert!(history.split_once("</tr>").unwrap().0.contains("status-history"), "2016 is history, not assessed");
    assert!(page.contains("provisional"), "the note is a footnote");
    // The breakdown by sex, values as written (60.5, 73.125, 90.05), missing years blank.
    assert_eq!(cells(&page, 1, "0", "0"), ["60.5", "73.125", r#"92"#]);
    assert_eq!(cells(&page, 1, "0", "1"), ["56", "68.9", "90.05"]);
    assert!(page.contains(r#"<legend>Sex</legend>"#), "the selector lists the dimension");
    assert!(page.contains("disaggregation."), "the page loads the selector");
    // 2020 reaches the target of 90: met; the history years do not count.
    assert!(
        page.contains(r#"<p class="headline">"#)
            && page.split_once(r#"class="headline""#).unwrap().1[..300].contains("status-met")
    );
}

#[test]
fn downloads_carry_every_series_dimension_and_note() {
    let site = with_tidy(BY_SEX);
    assert_success(&site.build());
    let csv = site.page("data/figures/quality-share.csv");
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        headers,
        ["年度 / Year", "系列 / Series", "单位 / Units", "Sex", "数值 / Value", "示例数据 / Sample", "COMMENT_OBS"]
    );
    let rows: Vec<Vec<String>> = reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect();
    assert_eq!(rows.len(), 11, "every row of the source");
    assert!(rows.contains(&vec![
        "2018".into(),
        "".into(),
        "%".into(),
        "Female".into(),
        "73.125".into(),
        "false".into(),
        "".into()
    ]));
    assert!(rows.iter().any(|r| r[6] == "provisional"));
    let json: serde_json::Value = serde_json::from_str(&site.page("data/indicators/quality-share.json")).unwrap();
    let series = &json["series"][0];
    assert_eq!(series["dimensions"][0]["name"]["zh"], "Sex");
    let observations = series["observations"].as_array().unwrap();
    assert_eq!(observations.len(), 11);
    assert!(observations.iter().any(|o| o["value"] == 90.05 && o["dimensions"]["d1"] == "v2"));
    // The download reads back as a tidy file with the same figures.
    let again = TestSite::fixture("minimal");
    again.edit(QUALITY, "actuals:\n  - {year: 2018, value: 71, sample: true}\n  - {year: 2019, value: 75, sample: true}\n  - {year: 2020, value: 91, sample: true}\n", "");
    again.write("content/data/quality-share.csv", csv.trim_start_matches('\u{feff}'));
    assert_success(&again.build());
    assert_eq!(again.page("data/figures/quality-share.csv"), csv, "a round trip changes nothing");
}

#[test]
fn series_and_units_in_one_file_are_separate_series_and_negative_figures_are_kept() {
    let site = with_tidy(
        "Year,Series,Units,Value\n2018,,%,70\n2019,,%,75\n2018,Growth,%,-6.06\n2019,Growth,%,7.1\n2018,Schools,所,14310\n",
    );
    site.edit(QUALITY, "kind: expected", "kind: expected\nunbounded: true");
    assert_success(&site.build());
    let page = site.page("indicators/quality-share/index.html");
    assert!(page.contains(r#"id="series-2""#) && page.contains(r#"id="series-3""#), "three series");
    assert_eq!(cells(&page, 2, "", ""), ["-6.06", "7.1"]);
    assert_eq!(cells(&page, 3, "", ""), ["14,310"], "digits grouped");
    let chart = page.split_once(r#"id="series-2-by-total""#).unwrap().1.split_once("</svg>").unwrap().0;
    assert!(chart.contains(r#"text-anchor="end">-"#), "a tick below zero: the axis reaches -6.06");
}

#[test]
fn an_indicator_without_target_gets_its_trend_and_a_lone_figure_is_insufficient_data() {
    let site = with_tidy("Year,Value\n2018,50\n2019,55\n");
    site.edit(QUALITY, "targets:\n  - year: 2020\n    at_least: 90\n    quote: {zh: 优质学校占比90%, en: quality schools make up 90%}\n", "");
    site.edit(QUALITY, "baseline: {year: 2017, value: 60, sample: true}\n", "");
    assert_success(&site.build());
    let page = site.page("en/indicators/quality-share/index.html");
    let headline = page.split_once(r#"class="headline""#).unwrap().1.split_once("</p>").unwrap().0;
    assert!(headline.contains("status-improving"), "{headline}");
    let year = |y: &str| {
        page.split_once(&format!("<th scope=\"row\">{y}</th>")).unwrap().1.split_once("</tr>").unwrap().0.to_string()
    };
    assert!(year("2018").contains("status-insufficient_data"), "one figure alone");
    assert!(year("2019").contains("status-improving"));
    assert!(!year("2019").contains("No data"));
    let methodology = site.page("en/methodology/index.html");
    assert!(methodology.contains("compound annual growth rate") && methodology.contains("0.5%"));
}

#[test]
fn tidy_file_problems_are_located_and_all_reported() {
    let site = with_tidy("Year,Sex,Value\n2018,Female,101\n2019,Femal,50\n2018,,71\n2018,,72\n");
    site.edit(
        QUALITY,
        "kind: expected",
        "kind: expected\ndimensions:\n  - id: sex\n    name: {zh: 性别, en: Sex}\n    values:\n      - {id: f, name: {zh: 女, en: Female}}\n      - {id: m, name: {zh: 男, en: Male}}",
    );
    site.write("content/data/no-such-indicator.csv", "Year,Value\n2018,1\n");
    let run = site.build();
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    for expected in [
        "indicator_quality-share.csv:2:13",
        "the figure 101 is not a percentage between 0 and 100",
        "indicator_quality-share.csv:3:6",
        "`Femal` is not a value of the dimension `sex`",
        "did you mean `Female`?",
        "indicator_quality-share.csv:5:1",
        "this row gives 72 for the 2018 figure, which content/data/indicator_quality-share.csv:4:1 gives as 71",
        "no-such-indicator.csv",
        "a tidy data file for `no-such-indicator`, which no indicator file defines",
    ] {
        assert!(run.stderr.contains(expected), "expected `{expected}` in:\n{}", run.stderr);
    }
}

#[test]
fn a_declared_dimension_gives_names_in_both_languages_and_the_order_of_values() {
    let site = with_tidy("Year,性别,Value\n2018,男,68.9\n2018,女,73.1\n2018,合计,71\n");
    site.edit(
        QUALITY,
        "kind: expected",
        "kind: expected\ndecimals: 1\ndimensions:\n  - id: sex\n    name: {zh: 性别, en: Sex}\n    total: {zh: 合计, en: All pupils}\n    values:\n      - {id: f, name: {zh: 女, en: Female}}\n      - {id: m, name: {zh: 男, en: Male}}",
    );
    assert_success(&site.build());
    let page = site.page("en/indicators/quality-share/index.html");
    let breakdown = page.split_once(r#"id="series-1-by-0""#).unwrap().1;
    let female = breakdown.find(">Female<").unwrap();
    assert!(female < breakdown.find(">Male<").unwrap(), "declared order, not file order");
    assert_eq!(cells(&page, 1, "", "-"), ["71.0"], "`合计` is the total; one declared decimal");
}

#[test]
fn a_figure_a_data_file_repeats_with_another_value_is_shown_beside_the_first_and_warned() {
    let site = with_tidy("Year,Value\n2018,71\n2019,75\n2019,75\n2020,91\n2020,90.0\n");
    let run = site.build();
    assert!(run.success, "{}", run.stderr);
    assert!(run.stderr.contains("this row repeats the 2019 figure of content/data/indicator_quality-share.csv:3:1"));
    assert!(run.stderr.contains(
        "this row gives 90.0 for the 2020 figure, which content/data/indicator_quality-share.csv:5:1 gives as 91"
    ));
    let page = site.page("indicators/quality-share/index.html");
    let year = page.split_once("<th scope=\"row\">2020</th>").unwrap().1.split_once("</tr>").unwrap().0;
    assert!(year.contains("91%"), "the first figure: {year}");
    assert!(
        year.contains("同一数字另有一行给出90.0（content/data/indicator_quality-share.csv:6:1）"),
        "with a note: {year}"
    );
}
