//! The Open SDG fixture (tests/fixtures/open-sdg/, real data from open-sdg/open-sdg-data-starter)
//! read with the tidy reader: every row and every published number arrives, dimensions, units and
//! notes included; and built end to end as a site, every number on its page and in its download.

mod common;

use std::path::Path;

use common::assert_success;
use common::open_sdg::{assert_every_number_built, fixture_files, indicator_site, records};

use gongkai::content::tidy::{self, Role, TidyTable};

fn read(path: &Path) -> (TidyTable, csv::StringRecord, Vec<csv::StringRecord>) {
    let text = std::fs::read_to_string(path).expect("a UTF-8 fixture");
    let (header, rows) = records(path);
    (tidy::read_csv(&text, path), header, rows)
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

/// The fixture as a site: each CSV copied unchanged into `content/data/`.
#[test]
fn the_fixture_builds_with_every_number_on_its_pages_and_in_its_downloads() {
    let site = indicator_site();
    for path in fixture_files() {
        let name = path.file_name().unwrap().to_str().unwrap();
        site.write(&format!("content/data/{name}"), &std::fs::read_to_string(&path).unwrap());
    }
    assert_success(&site.build());
    let numbers: usize = fixture_files().iter().map(|path| assert_every_number_built(&site, path)).sum();
    assert_eq!(numbers, 289, "every numeric value of the fixture checked");
}
