//! The data section of an indicator page: every series, and in each every breakdown as a table
//! (one row per combination of dimension values, one column per period) and as charts (one line
//! per row, at most [`LINES_PER_CHART`] to a chart, so that a breakdown of many rows becomes small
//! multiples). Notes that vary from figure to figure become numbered footnotes; a note that every
//! figure of a series shares is said once.
//!
//! Rows carry their dimension values (`data-key`) and each series its values as a form, hidden
//! until `disaggregation.js` wires it up: without JavaScript every table and chart is on the page.

use std::collections::HashMap;

use serde::Serialize;

use crate::i18n::Text;
use crate::model::Indicator;
use crate::model::statistics::{Breakdown, Observation, Period, Series};
use crate::render::charts::{self, Line, LinePoint};
use crate::render::views::Views;

/// A chart with more lines than this is hard to tell apart: the rows continue in the next chart.
pub const LINES_PER_CHART: usize = 8;

#[derive(Serialize)]
pub struct DataView {
    pub series: Vec<SeriesView>,
    /// Whether any series has dimensions, so that the page loads the selector's script.
    pub selectable: bool,
}

#[derive(Serialize)]
pub struct SeriesView {
    /// The HTML id of the series' section.
    id: String,
    name: Text,
    unit: Text,
    /// Notes every figure of the series shares (`Observation status: Normal value`).
    notes: Vec<String>,
    dimensions: Vec<DimensionView>,
    breakdowns: Vec<BreakdownView>,
    /// Numbered notes that vary from figure to figure; cells refer to them by number.
    footnotes: Vec<Text>,
}

#[derive(Serialize)]
struct DimensionView {
    index: usize,
    name: Text,
    values: Vec<Text>,
}

#[derive(Serialize)]
struct BreakdownView {
    id: String,
    /// The dimensions broken down by, as indices joined with commas (`""` for the totals).
    dims: String,
    title: String,
    /// The dimension columns' headers.
    headers: Vec<Text>,
    /// Per period: its label and whether a target column goes before it.
    periods: Vec<PeriodView>,
    rows: Vec<RowView>,
    charts: Vec<String>,
}

#[derive(Serialize)]
struct PeriodView {
    label: String,
    targets: bool,
}

#[derive(Serialize)]
struct RowView {
    /// The value index per dimension of the series, `-` for the total (`0,-,3`).
    key: String,
    labels: Vec<Text>,
    cells: Vec<Cell>,
}

#[derive(Serialize, Default)]
struct Cell {
    value: Option<String>,
    target: Option<String>,
    sample: bool,
    /// Footnote numbers.
    notes: Vec<usize>,
}

/// The data section, or `None` when the year table above already shows every figure.
pub fn data(views: &Views, indicator: &Indicator) -> Option<DataView> {
    let statistics = &indicator.statistics;
    let plain = |s: &Series| {
        s.dimensions.is_empty()
            && s.attributes.is_empty()
            && s.observations.iter().all(|o| o.period.start == o.period.end && o.target.is_none())
    };
    if statistics.series.len() <= 1 && statistics.series.iter().all(plain) {
        return None;
    }
    let series: Vec<SeriesView> =
        statistics.series.iter().enumerate().map(|(index, s)| series_view(views, index, s)).collect();
    let selectable = series.iter().any(|s| !s.dimensions.is_empty());
    Some(DataView { series, selectable })
}

fn series_view(views: &Views, index: usize, series: &Series) -> SeriesView {
    let id = format!("series-{}", index + 1);
    let mut notes = Notes::new(views, series);
    let dimensions = series
        .dimensions
        .iter()
        .enumerate()
        .map(|(index, d)| DimensionView {
            index,
            name: views.text(&d.name),
            values: d.values.iter().map(|v| views.text(&v.name)).collect(),
        })
        .collect();
    let unit = views.text(&series.unit);
    let breakdowns = series
        .breakdowns()
        .map(|(breakdown, observations)| {
            breakdown_view(views, series, &id, &unit.text, &breakdown, observations, &mut notes)
        })
        .collect();
    SeriesView {
        id,
        name: views.text(&series.name),
        unit,
        notes: notes.shared,
        dimensions,
        breakdowns,
        footnotes: notes.footnotes,
    }
}

/// The notes of a series: those every figure shares, said once, and the numbered others.
struct Notes<'v, 'a> {
    views: &'v Views<'a>,
    shared: Vec<String>,
    /// Attributes that vary, by index.
    varying: Vec<bool>,
    numbers: HashMap<NoteKey, usize>,
    footnotes: Vec<Text>,
}

#[derive(Hash, PartialEq, Eq)]
enum NoteKey {
    Attribute(usize, u32),
    Note(String),
    Source(String),
}

impl<'v, 'a> Notes<'v, 'a> {
    fn new(views: &'v Views<'a>, series: &Series) -> Self {
        let mut shared = Vec::new();
        let mut varying = Vec::new();
        for (index, attribute) in series.attributes.iter().enumerate() {
            let everywhere = series.observations.iter().all(|o| o.attributes.get(index).copied().flatten() == Some(0));
            if attribute.texts.len() == 1 && everywhere {
                shared.push(format!("{}{}{}", attribute.name, views.t("data_note_separator"), attribute.texts[0]));
            }
            varying.push(!(attribute.texts.len() == 1 && everywhere));
        }
        Notes { views, shared, varying, numbers: HashMap::new(), footnotes: Vec::new() }
    }

