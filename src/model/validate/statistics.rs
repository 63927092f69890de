//! An indicator's figures as [`Statistics`]: its own figures (from its YAML file and from sheets)
//! and its YAML breakdown are the one-series case; the rows of its tidy data files are matched to a
//! series (by their `Series` and `Units` cells) and to the values of its dimensions (by their
//! column's header and their text).
//!
//! Declared series and dimensions (the indicator file's `series` and `dimensions`) give names in
//! every language and the order of values; a data file's series, dimension or value that is not
//! declared is shown as written. Only in a declared dimension is an unknown value an error: there it
//! is almost always a typing slip.

use std::collections::HashMap;
use std::path::Path;

use crate::content::indicator::IndicatorFile;
use crate::content::table;
use crate::content::tidy::{self, Role, TidyTable};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::i18n::Localized;
use crate::model::statistics::{
    Attribute, Dimension, DimensionValue, Observation, Period, Series, Statistics, decimals_of,
};
use crate::model::{Actual, Breakdown};
use crate::progress::Measure;

mod project;
mod texts;

use project::project;
use texts::{as_written, default_total, names_of};

/// An indicator's figures, gathered from everywhere they are written.
pub(super) struct Sources<'a> {
    pub record: &'a IndicatorFile,
    pub file: &'a Path,
    /// Figures of the indicator file and of sheets, checked, each with where it was written.
    pub figures: Vec<(Actual, Location)>,
    pub breakdown: Option<&'a Breakdown>,
    pub tables: Vec<&'a TidyTable>,
}

/// What the figures come to.
pub(super) struct Figures {
    pub statistics: Statistics,
    /// The figures by year: the qualitative ones, and the totals of the headline series.
    pub actuals: Vec<Actual>,
}

pub(super) fn figures(sources: Sources, diagnostics: &mut Diagnostics) -> Figures {
    let mut builder = Builder::new(sources.record, sources.file, diagnostics);
    let mut qualitative = Vec::new();
    for (actual, at) in sources.figures {
        match actual.measure {
            Measure::Value(value) => builder.add_own(&actual, value, at),
            Measure::Status(_) => qualitative.push((actual, at)),
        }
    }
    if let Some(breakdown) = sources.breakdown {
        builder.add_breakdown(breakdown, sources.file);
    }
    for table in sources.tables {
        builder.add_table(table);
    }
    let statistics = builder.finish();
    let mut actuals = headline_actuals(&statistics);
    for (actual, at) in qualitative {
        if actuals.iter().any(|a| a.year == actual.year) {
            let what = format!("the {} figure", actual.year);
            diagnostics.push(table::given_twice(what, at, &Location::file(sources.file)));
            continue;
        }
        actuals.push(actual);
    }
    actuals.sort_by_key(|a| a.year);
    Figures { statistics, actuals }
}

/// The totals of the headline series, one per year: a figure for a period counts for the year it
/// ends in, unless that year has a figure of its own.
fn headline_actuals(statistics: &Statistics) -> Vec<Actual> {
    let mut by_year: Vec<(Actual, Period)> = Vec::new();
    for observation in statistics.headline().into_iter().flat_map(Series::totals) {
        let Some(value) = observation.value else { continue };
        if !observation.period.is_whole_years() {
            continue; // a quarter's figure is not the year's
        }
        let year = observation.period.report_year();
        let actual = Actual {
            year,
            measure: Measure::Value(value),
            sample: observation.sample,
            source: observation.source.clone(),
            note: observation.note.clone(),
            decimals: observation.written_decimals,
        };
        match by_year.iter_mut().find(|(a, _)| a.year == year) {
            Some(existing)
                if existing.1.start != existing.1.end && observation.period.start == observation.period.end =>
            {
                *existing = (actual, observation.period.clone())
            }
            Some(_) => {}
            None => by_year.push((actual, observation.period.clone())),
        }
    }
    by_year.into_iter().map(|(actual, _)| actual).collect()
}

struct DimensionBuild {
    dimension: Dimension,
    declared: bool,
    /// The normalised id and names of the dimension, to match a column's header.
    names: Vec<String>,
    /// The normalised id and names of each value → its index; of the total → `None`.
    lookup: HashMap<String, Option<u32>>,
}

