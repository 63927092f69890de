//! The Open SDG fixture (tests/fixtures/open-sdg/, real data from open-sdg/open-sdg-data-starter)
//! read with the tidy reader: every row and every published number arrives, dimensions, units and
//! notes included; and built end to end as a site, every number on its page and in its download.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use common::{TestSite, assert_success};

use gongkai::content::tidy::{self, Role, TidyTable};

fn fixture_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/open-sdg");
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&root)
        .into_iter()
        .map(|entry| entry.expect("a readable fixture").into_path())
        .filter(|path| path.extension().is_some_and(|e| e == "csv"))
        .collect();
    files.sort();
    files
}

fn read(path: &Path) -> (TidyTable, csv::StringRecord, Vec<csv::StringRecord>) {
    let text = std::fs::read_to_string(path).expect("a UTF-8 fixture");
    let table = tidy::read_csv(&text, path);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().expect("a header").clone();
    let rows = reader.records().map(|r| r.expect("a CSV row")).collect();
    (table, header, rows)
}

#[test]
fn every_row_and_number_of_the_fixture_is_read() {
    let files = fixture_files();
    assert_eq!(files.len(), 6, "{files:?}");
    let (mut rows_in, mut numbers_in, mut rows_read, mut numbers_read) = (0, 0, 0, 0);
    for path in &files {
        let (table, header, rows) = read(path);
        assert!(table.problems.is_empty(), "{}: {:?}", path.display(), table.problems);
        let value = header.iter().position(|h| h == "Value").expect("a Value column");
        rows_in += rows.len();
        numbers_in += rows.iter().filter(|r| r[value].trim().parse::<f64>().is_ok()).count();
        rows_read += table.observations.len();
        numbers_read += table.numeric_values();
        // Each number arrives unchanged, in the row it was published in.
        for (row, observation) in rows.iter().zip(&table.observations) {
            assert_eq!(row[value].trim().parse::<f64>().ok(), observation.value, "{}", path.display());
        }
    }
    assert_eq!((rows_in, numbers_in), (290, 289), "the fixture as described in its README");
    assert_eq!((rows_read, numbers_read), (rows_in, numbers_in), "every row and number read");
}

#[test]
fn negative_values_units_dimensions_and_notes_arrive() {
    let files = fixture_files();
    let find = |name: &str| read(files.iter().find(|p| p.ends_with(name)).expect("a fixture file")).0;

    let budget = find("kz/indicator_10-5-1.csv");
    assert!(budget.observations.iter().any(|o| o.value == Some(-527264178.8)));

    let investment = find("kz/indicator_17-3-1-2.csv");
    let units: std::collections::BTreeSet<_> =
        investment.observations.iter().filter_map(|o| o.units.as_deref()).collect();
    assert_eq!(units.into_iter().collect::<Vec<_>>(), ["млн.долл.США", "процент"]);
    assert_eq!(investment.columns_with(Role::Attribute).map(|c| c.header.as_str()).collect::<Vec<_>>(), ["GeoCode"]);

    let preschool = find("kz/indicator_4-2-1.csv");
    assert_eq!(preschool.columns_with(Role::Dimension).count(), 7);
    assert_eq!(preschool.observations.iter().filter(|o| o.is_headline()).count(), 2, "2010 and 2015 totals");

    let kyrgyz = find("kg/indicator_9-2-2.csv");
    let attributes: Vec<_> = kyrgyz.columns_with(Role::Attribute).map(|c| c.header.as_str()).collect();
    assert_eq!(attributes, ["Observation status", "Unit multiplier"]);
    assert!(kyrgyz.observations.iter().all(|o| o.attributes[0].as_deref() == Some("Normal value")));
    assert_eq!(kyrgyz.observations.len() - kyrgyz.numeric_values(), 1, "the one blank Value is kept as a gap");
    assert_eq!(kyrgyz.observations[0].units.as_deref(), Some("Percent"));
}