    fn number(&mut self, key: NoteKey, text: impl FnOnce() -> Text) -> usize {
        if let Some(number) = self.numbers.get(&key) {
            return *number;
        }
        self.footnotes.push(text());
        let number = self.footnotes.len();
        self.numbers.insert(key, number);
        number
    }

    /// The footnote numbers of a figure.
    fn of(&mut self, series: &Series, observation: &Observation) -> Vec<usize> {
        let mut numbers = Vec::new();
        for (index, text) in observation.attributes.iter().enumerate() {
            let Some(text) = text else { continue };
            if !self.varying[index] {
                continue;
            }
            let attribute = &series.attributes[index];
            let separator = self.views.t("data_note_separator");
            let lang = self.views.lang.tag();
            numbers.push(self.number(NoteKey::Attribute(index, *text), || Text {
                text: format!("{}{separator}{}", attribute.name, attribute.texts[*text as usize]),
                lang,
                fallback: false,
            }));
        }
        let views = self.views;
        if let Some(note) = &observation.note {
            numbers.push(self.number(NoteKey::Note(note.first().to_string()), || views.text(note)));
        }
        if let Some(source) = &observation.source {
            numbers.push(self.number(NoteKey::Source(source.first().to_string()), || {
                let mut text = views.text(source);
                text.text = format!("{}{}", views.t("source_label"), text.text);
                text
            }));
        }
        numbers
    }
}

fn breakdown_view(
    views: &Views,
    series: &Series,
    series_id: &str,
    unit: &str,
    breakdown: &Breakdown,
    observations: &[Observation],
    notes: &mut Notes,
) -> BreakdownView {
    let mut periods: Vec<&Period> = observations.iter().map(|o| &o.period).collect();
    periods.sort_unstable();
    periods.dedup();
    let column: HashMap<&Period, usize> = periods.iter().enumerate().map(|(i, p)| (*p, i)).collect();
    let mut with_targets = vec![false; periods.len()];
    let mut rows = Vec::new();
    let mut lines = Vec::new();
    for row in observations.chunk_by(|a, b| a.key == b.key) {
        let key = &row[0].key;
        let mut cells: Vec<Cell> = periods.iter().map(|_| Cell::default()).collect();
        let mut points = Vec::new();
        for observation in row {
            let at = column[&observation.period];
            let cell = &mut cells[at];
            if let Some(value) = observation.value {
                cell.value = Some(views.style().published(value, series.decimals, observation.written_decimals));
                let label = observation.period.to_string();
                points.push(LinePoint { time: observation.period.time(), label, value, sample: observation.sample });
            }
            if let Some(target) = observation.target {
                with_targets[at] = true;
                cell.target = Some(views.style().published(
                    target,
                    series.decimals,
                    crate::model::statistics::decimals_of(target),
                ));
            }
            cell.sample = views.sample(observation.sample && observation.value.is_some());
            cell.notes = notes.of(series, observation);
        }
        let labels: Vec<Text> = breakdown
            .0
            .iter()
            .map(|d| views.text(&series.dimensions[*d].values[key[*d].unwrap_or(0) as usize].name))
            .collect();
        let label = labels.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join(" · ");
        let key_text = key.iter().map(|v| v.map_or("-".to_string(), |v| v.to_string())).collect::<Vec<_>>().join(",");
        lines.push(Line {
            label: if label.is_empty() { views.t("data_total") } else { label },
            key: key_text.clone(),
            points,
        });
        rows.push(RowView { key: key_text, labels, cells });
    }
    let dims = breakdown.0.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(",");
    let id = format!("{series_id}-by-{}", if dims.is_empty() { "total".to_string() } else { dims.replace(',', "-") });
    let title = breakdown_title(views, series, breakdown);
    let chart_title = format!("{} · {}", views.text(&series.name).text, title);
    let charts = lines
        .chunks(LINES_PER_CHART)
        .enumerate()
        .map(|(n, chunk)| {
            let labels = charts::LineLabels {
                id: &format!("{id}-chart-{}", n + 1),
                title: &chart_title,
                description: &views.t("data_chart_description"),
                unit,
                sample: &views.t("sample_label"),
                style: views.style(),
            };
            charts::lines_chart(chunk, &labels)
        })
        .collect();
    BreakdownView {
        id,
        dims,
        title,
        headers: breakdown.0.iter().map(|d| views.text(&series.dimensions[*d].name)).collect(),
        periods: periods
            .iter()
            .zip(with_targets)
            .map(|(p, targets)| PeriodView { label: p.to_string(), targets })
            .collect(),
        rows,
        charts,
    }
}

/// `合计`, `按性别`, `按性别、年龄` / `Total`, `By sex`, `By sex and age`.
fn breakdown_title(views: &Views, series: &Series, breakdown: &Breakdown) -> String {
    if breakdown.0.is_empty() {
        return views.t("data_total");
    }
    let names: Vec<String> = breakdown.0.iter().map(|d| views.text(&series.dimensions[*d].name).text).collect();
    let joined = match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            format!("{}{}{last}", rest.join(&views.t("data_list_separator")), views.t("data_last_separator"))
        }
        _ => names.join(""),
    };
    format!("{}{joined}", views.t("data_by"))
}