impl DimensionBuild {
    fn new(dimension: Dimension, declared: bool) -> Self {
        let mut lookup = HashMap::new();
        // In an undeclared dimension only a blank cell is the total, as in Open SDG data.
        for name in names_of(None, &dimension.total).into_iter().filter(|_| declared) {
            lookup.insert(name, None);
        }
        for (index, value) in dimension.values.iter().enumerate() {
            for name in names_of(Some(&value.id), &value.name) {
                lookup.entry(name).or_insert(Some(index as u32));
            }
        }
        let names = names_of(Some(&dimension.id), &dimension.name);
        DimensionBuild { dimension, declared, names, lookup }
    }

    /// The value a cell names, added to an undeclared dimension when new. A declared value matches
    /// whatever its case and spacing; an undeclared one is its text exactly, so that two spellings
    /// an office published stay two.
    fn value_of(&mut self, text: &str) -> Result<Option<u32>, ()> {
        let key = if self.declared { tidy::normalise(text) } else { text.trim().to_string() };
        if let Some(found) = self.lookup.get(&key) {
            return Ok(*found);
        }
        if self.declared {
            return Err(());
        }
        let index = self.dimension.values.len() as u32;
        let name = as_written(text);
        self.dimension.values.push(DimensionValue { id: format!("v{}", index + 1), name });
        self.lookup.insert(key, Some(index));
        Ok(Some(index))
    }
}

struct SeriesBuild {
    series: Series,
    /// The normalised id and names that a `Series` cell may give.
    names: Vec<String>,
    /// The normalised names of its unit, which a `Units` cell may give.
    units: Vec<String>,
    /// For a series a data file introduced: its `Series` and `Units` texts as written.
    texts: Option<(Option<String>, Option<String>)>,
    /// A percentage that must lie in 0–100.
    share: bool,
}

struct AttributeBuild {
    name: String,
    texts: Vec<String>,
    lookup: HashMap<String, u32>,
}

/// Where a figure was given and what it is.
struct Seen {
    /// In an indicator file or a sheet; `None` for a data file's row, at `row`.
    at: Option<Location>,
    row: (usize, crate::content::grid::At),
    /// Its index among its series' observations.
    index: usize,
}

/// The row of a figure that no data file gave.
const NO_ROW: (usize, crate::content::grid::At) = (usize::MAX, crate::content::grid::At { line: 0, column: 0 });

struct Builder<'a> {
    record: &'a IndicatorFile,
    /// The data files' tables added so far, which locate their rows.
    tables: Vec<&'a TidyTable>,
    diagnostics: &'a mut Diagnostics,
    dimensions: Vec<DimensionBuild>,
    series: Vec<SeriesBuild>,
    attributes: Vec<AttributeBuild>,
    /// Each figure given so far, by series, period and key (without trailing totals).
    seen: HashMap<(usize, Period, Vec<Option<u32>>), Seen>,
}

fn share(unit: &Localized, unbounded: bool) -> bool {
    unit.any_is("%") && !unbounded
}

/// A key without the totals at its end, so that keys made before and after a dimension was added
/// compare equal.
fn trimmed(mut key: Vec<Option<u32>>) -> Vec<Option<u32>> {
    while key.last() == Some(&None) {
        key.pop();
    }
    key
}

impl<'a> Builder<'a> {
    fn new(record: &'a IndicatorFile, file: &Path, diagnostics: &'a mut Diagnostics) -> Self {
        let own = Series {
            id: String::new(),
            name: record.name.clone(),
            unit: record.unit.clone(),
            decimals: record.decimals,
            dimensions: Vec::new(),
            attributes: Vec::new(),
            observations: Vec::new(),
        };
        let own = SeriesBuild {
            names: Vec::new(),
            units: names_of(None, &record.unit),
            texts: None,
            share: share(&record.unit, record.unbounded),
            series: own,
        };
        let mut builder = Builder {
            record,
            tables: Vec::new(),
            diagnostics,
            dimensions: Vec::new(),
            series: vec![own],
            attributes: Vec::new(),
            seen: HashMap::new(),
        };
        builder.declare(file);
        builder
    }