/// The fixture as a site, the way `benches/open_sdg.py convert` makes one from a whole repository:
/// a plan over the SDG period, an indicator file per CSV (name, and unit from its first unit cell),
/// each CSV copied unchanged into `content/data/`.
fn fixture_site() -> TestSite {
    let site = TestSite::fixture("minimal");
    site.write("content/plans/sdg.yaml", SDG_PLAN);
    for path in fixture_files() {
        let name = path.file_name().unwrap().to_str().unwrap();
        let id = name.trim_start_matches("indicator_").trim_end_matches(".csv");
        let (_, header, rows) = read(&path);
        let units = header.iter().position(|h| h == "Units" || h == "Unit measure");
        let unit = units.and_then(|u| rows.iter().map(|r| r[u].trim()).find(|t| !t.is_empty())).unwrap_or_default();
        let indicator = format!(
            "id: {id}\nplan: sdg\ngoal: goal-{}\nname: {{zh: \"Indicator {id}\", en: \"Indicator {id}\"}}\n\
             unit: {{zh: \"{unit}\", en: \"{unit}\"}}\ndirection: increase\nkind: expected\nunbounded: true\n",
            id.split('-').next().unwrap()
        );
        site.write(&format!("content/indicators/{id}.yaml"), &indicator);
        site.write(&format!("content/data/{name}"), &std::fs::read_to_string(&path).unwrap());
    }
    site
}

const SDG_PLAN: &str = "\
id: sdg
title: {zh: 可持续发展目标, en: Sustainable Development Goals}
issuer: {zh: 测试统计局, en: Test Statistics Office}
written: 2015-01-01
published: 2015-01-01
period: {start: 2015, end: 2030}
validity: in_force
summary: {zh: 开放数据。, en: Open data.}
goals:
  - {id: goal-1, title: {zh: 目标1, en: Goal 1}}
  - {id: goal-2, title: {zh: 目标2, en: Goal 2}}
  - {id: goal-4, title: {zh: 目标4, en: Goal 4}}
  - {id: goal-9, title: {zh: 目标9, en: Goal 9}}
  - {id: goal-10, title: {zh: 目标10, en: Goal 10}}
  - {id: goal-17, title: {zh: 目标17, en: Goal 17}}
";

/// How many times each number (its bits) occurs.
fn tally(numbers: impl Iterator<Item = f64>) -> HashMap<u64, usize> {
    let mut tally = HashMap::new();
    for number in numbers {
        *tally.entry(number.to_bits()).or_default() += 1;
    }
    tally
}

/// The numbers of the page's table cells, as shown (`-527,264,178.8`, `60<sup>1</sup>`).
fn page_numbers(page: &str) -> impl Iterator<Item = f64> + '_ {
    page.split("<td>").skip(1).filter_map(|cell| cell.split('<').next()?.replace(',', "").trim().parse().ok())
}

#[test]
fn the_fixture_builds_with_every_number_on_its_pages_and_in_its_downloads() {
    let site = fixture_site();
    assert_success(&site.build());
    let mut numbers = 0;
    for path in fixture_files() {
        let id = path.file_stem().unwrap().to_str().unwrap().trim_start_matches("indicator_");
        let (_, header, rows) = read(&path);
        let (year, value) = (0, header.iter().position(|h| h == "Value").unwrap());
        let published: Vec<(&str, f64)> =
            rows.iter().filter_map(|r| Some((r[year].trim(), r[value].trim().parse().ok()?))).collect();
        numbers += published.len();

        // The download: one row per figure, the same year and value.
        let download = std::fs::read_to_string(site.public().join(format!("data/figures/{id}.csv"))).unwrap();
        let mut reader = csv::Reader::from_reader(download.trim_start_matches('\u{feff}').as_bytes());
        let columns = reader.headers().unwrap().clone();
        let at = |name: &str| columns.iter().position(|c| c == name).unwrap();
        let (year_at, value_at) = (at("年度 / Year"), at("数值 / Value"));
        let mut downloaded: Vec<(String, f64)> = reader
            .records()
            .map(|r| r.unwrap())
            .filter_map(|r| Some((r[year_at].to_string(), r[value_at].parse().ok()?)))
            .collect();
        let mut expected: Vec<(String, f64)> = published.iter().map(|(y, v)| (y.to_string(), *v)).collect();
        let order = |a: &(String, f64), b: &(String, f64)| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1));
        downloaded.sort_by(order);
        expected.sort_by(order);
        assert_eq!(downloaded, expected, "{id}: every figure in the download, once");

        // The page: each number in a table cell at least as often as the file publishes it.
        let page = site.page(&format!("indicators/{id}/index.html"));
        let shown = tally(page_numbers(&page));
        for (bits, count) in tally(published.iter().map(|p| p.1)) {
            let on_page = shown.get(&bits).copied().unwrap_or(0);
            assert!(on_page >= count, "{id}: {} published {count} times, shown {on_page}", f64::from_bits(bits));
        }
    }
    assert_eq!(numbers, 289, "every numeric value of the fixture checked");
}
