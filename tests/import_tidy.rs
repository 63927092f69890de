//! `gongkai import` of tidy data (the Open SDG layout): files and folders are checked as a build
//! checks them, written whole as CSV to `content/data/<indicator>.csv`, or refused with every
//! problem located.

mod common;

use std::path::Path;
use std::time::{Duration, SystemTime};

use common::open_sdg::{assert_every_number_built, fixture_files, id_of, indicator_site};
use common::{Run, TestSite, assert_success};

fn fixture(folder: &str) -> std::path::PathBuf {
    common::repo().join("tests/fixtures/open-sdg").join(folder)
}

fn import(site: &TestSite, args: &[&Path]) -> Run {
    let mut all = vec!["import"];
    all.extend(args.iter().map(|p| p.to_str().unwrap()));
    site.run(&all)
}

fn assert_refused(run: &Run, expected: &[&str]) {
    assert_eq!(run.code, Some(1), "a refused file makes the import fail:\n{}", run.stderr);
    for text in expected {
        assert!(run.stderr.contains(text), "expected `{text}` in:\n{}", run.stderr);
    }
}

#[test]
fn each_imported_open_sdg_file_builds_with_every_number_on_its_page_and_in_its_download() {
    let site = indicator_site();
    for path in fixture_files() {
        let run = import(&site, &[&path]);
        assert_success(&run);
        let id = id_of(&path);
        let line = format!("imported {} → content/data/{id}.csv: ", path.display());
        assert!(run.stderr.contains(&line), "expected `{line}` in:\n{}", run.stderr);
    }
    assert_success(&site.build());
    let numbers: usize = fixture_files().iter().map(|path| assert_every_number_built(&site, path)).sum();
    assert_eq!(numbers, 289, "every numeric value of the fixture checked");
}