    /// The series and dimensions the indicator file declares.
    fn declare(&mut self, file: &Path) {
        for declared in &self.record.series {
            let s = &declared.value;
            if s.id.value.is_empty() || self.series.iter().any(|b| b.series.id == s.id.value) {
                self.diagnostics.push(
                    Diagnostic::error(s.id.location(file), format!("a second series `{}`", s.id.value))
                        .with_hint("give each series of an indicator its own id"),
                );
                continue;
            }
            let series = Series {
                id: s.id.value.clone(),
                name: s.name.clone(),
                unit: s.unit.clone(),
                decimals: s.decimals.or(self.record.decimals),
                dimensions: Vec::new(),
                attributes: Vec::new(),
                observations: Vec::new(),
            };
            self.series.push(SeriesBuild {
                names: names_of(Some(&s.id.value), &s.name),
                units: names_of(None, &s.unit),
                texts: None,
                share: share(&s.unit, s.unbounded || self.record.unbounded),
                series,
            });
        }
        for declared in &self.record.dimensions {
            let d = &declared.value;
            if self.dimensions.iter().any(|b| b.dimension.id == d.id.value) {
                self.diagnostics.push(
                    Diagnostic::error(d.id.location(file), format!("a second dimension `{}`", d.id.value))
                        .with_hint("give each dimension of an indicator its own id"),
                );
                continue;
            }
            let mut values: Vec<DimensionValue> = Vec::new();
            for value in &d.values {
                if values.iter().any(|v| v.id == value.id) {
                    self.diagnostics.push(
                        Diagnostic::error(
                            declared.location(file),
                            format!("dimension `{}` lists the value `{}` twice", d.id.value, value.id),
                        )
                        .with_hint("list each value once"),
                    );
                    continue;
                }
                values.push(DimensionValue { id: value.id.clone(), name: value.name.clone() });
            }
            let total = d.total.clone().unwrap_or_else(default_total);
            let dimension = Dimension { id: d.id.value.clone(), name: d.name.clone(), values, total };
            self.dimensions.push(DimensionBuild::new(dimension, true));
        }
    }

    /// A figure of the indicator file or of a sheet: the own series' total for its year.
    fn add_own(&mut self, actual: &Actual, value: f64, at: Location) {
        let period = Period::year(actual.year);
        let index = self.series[0].series.observations.len();
        self.seen.insert((0, period.clone(), Vec::new()), Seen { at: Some(at), row: NO_ROW, index });
        self.series[0].series.observations.push(Observation {
            period,
            key: Vec::new(),
            value: Some(value),
            written_decimals: actual.decimals,
            target: None,
            sample: actual.sample,
            source: actual.source.clone(),
            note: actual.note.clone(),
            attributes: Vec::new(),
        });
    }

    /// The YAML breakdown: one dimension of the own series, for one year, with a target per line.
    fn add_breakdown(&mut self, breakdown: &Breakdown, file: &Path) {
        let values = breakdown
            .rows
            .iter()
            .enumerate()
            .map(|(i, row)| DimensionValue { id: format!("line-{}", i + 1), name: row.label.clone() })
            .collect();
        let id = (1..).map(|n| if n == 1 { "breakdown".to_string() } else { format!("breakdown-{n}") });
        let id = id.into_iter().find(|id| self.dimensions.iter().all(|d| d.dimension.id != *id)).unwrap_or_default();
        let dimension = Dimension { id, name: breakdown.dimension.clone(), values, total: default_total() };
        let index = self.dimensions.len();
        self.dimensions.push(DimensionBuild::new(dimension, true));
        let period = Period::year(breakdown.year);
        for (line, row) in breakdown.rows.iter().enumerate() {
            let mut key = vec![None; index + 1];
            key[index] = Some(line as u32);
            let index = self.series[0].series.observations.len();
            let seen = Seen { at: Some(Location::file(file)), row: NO_ROW, index };
            self.seen.insert((0, period.clone(), key.clone()), seen);
            self.series[0].series.observations.push(Observation {
                period: period.clone(),
                key,
                value: row.actual,
                written_decimals: row.actual.map_or(0, decimals_of),
                target: row.target,
                sample: row.sample,
                source: None,
                note: None,
                attributes: Vec::new(),
            });
        }
    }

