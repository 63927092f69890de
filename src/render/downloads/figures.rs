//! Every figure of an indicator, every series, dimension and note: as a tidy CSV in the layout it
//! can be read back from (`data/figures/<id>.csv`, named after the indicator like a tidy data file),
//! and as the `series` of the indicator's JSON record.

use std::collections::BTreeMap;

use serde::Serialize;

use super::columns::Columns;
use super::text;
use crate::i18n::Localized;
use crate::model::Indicator;
use crate::model::statistics::{Dimension, Observation, Series};

pub fn path(indicator: &Indicator) -> String {
    format!("{}figures/{}.csv", super::DIR, indicator.id)
}

/// A series as the JSON download shows it.
#[derive(Serialize)]
pub struct SeriesRecord {
    /// Empty for the indicator's own series.
    id: String,
    name: Localized,
    unit: Localized,
    decimals: Option<u8>,
    dimensions: Vec<DimensionRecord>,
    observations: Vec<ObservationRecord>,
}

#[derive(Serialize)]
struct DimensionRecord {
    id: String,
    name: Localized,
    total: Localized,
    values: Vec<ValueRecord>,
}

#[derive(Serialize)]
struct ValueRecord {
    id: String,
    name: Localized,
}

#[derive(Serialize)]
struct ObservationRecord {
    period: String,
    /// Dimension id → value id; a dimension at its total is left out.
    dimensions: BTreeMap<String, String>,
    value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<f64>,
    sample: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<Localized>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<Localized>,
    /// Attribute name → text.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    attributes: BTreeMap<String, String>,
}

pub fn records(indicator: &Indicator) -> Vec<SeriesRecord> {
    indicator.statistics.series.iter().map(series_record).collect()
}

fn series_record(series: &Series) -> SeriesRecord {
    SeriesRecord {
        id: series.id.clone(),
        name: series.name.clone(),
        unit: series.unit.clone(),
        decimals: series.decimals,
        dimensions: series
            .dimensions
            .iter()
            .map(|d| DimensionRecord {
                id: d.id.clone(),
                name: d.name.clone(),
                total: d.total.clone(),
                values: d.values.iter().map(|v| ValueRecord { id: v.id.clone(), name: v.name.clone() }).collect(),
            })
            .collect(),
        observations: series
            .observations
            .iter()
            .map(|o| ObservationRecord {
                period: o.period.to_string(),
                dimensions: o
                    .key
                    .iter()
                    .zip(&series.dimensions)
                    .filter_map(|(v, d)| v.map(|v| (d.id.clone(), d.values[v as usize].id.clone())))
                    .collect(),
                value: o.value,
                target: o.target,
                sample: o.sample,
                note: o.note.clone(),
                source: o.source.clone(),
                attributes: o
                    .attributes
                    .iter()
                    .zip(&series.attributes)
                    .filter_map(|(t, a)| t.map(|t| (a.name.clone(), a.texts[t as usize].clone())))
                    .collect(),
            })
            .collect(),
    }
}

/// A dimension's column header: `性别 / Sex`, or its one name.
fn header(name: &Localized) -> String {
    let mut texts: Vec<&str> = Vec::new();
    for (_, text) in name.texts() {
        if !text.trim().is_empty() && !texts.contains(&text.trim()) {
            texts.push(text.trim());
        }
    }
    texts.join(" / ")
}

/// The tidy CSV: `Year`, `Series`, `Units`, one column per dimension (blank is the total),
/// `Value`, then target, sample flag, note, source and each attribute, as far as any figure has
/// them. UTF-8 with a byte-order mark, like the other downloads.
pub fn csv(columns: &Columns, indicator: &Indicator) -> Vec<u8> {
    let all = &indicator.statistics.series;
    // Dimensions by id across series, in order of first appearance.
    let mut dimensions: Vec<&Dimension> = Vec::new();
    for dimension in all.iter().flat_map(|s| &s.dimensions) {
        if dimensions.iter().all(|d| d.id != dimension.id) {
            dimensions.push(dimension);
        }
    }
    let mut attributes: Vec<&str> = Vec::new();
    for attribute in all.iter().flat_map(|s| &s.attributes) {
        if !attributes.contains(&attribute.name.as_str()) {
            attributes.push(&attribute.name);
        }
    }
    let observations = || all.iter().flat_map(|s| s.observations.iter());
    let has = |test: fn(&Observation) -> bool| observations().any(test);
    let (targets, notes, sources) =
        (has(|o| o.target.is_some()), has(|o| o.note.is_some()), has(|o| o.source.is_some()));
    let mut headers = columns.headers(&[("年度", "Year"), ("系列", "Series"), ("单位", "Units")]);
    headers.extend(dimensions.iter().map(|d| header(&d.name)));
    headers.push(columns.header(("数值", "Value")));
    headers.extend(targets.then(|| columns.header(("目标", "Target"))));
    headers.push(columns.header(("示例数据", "Sample")));
    headers.extend(notes.then(|| columns.header(("备注", "Note"))));
    headers.extend(sources.then(|| columns.header(("来源", "Source"))));
    headers.extend(attributes.iter().map(|a| text(a)));
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    writer.write_record(&headers).expect("writing to memory cannot fail");
    let mut row: Vec<String> = Vec::with_capacity(headers.len());
    for series in all {
        // The indicator's own series has no name of its own: a blank `Series` reads back into it.
        let name = if series.id.is_empty() { String::new() } else { text(series.name.first()) };
        let dimension_of: Vec<Option<usize>> =
            dimensions.iter().map(|d| series.dimensions.iter().position(|s| s.id == d.id)).collect();
        let attribute_of: Vec<Option<usize>> =
            attributes.iter().map(|a| series.attributes.iter().position(|s| s.name == *a)).collect();
        for o in &series.observations {
            row.clear();
            row.push(o.period.to_string());
            row.push(name.clone());
            row.push(text(series.unit.first()));
            for at in &dimension_of {
                let value =
                    at.and_then(|d| o.key[d].map(|v| text(series.dimensions[d].values[v as usize].name.first())));
                row.push(value.unwrap_or_default());
            }
            row.push(
                o.value.map(|v| plain_number(v, series.decimals.unwrap_or(o.written_decimals))).unwrap_or_default(),
            );
            if targets {
                row.push(o.target.map(|t| t.to_string()).unwrap_or_default());
            }
            row.push(o.sample.to_string());
            if notes {
                row.push(o.note.as_ref().map(|n| text(n.first())).unwrap_or_default());
            }
            if sources {
                row.push(o.source.as_ref().map(|s| text(s.first())).unwrap_or_default());
            }
            for at in &attribute_of {
                let value = at.and_then(|a| o.attributes[a].map(|t| text(&series.attributes[a].texts[t as usize])));
                row.push(value.unwrap_or_default());
            }
            writer.write_record(&row).expect("writing to memory cannot fail");
        }
    }
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(writer.into_inner().expect("writing to memory cannot fail"));
    bytes
}

/// A figure with the decimals it was published with, without grouping, so that it reads back.
fn plain_number(value: f64, decimals: u8) -> String {
    let places = usize::from(decimals);
    format!("{value:.places$}")
}
