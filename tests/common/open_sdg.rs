//! The Open SDG fixture (tests/fixtures/open-sdg/) as files and as a site, and the check that every
//! number of a file reaches its indicator's page and download.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::TestSite;

/// The fixture's CSV files, by path.
pub fn fixture_files() -> Vec<PathBuf> {
    let root = super::repo().join("tests/fixtures/open-sdg");
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&root)
        .into_iter()
        .map(|entry| entry.expect("a readable fixture").into_path())
        .filter(|path| path.extension().is_some_and(|e| e == "csv"))
        .collect();
    files.sort();
    files
}

/// The indicator a fixture file is for: `indicator_4-2-1.csv` → `4-2-1`.
pub fn id_of(path: &Path) -> &str {
    path.file_stem().unwrap().to_str().unwrap().trim_start_matches("indicator_")
}

/// A fixture file's header and rows, as Python's `csv` module would read them.
pub fn records(path: &Path) -> (csv::StringRecord, Vec<csv::StringRecord>) {
    let text = std::fs::read_to_string(path).expect("a UTF-8 fixture");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().expect("a header").clone();
    let rows = reader.records().map(|r| r.expect("a CSV row")).collect();
    (header, rows)
}

/// The minimal site with a plan over the SDG period and an indicator file per fixture CSV (name,
/// and unit from its first unit cell), the way `benches/open_sdg.py convert` makes one; no data.
pub fn indicator_site() -> TestSite {
    let site = TestSite::fixture("minimal");
    site.write("content/plans/sdg.yaml", SDG_PLAN);
    for path in fixture_files() {
        let id = id_of(&path);
        let (header, rows) = records(&path);
        let units = header.iter().position(|h| h == "Units" || h == "Unit measure");
        let unit = units.and_then(|u| rows.iter().map(|r| r[u].trim()).find(|t| !t.is_empty())).unwrap_or_default();
        let indicator = format!(
            "id: {id}\nplan: sdg\ngoal: goal-{}\nname: {{zh: \"Indicator {id}\", en: \"Indicator {id}\"}}\n\
             unit: {{zh: \"{unit}\", en: \"{unit}\"}}\ndirection: increase\nkind: expected\nunbounded: true\n",
            id.split('-').next().unwrap()
        );
        site.write(&format!("content/indicators/{id}.yaml"), &indicator);
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

/// Asserts that every number of the fixture file `path` is in the built site: once in its
/// indicator's CSV download (same year), and in a table cell of its page at least as often as the
/// file publishes it. Returns how many numbers were checked.
pub fn assert_every_number_built(site: &TestSite, path: &Path) -> usize {
    let id = id_of(path);
    let (header, rows) = records(path);
    let (year, value) = (0, header.iter().position(|h| h == "Value").unwrap());
    let published: Vec<(&str, f64)> =
        rows.iter().filter_map(|r| Some((r[year].trim(), r[value].trim().parse().ok()?))).collect();

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

    let page = site.page(&format!("indicators/{id}/index.html"));
    let shown = tally(page_numbers(&page));
    for (bits, count) in tally(published.iter().map(|p| p.1)) {
        let on_page = shown.get(&bits).copied().unwrap_or(0);
        assert!(on_page >= count, "{id}: {} published {count} times, shown {on_page}", f64::from_bits(bits));
    }
    published.len()
}