    fn add_table(&mut self, table: &'a TidyTable) {
        let table_index = self.tables.len();
        self.tables.push(table);
        let dimensions: Vec<usize> =
            table.columns_with(Role::Dimension).map(|column| self.dimension_for(&column.header)).collect();
        let attributes: Vec<usize> =
            table.columns_with(Role::Attribute).map(|column| self.attribute_for(&column.header)).collect();
        for row in &table.observations {
            let Some(series) = self.series_of(table, row) else { continue };
            let Some(key) = self.key_of(table, row, &dimensions) else { continue };
            if let Some(value) = row.value
                && self.series[series].share
                && !(0.0..=100.0).contains(&value)
            {
                let unit = self.series[series].series.unit.first();
                self.diagnostics.push(
                    Diagnostic::error(table.location(row.value_at), format!("the figure {value} is not a percentage between 0 and 100"))
                        .with_hint(format!("the unit is `{unit}`: write `85` for 85%; a growth rate or an index may leave 0–100 when the indicator says `unbounded: true`")),
                );
                continue;
            }
            let seen_key = (series, row.period.clone(), key.clone());
            if let Some(first) = self.seen.get(&seen_key) {
                let (index, given_at) = (first.index, first.at.clone());
                let first = given_at.clone().unwrap_or_else(|| self.tables[first.row.0].location(first.row.1));
                self.repeated(series, index, given_at.is_none(), first, table, row);
                continue;
            }
            let index = self.series[series].series.observations.len();
            self.seen.insert(seen_key, Seen { at: None, row: (table_index, row.place), index });
            let mut texts = vec![None; self.attributes.len()];
            for (column, text) in attributes.iter().zip(&row.attributes) {
                texts[*column] = text.as_deref().map(|text| self.attributes[*column].index_of(text));
            }
            self.series[series].series.observations.push(Observation {
                period: row.period.clone(),
                key,
                value: row.value,
                written_decimals: row.decimals,
                target: row.target,
                sample: row.sample,
                source: None,
                note: None,
                attributes: texts,
            });
        }
    }

    /// A figure given again. Against an indicator file or a sheet it is an error, as between two
    /// sheets. Within data files, as published statistics sometimes repeat a row, the same figure
    /// again is a warning, and a different one is shown beside the first as a note, so that neither
    /// is lost nor published as if it were the only one.
    fn repeated(
        &mut self,
        series: usize,
        index: usize,
        tidy: bool,
        first: Location,
        table: &TidyTable,
        row: &tidy::Observation,
    ) {
        let what = format!("the {} figure", row.period);
        let place = table.location(row.place);
        if !tidy {
            self.diagnostics.push(table::given_twice(what, place.clone(), &first));
            return;
        }
        let existing = &mut self.series[series].series.observations[index];
        if existing.value == row.value {
            self.diagnostics.push(
                Diagnostic::warning(place.clone(), format!("this row repeats {what} of {first}, with the same value"))
                    .with_hint("the repeat is left out; delete one of the two rows"),
            );
            return;
        }
        // As written, so that the note quotes the source: `14.0`, not `14`.
        let decimals = usize::from(row.decimals);
        let shown = |value: Option<f64>| value.map_or_else(|| "no value".to_string(), |v| format!("{v:.decimals$}"));
        let (zh, en) = (
            format!("同一数字另有一行给出{}（{}）", shown(row.value), place),
            format!("another row gives {} for this figure ({})", shown(row.value), place),
        );
        existing.note = Some(texts::with_note(existing.note.take(), &zh, &en));
        self.diagnostics.push(
            Diagnostic::warning(
                place.clone(),
                format!("this row gives {} for {what}, which {first} gives as {}", shown(row.value), shown(existing.value)),
            )
            .with_hint("the page shows the first, with a note naming this one; correct the source so that each figure has one row"),
        );
    }

    /// The dimension a column's header names: a declared one by its id or names (either part of a
    /// bilingual header), or a new one named as the header.
    fn dimension_for(&mut self, header: &str) -> usize {
        let whole = tidy::normalise(header);
        let parts: Vec<String> =
            std::iter::once(whole.clone()).chain(whole.split(['/', '|']).map(tidy::normalise)).collect();
        if let Some(found) = self.dimensions.iter().position(|d| parts.iter().any(|p| d.names.contains(p))) {
            return found;
        }
        let id = (1..).map(|n| format!("d{n}")).find(|id| self.dimensions.iter().all(|d| d.dimension.id != *id));
        let name = as_written(header);
        let dimension = Dimension { id: id.unwrap_or_default(), name, values: Vec::new(), total: default_total() };
        self.dimensions.push(DimensionBuild::new(dimension, false));
        self.dimensions.len() - 1
    }

    fn attribute_for(&mut self, header: &str) -> usize {
        let name = header.trim();
        if let Some(found) = self.attributes.iter().position(|a| a.name == name) {
            return found;
        }
        self.attributes.push(AttributeBuild { name: name.to_string(), texts: Vec::new(), lookup: HashMap::new() });
        self.attributes.len() - 1
    }