#[test]
fn a_folder_import_writes_every_table_directly_in_it() {
    let site = indicator_site();
    let run = import(&site, &[&fixture("kz")]);
    assert_success(&run);
    assert!(run.stderr.contains("4-2-1.csv: 70 rows (70 numbers, 7 dimensions)"), "{}", run.stderr);
    assert!(run.stderr.contains("4 file(s) imported, 0 unchanged, 0 refused"), "{}", run.stderr);
    let written: Vec<String> = std::fs::read_dir(site.root().join("content/data"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(written, ["10-5-1.csv", "17-3-1-2.csv", "2-5-2.csv", "4-2-1.csv"]);
    assert_success(&site.build());
    for path in fixture_files().iter().filter(|p| p.starts_with(fixture("kz"))) {
        assert_every_number_built(&site, path);
    }
}

#[test]
fn a_tidy_workbook_is_written_as_one_csv_table_with_its_numbers_as_shown() {
    let site = indicator_site();
    let workbook = site.root().join("indicator_1-1-1.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    for (year, total, group_a) in [(2015.0, 0.1 + 0.2, 12.5), (2016.0, 1234567.8, -6.06)] {
        let sheet = book.add_worksheet();
        sheet.write_row(0, 0, ["Year", "Group", "Value"]).unwrap();
        sheet.write_number(1, 0, year).unwrap();
        sheet.write_number(1, 2, total).unwrap();
        sheet.write_number(2, 0, year).unwrap();
        sheet.write_string(2, 1, "A").unwrap();
        sheet.write_number(2, 2, group_a).unwrap();
    }
    book.save(&workbook).unwrap();

    let run = import(&site, &[&workbook]);
    assert_success(&run);
    assert!(run.stderr.contains("→ content/data/1-1-1.csv: 4 rows (4 numbers, 1 dimension)"), "{}", run.stderr);
    assert_eq!(
        site.read_source("content/data/1-1-1.csv"),
        "Year,Group,Value\n2015,,0.3\n2015,A,12.5\n2016,,1234567.8\n2016,A,-6.06\n",
        "both sheets, one after the other; 0.1 + 0.2 as the cell shows it, not 0.30000000000000004"
    );
    assert_success(&site.build());
    let download = std::fs::read_to_string(site.public().join("data/figures/1-1-1.csv")).unwrap();
    assert!(download.contains(",0.3,") && !download.contains("0.30000000000000004"), "{download}");
}

#[test]
fn a_tidy_file_for_an_unknown_indicator_is_refused_with_the_closest_id_and_nothing_is_written() {
    let site = indicator_site();
    let file = site.root().join("indicator_1-1-2.csv");
    std::fs::copy(fixture("starter/indicator_1-1-1.csv"), &file).unwrap();
    let run = import(&site, &[&file]);
    assert_refused(
        &run,
        &[
            "indicator_1-1-2.csv:1:1",
            "this file is for indicator `1-1-2`, which the site does not define",
            "did you mean `1-1-1`? import with `--indicator 1-1-1`",
            "gongkai new indicator 1-1-2",
            "refused indicator_1-1-2.csv: 1 error(s); nothing written",
        ],
    );
    assert!(!site.root().join("content/data").exists(), "nothing is written");
}

#[test]
fn every_bad_cell_of_a_tidy_file_is_reported_with_its_line_and_column_and_nothing_is_written() {
    let site = TestSite::fixture("minimal");
    let file = site.root().join("quality-share.csv");
    // One cell the tidy reader refuses, one the site's checks refuse (a percentage above 100).
    std::fs::write(&file, "Year,Group,Value\n2016,A,x\n2017,A,180\n2017,B,55\n").unwrap();
    let run = import(&site, &[&file]);
    assert_refused(
        &run,
        &[
            "quality-share.csv:2:8",
            "`x` is not a number",
            "quality-share.csv:3:8",
            "the figure 180 is not a percentage between 0 and 100",
            "refused quality-share.csv: 2 error(s); nothing written",
        ],
    );
    assert!(!site.root().join("content/data").exists(), "a table is a unit: not even its good row is written");
}

#[test]
fn reimporting_the_same_file_leaves_the_data_file_byte_for_byte_and_a_new_version_replaces_it() {
    let site = indicator_site();
    let file = site.root().join("indicator_1-1-1.csv");
    std::fs::write(&file, "\u{feff}Year,Group,Value\r\n2015,,1\r\n2015,A,2\r\n").unwrap();
    assert_success(&import(&site, &[&file]));
    let data = site.root().join("content/data/1-1-1.csv");
    assert_eq!(std::fs::read_to_string(&data).unwrap(), "Year,Group,Value\n2015,,1\n2015,A,2\n", "no BOM, LF");

    let long_ago = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
    std::fs::File::options().write(true).open(&data).unwrap().set_modified(long_ago).unwrap();
    let again = import(&site, &[&file]);
    assert_success(&again);
    assert!(again.stderr.contains("unchanged indicator_1-1-1.csv → content/data/1-1-1.csv"), "{}", again.stderr);
    assert_eq!(std::fs::metadata(&data).unwrap().modified().unwrap(), long_ago, "the file was not written again");

    std::fs::write(&file, "Year,Group,Value\n2015,A,3\n2016,,4\n").unwrap();
    let replaced = import(&site, &[&file]);
    assert_success(&replaced);
    assert!(replaced.stderr.contains("1 added, 1 changed, 1 removed"), "{}", replaced.stderr);
    assert_eq!(std::fs::read_to_string(&data).unwrap(), "Year,Group,Value\n2015,A,3\n2016,,4\n");
}

#[test]
fn a_map_names_the_site_s_indicator_for_each_open_sdg_file_name() {
    let site = indicator_site();
    let indicator = site.read_source("content/indicators/1-1-1.yaml").replace("id: 1-1-1", "id: poverty-share");
    site.write("content/indicators/poverty-share.yaml", &indicator);
    site.write("sdg-ids.yaml", "1-1-1: poverty-share\n");
    let map = site.root().join("sdg-ids.yaml");
    let run = site.run(&["import", fixture("starter").to_str().unwrap(), "--map", map.to_str().unwrap()]);
    assert_success(&run);
    assert!(run.stderr.contains("→ content/data/poverty-share.csv: 6 rows"), "{}", run.stderr);
    assert!(!site.root().join("content/data/1-1-1.csv").exists());
    assert_success(&site.build());
    let download = std::fs::read_to_string(site.public().join("data/figures/poverty-share.csv")).unwrap();
    assert_eq!(download.lines().filter(|line| line.contains("2016")).count(), 3, "{download}");
}
