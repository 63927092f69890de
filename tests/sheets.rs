//! Figures from spreadsheets: data files under content/data/, `gongkai import` and `gongkai export`.

mod common;

use std::path::Path;

use common::{TestSite, assert_success};

const INDICATOR: &str = "content/indicators/quality-share.yaml";
const DATA: &str = "content/data/figures.csv";

/// A cell of a workbook written for a test.
enum X {
    S(&'static str),
    N(f64),
    /// A number in a cell formatted as a percentage.
    P(f64),
}

fn write_workbook(path: &Path, sheets: &[(&str, Vec<Vec<X>>)]) {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                match cell {
                    X::S(text) => sheet.write_string(r as u32, c as u16, *text).unwrap(),
                    X::N(number) => sheet.write_number(r as u32, c as u16, *number).unwrap(),
                    X::P(number) => {
                        let percent = rust_xlsxwriter::Format::new().set_num_format("0%");
                        sheet.write_number_with_format(r as u32, c as u16, *number, &percent).unwrap()
                    }
                };
            }
        }
    }
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    workbook.save(path).unwrap();
}

/// The row of the indicator page's year table for `year`.
fn year_row(page: &str, year: &str) -> String {
    page.split(&format!(r#"<th scope="row">{year}</th>"#)).nth(1).unwrap().split("</tr>").next().unwrap().to_string()
}

/// Builds the minimal site, applies `break_it`, builds again: the build fails with every `expected`
/// text in its messages and leaves public/ as it was.
fn build_fails_with(break_it: impl FnOnce(&TestSite), expected: &[&str]) -> String {
    let site = TestSite::fixture("minimal");
    assert_success(&site.build());
    let before = site.snapshot();
    break_it(&site);
    let run = site.build();
    assert_eq!(run.code, Some(1), "content errors exit with 1:\n{}", run.stderr);
    for text in expected {
        assert!(run.stderr.contains(text), "expected `{text}` in:\n{}", run.stderr);
    }
    assert_eq!(before, site.snapshot(), "public/ must be left unchanged");
    run.stderr
}

#[test]
fn a_figure_moved_from_yaml_to_a_csv_file_builds_the_same_site() {
    let site = TestSite::fixture("minimal");
    assert_success(&site.build());
    let before = site.snapshot();
    site.edit(INDICATOR, "  - {year: 2020, value: 91, sample: true}\n", "");
    site.write(DATA, "indicator,year,value,sample\nquality-share,2020,91,true\n");
    assert_success(&site.build());
    assert_eq!(before, site.snapshot(), "the same figure from a data file gives the same pages");

    site.edit(DATA, ",91,", ",93,");
    assert_success(&site.build());
    let row = year_row(&site.page("indicators/quality-share/index.html"), "2020");
    assert!(row.contains("93%") && row.contains("status-met"), "{row}");
}

#[test]
fn a_workbook_gives_figures_and_breakdown_lines_with_chinese_headers() {
    let site = TestSite::fixture("minimal");
    let header = || vec![X::S("指标"), X::S("年份"), X::S("分项"), X::S("数值"), X::S("示例数据")];
    let line =
        |label: &'static str, value: f64| vec![X::S("new-schools"), X::N(2020.0), X::S(label), X::N(value), X::S("否")];
    let rows = vec![header(), line("", 3.0), line("东区", 1.0), line("西区", 2.0)];
    write_workbook(&site.root().join("content/data/returns-2020.xlsx"), &[("基础教育处", rows)]);
    assert_success(&site.build());
    let page = site.page("indicators/new-schools/index.html");
    let row = year_row(&page, "2020");
    assert!(row.contains("3所") && row.contains("status-met"), "{row}");
    let breakdown = page.split_once(r#"id="breakdown-heading""#).unwrap().1;
    assert!(breakdown.contains("东区</th><td>1所</td><td>1所</td>"), "{breakdown}");
    assert!(breakdown.contains("西区</th><td>2所</td><td>2所</td>"), "{breakdown}");
    assert!(!page.contains("notice-sample"), "official figures carry no sample label");
}

#[test]
fn each_kind_of_bad_cell_in_a_csv_file_is_reported_at_its_line_and_column() {
    build_fails_with(
        |s| {
            s.edit(INDICATOR, "  - {year: 2018, value: 71, sample: true}\n", "");
            s.write(
                DATA,
                "indicator,year,unit,value,status,sample\n\
                 quality-shar,2018,%,75,,true\n\
                 new-schools,2018,所,两所,,false\n\
                 new-schools,2031,所,2,,false\n\
                 quality-share,2018,%,180,,true\n\
                 new-schools,2019,所,,on_track,false\n\
                 new-schools,2019,个,1,,false\n\
                 new-schools,2020,所,3,,perhaps\n\
                 new-schools,2020,所,3,done,false\n",
            );
        },
        &[
            "figures.csv:2:1",
            "indicator `quality-shar` is not defined",
            "did you mean `quality-share`?",
            "figures.csv:3:20",
            "`两所` is not a number",
            "figures.csv:4:13",
            "the figure year 2031 is outside the plan's period 2018–2020",
            "figures.csv:5:22",
            "the figure 180 is not a percentage between 0 and 100",
            "figures.csv:6:13",
            "the 2019 figure needs a numeric `value`",
            "figures.csv:7:18",
            "the unit `个` is not the indicator's unit `所`",
            "figures.csv:8:23",
            "`perhaps` is not yes or no",
            "figures.csv:9:22",
            "`done` is not a status",
        ],
    );
}

#[test]
fn an_unknown_column_suggests_the_right_one() {
    build_fails_with(
        |s| {
            s.write(DATA, "indicator,yaer,value\nnew-schools,2019,2\n");
        },
        &["figures.csv:1:11", "unknown column `yaer`", "did you mean `year`?", "the table has no `year` column"],
    );
}

#[test]
fn bad_cells_in_a_workbook_are_named_by_sheet_row_and_column() {
    build_fails_with(
        |s| {
            let rows = vec![
                vec![X::S("indicator"), X::S("year"), X::S("value")],
                vec![X::S("new-schools"), X::N(2019.0), X::S("约2")],
                vec![X::S("new-school"), X::N(2019.0), X::N(2.0)],
                vec![X::S("quality-share"), X::N(2020.0), X::P(0.91)],
            ];
            write_workbook(&s.root().join("content/data/returns.xlsx"), &[("Sheet1", vec![]), ("基础教育处", rows)]);
        },
        &[
            "content/data/returns.xlsx [基础教育处] C2",
            "`约2` is not a number",
            "content/data/returns.xlsx [基础教育处] A3",
            "did you mean `new-schools`?",
            "content/data/returns.xlsx [基础教育处] C4",
            "the cell shows a percentage but holds 0.91",
        ],
    );
}

#[test]
fn a_figure_in_yaml_and_in_a_data_file_is_an_error_naming_both() {
    let yaml_line =
        TestSite::fixture("minimal").read_source(INDICATOR).lines().position(|l| l.contains("{year: 2019")).unwrap()
            + 1;
    build_fails_with(
        |s| {
            s.write(DATA, "indicator,year,value\nquality-share,2019,76\n");
        },
        &[
            &format!("the 2019 figure is given twice: here and at content/indicators/quality-share.yaml:{yaml_line}:5"),
            "figures.csv:2:15",
        ],
    );
}

#[test]
fn a_figure_in_two_data_files_is_an_error_naming_both() {
    build_fails_with(
        |s| {
            s.write("content/data/a.csv", "indicator,year,value\nnew-schools,2019,2\n");
            s.write("content/data/b.csv", "indicator,year,value\nnew-schools,2019,2\n");
        },
        &["content/data/b.csv:2:13", "the 2019 figure is given twice: here and at content/data/a.csv:2:13"],
    );
}

#[test]
fn export_then_import_changes_nothing() {
    let site = TestSite::example();
    let data = "content/data/lianyun-quality-2023.csv";
    let before = site.read_source(data);
    let out = site.root().join("template.xlsx");
    let export = site.run(&["export", "--out", out.to_str().unwrap()]);
    assert_success(&export);
    let first = std::fs::read(&out).unwrap();
    assert_success(&site.run(&["export", "--out", out.to_str().unwrap()]));
    assert_eq!(first, std::fs::read(&out).unwrap(), "an export is the same file every time");

    let import = site.run(&["import", out.to_str().unwrap(), "--into", data]);
    assert_success(&import);
    assert!(import.stderr.contains("0 row(s) added, 0 changed"), "{}", import.stderr);
    assert_eq!(before, site.read_source(data), "the data file is byte for byte the same");
}

#[test]
fn the_template_locks_what_identifies_a_row_and_names_columns_in_both_languages() {
    let site = TestSite::example();
    let out = site.root().join("template.xlsx");
    assert_success(&site.run(&["export", "--out", out.to_str().unwrap()]));

    use calamine::{Data, Reader};
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let first = workbook.sheet_names()[0].clone();
    assert_eq!(first, "基教处", "one sheet per department, named as the example site names it");
    let range = workbook.worksheet_range(&first).unwrap();
    let header: Vec<String> = range.rows().next().unwrap().iter().map(Data::to_string).collect();
    assert_eq!(&header[..3], ["指标 / indicator", "指标名称 / name_zh", "英文名称 / name_en"]);

    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut sheet = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(), &mut sheet).unwrap();
    assert!(sheet.contains("<sheetProtection"), "the sheet is protected");
    let mut styles = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/styles.xml").unwrap(), &mut styles).unwrap();
    assert!(styles.contains(r#"locked="0""#), "the figure columns are left open");
}

#[test]
fn import_writes_only_accepted_rows_and_leaves_the_others_untouched() {
    let site = TestSite::fixture("minimal");
    site.edit(INDICATOR, "  - {year: 2019, value: 75, sample: true}\n", "");
    let kept = "\"new-schools\",2018,1,yes,\"建成一所\"\n";
    site.write(DATA, &format!("indicator,year,value,sample,note_zh\n{kept}quality-share,2019,75,true,\n"));
    let returns = site.root().join("returns.csv");
    std::fs::write(
        &returns,
        "指标,年份,数值,示例数据\nnew-schools,2019,2,是\nquality-share,2019,78,true\nnew-schools,2020,四,否\n",
    )
    .unwrap();

    let run = site.run(&["import", returns.to_str().unwrap(), "--into", DATA]);
    assert_eq!(run.code, Some(1), "a refused row makes the import fail:\n{}", run.stderr);
    assert!(run.stderr.contains("returns.csv:4:18") && run.stderr.contains("`四` is not a number"), "{}", run.stderr);
    assert!(run.stderr.contains("added    new-schools 2019: 2 (sample)"), "{}", run.stderr);
    assert!(run.stderr.contains("changed  quality-share 2019: 75 (sample) → 78 (sample)"), "{}", run.stderr);
    assert!(run.stderr.contains("1 row(s) added, 1 changed, 0 already there; 1 row(s) refused"), "{}", run.stderr);
    assert_eq!(
        site.read_source(DATA),
        format!("indicator,year,value,sample,note_zh\n{kept}new-schools,2019,2,true,\nquality-share,2019,78,true,\n"),
        "the untouched row keeps its quotes; the new row is in key order; the refused row is not written"
    );

    let again = site.run(&["import", returns.to_str().unwrap(), "--into", DATA]);
    assert!(again.stderr.contains("0 row(s) added, 0 changed, 2 already there"), "{}", again.stderr);
    assert_success(&site.build());
    let row = year_row(&site.page("indicators/quality-share/index.html"), "2019");
    assert!(row.contains("78%"), "{row}");
}

#[test]
fn import_refuses_a_figure_that_the_yaml_gives_differently() {
    let site = TestSite::fixture("minimal");
    let returns = site.root().join("returns.csv");
    std::fs::write(&returns, "indicator,year,value,sample\nquality-share,2019,75,true\nquality-share,2018,70,true\n")
        .unwrap();
    let run = site.run(&["import", returns.to_str().unwrap()]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("the 2018 figure of `quality-share` is given twice"), "{}", run.stderr);
    assert!(run.stderr.contains("content/indicators/quality-share.yaml:15:5"), "{}", run.stderr);
    assert!(run.stderr.contains("0 row(s) added, 0 changed, 1 already there; 1 row(s) refused"), "{}", run.stderr);
    assert!(!site.root().join("content/data/returns.csv").exists(), "nothing to write, so no file is made");
}

#[test]
fn the_example_site_takes_its_2023_lianyun_figures_from_a_data_file() {
    let site = TestSite::example();
    let yaml = site.read_source("content/indicators/lianyun-quality-2021/open-lessons.yaml");
    assert!(!yaml.contains("year: 2023\n    value"), "the 2023 figure is not in the YAML any more");
    let data = site.read_source("content/data/lianyun-quality-2023.csv");
    assert!(data.contains("lyq-open-lessons,2023,,%,98.2,,true,"), "{data}");
    assert_success(&site.build());
    let row = year_row(&site.page("indicators/lyq-open-lessons/index.html"), "2023");
    assert!(row.contains("98.2%") && row.contains("badge-sample"), "shown, and labelled as sample data: {row}");
    let row = year_row(&site.page("en/indicators/lyq-sent-teaching/index.html"), "2023");
    assert!(row.contains("status-met") && row.contains("Sample data"), "{row}");
}

#[test]
fn import_of_a_workbook_names_sheet_row_and_column_and_refuses_every_row_of_an_unknown_id() {
    let site = TestSite::fixture("minimal");
    let returns = site.root().join("returns.xlsx");
    let rows = vec![
        vec![X::S("指标 / indicator"), X::S("年份 / year"), X::S("单位 / unit"), X::S("数值 / value")],
        vec![X::S("new-school"), X::N(2018.0), X::S("所"), X::N(1.0)],
        vec![X::S("new-school"), X::N(2019.0), X::S("所"), X::N(2.0)],
        vec![X::S("new-schools"), X::N(2019.0), X::S("%"), X::N(2.0)],
        vec![X::S("new-schools"), X::N(2018.0), X::S("所"), X::S("1 所")],
    ];
    write_workbook(&returns, &[("基础教育处", rows)]);
    let run = site.run(&["import", returns.to_str().unwrap(), "--into", DATA]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    for expected in [
        "returns.xlsx [基础教育处] A2",
        "returns.xlsx [基础教育处] A3",
        "did you mean `new-schools`?",
        "returns.xlsx [基础教育处] C4",
        "the unit `%` is not the indicator's unit `所`",
        "returns.xlsx [基础教育处] D5",
        "`1 所` is not a number",
        "0 row(s) added, 0 changed, 0 already there; 4 row(s) refused",
    ] {
        assert!(run.stderr.contains(expected), "expected `{expected}` in:\n{}", run.stderr);
    }
    assert!(!site.root().join(DATA).exists(), "nothing was accepted, so no data file is made");
}

#[test]
fn import_keeps_a_data_file_s_byte_order_mark_and_line_endings() {
    let site = TestSite::fixture("minimal");
    let old = "\u{feff}indicator,year,value\r\nnew-schools,2018,1";
    site.write(DATA, old);
    assert_success(&site.build());
    let returns = site.root().join("returns.csv");
    std::fs::write(&returns, "indicator,year,value\nnew-schools,2019,2\n").unwrap();
    assert_success(&site.run(&["import", returns.to_str().unwrap(), "--into", DATA]));
    assert_eq!(site.read_source(DATA), format!("{old}\r\nnew-schools,2019,2\r\n"));
    assert_success(&site.build());
}

#[test]
fn a_breakdown_line_must_exist_in_the_indicator_file() {
    build_fails_with(
        |s| {
            s.write(
                DATA,
                "indicator,year,breakdown,value\n\
                 new-schools,2020,East Distric,1\n\
                 new-schools,2019,东区,1\n\
                 quality-share,2020,东区,1\n",
            );
        },
        &[
            "figures.csv:2:18",
            "the breakdown of `new-schools` has no line `East Distric`",
            "did you mean `East District`?",
            "figures.csv:3:13",
            "the breakdown of `new-schools` is for 2020, not 2019",
            "figures.csv:4:20",
            "`quality-share` has no breakdown",
        ],
    );
}