    /// The series a row belongs to, by its `Series` and `Units` cells: no series and the
    /// indicator's unit (or none) is the indicator's own; a declared series by its id or names;
    /// any other pair is a series of its own, named as written.
    fn series_of(&mut self, table: &TidyTable, row: &tidy::Observation) -> Option<usize> {
        let name = row.series.as_deref().map(tidy::normalise);
        let unit = row.units.as_deref().map(tidy::normalise);
        let unit_fits = |b: &SeriesBuild| unit.as_ref().is_none_or(|u| b.units.contains(u));
        if name.is_none() && unit_fits(&self.series[0]) {
            return Some(0);
        }
        if let Some(named) = &name
            && let Some(index) = self.series.iter().position(|b| b.texts.is_none() && b.names.contains(named))
        {
            if unit_fits(&self.series[index]) {
                return Some(index);
            }
            let series = &self.series[index].series;
            self.diagnostics.push(
                Diagnostic::error(
                    table.location(row.units_at),
                    format!(
                        "the unit `{}` is not the unit of series `{}` (`{}`)",
                        row.units.as_deref().unwrap_or_default(),
                        series.id,
                        series.unit.first()
                    ),
                )
                .with_hint(
                    "convert the figure, or declare the series in this unit under `series` in the indicator file",
                ),
            );
            return None;
        }
        let texts = Some((
            row.series.as_deref().map(str::trim).map(str::to_string),
            row.units.as_deref().map(str::trim).map(str::to_string),
        ));
        if let Some(index) = self.series.iter().position(|b| b.texts == texts) {
            return Some(index);
        }
        let unit = row.units.as_deref().map_or_else(|| self.record.unit.clone(), as_written);
        let name = row.series.as_deref().map_or_else(|| self.record.name.clone(), as_written);
        let id = (1..).map(|n| format!("s{n}")).find(|id| self.series.iter().all(|b| b.series.id != *id));
        self.series.push(SeriesBuild {
            names: Vec::new(),
            units: Vec::new(),
            texts,
            share: share(&unit, self.record.unbounded),
            series: Series {
                id: id.unwrap_or_default(),
                name,
                unit,
                decimals: self.record.decimals,
                dimensions: Vec::new(),
                attributes: Vec::new(),
                observations: Vec::new(),
            },
        });
        Some(self.series.len() - 1)
    }

    /// A row's dimension values as indices, or `None` (reported) when a declared dimension lacks one.
    fn key_of(&mut self, table: &TidyTable, row: &tidy::Observation, columns: &[usize]) -> Option<Vec<Option<u32>>> {
        let mut key = vec![None; self.dimensions.len()];
        let mut ok = true;
        for ((column, text), at) in columns.iter().zip(&row.dimensions).zip(&row.dimensions_at) {
            let Some(text) = text else { continue };
            let dimension = &mut self.dimensions[*column];
            match dimension.value_of(text) {
                Ok(value) => key[*column] = value,
                Err(()) => {
                    ok = false;
                    let names = dimension.dimension.values.iter().map(|v| v.name.first());
                    let spellings = dimension
                        .dimension
                        .values
                        .iter()
                        .flat_map(|v| std::iter::once(v.id.as_str()).chain(v.name.texts().map(|(_, text)| text)));
                    let hint = match crate::suggest::closest(text, spellings) {
                        Some(best) => format!("did you mean `{best}`?"),
                        None => format!(
                            "its values are: {}; leave the cell blank for the total, or add the value to the dimension in the indicator file",
                            names.collect::<Vec<_>>().join(", ")
                        ),
                    };
                    let id = &dimension.dimension.id;
                    self.diagnostics.push(
                        Diagnostic::error(
                            table.location(*at),
                            format!("`{text}` is not a value of the dimension `{id}`"),
                        )
                        .with_hint(hint),
                    );
                }
            }
        }
        ok.then(|| trimmed(key))
    }

    /// The series with figures, the indicator's own first; each with the dimensions, values and
    /// attributes it uses, its observations in table order.
    fn finish(self) -> Statistics {
        let dimensions: Vec<Dimension> = self.dimensions.into_iter().map(|d| d.dimension).collect();
        let attributes: Vec<Attribute> =
            self.attributes.into_iter().map(|a| Attribute { name: a.name, texts: a.texts }).collect();
        let series = self
            .series
            .into_iter()
            .map(|b| b.series)
            .filter(|s| !s.observations.is_empty())
            .map(|s| project(s, &dimensions, &attributes))
            .collect();
        Statistics { series }
    }
}

impl AttributeBuild {
    fn index_of(&mut self, text: &str) -> u32 {
        if let Some(index) = self.lookup.get(text) {
            return *index;
        }
        let index = self.texts.len() as u32;
        self.texts.push(text.to_string());
        self.lookup.insert(text.to_string(), index);
        index
    }
}
