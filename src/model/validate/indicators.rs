//! Indicators: figures from YAML merged with the rows of data files, and the checks of every number.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

use crate::content::Loaded;
use crate::content::indicator::{ActualFile, Basis as RelativeBasis, IndicatorFile, RelativeFile, TargetFile};
use crate::content::table::{self, DataRow, DataTable};
use crate::content::tidy::TidyFile;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::model::vocabulary::{Direction, EditorStatus, Editorial};
use crate::model::*;
use crate::progress::{Basis, Benchmark, Relative};
use crate::yaml::Spanned;

use super::plans::check_year_in_period;
use super::statistics::{self, Figures, Sources};
use super::{PathOf, Registries};

pub(super) fn validate_indicators(
    files: Vec<Loaded<IndicatorFile>>,
    data: Vec<Loaded<DataTable>>,
    tidy: Vec<Loaded<TidyFile>>,
    path: &PathOf<'_>,
    plans: &[Plan],
    ids: &mut Registries,
    diagnostics: &mut Diagnostics,
) -> Vec<Indicator> {
    // Figures from data files, by indicator id, in file and row order.
    let mut sheet_rows: BTreeMap<String, Vec<DataRow>> = BTreeMap::new();
    for table in data {
        for row in &table.record.rows {
            sheet_rows.entry(row.indicator.value.clone()).or_default().push(row.clone());
        }
    }
    // Tidy tables, by the indicator their file is named after.
    let mut tidy_files: BTreeMap<String, Vec<(usize, std::sync::Arc<TidyFile>)>> = BTreeMap::new();
    for Loaded { file, record } in tidy {
        tidy_files.entry(record.indicator.clone()).or_default().push((file, record));
    }
    let mut indicators = Vec::new();
    // What each indicator's figures come from, worked into statistics after this loop, in parallel:
    // a statistics office's indicator can have ten thousand rows.
    let mut pending = Vec::new();
    for Loaded { file, record } in files {
        let rows = sheet_rows.remove(&record.id.value).unwrap_or_default();
        let tidy = tidy_files.remove(&record.id.value).unwrap_or_default();
        let file = path(file);
        let Some(plan_index) = ids.plans.resolve(&record.plan, &file, diagnostics) else { continue };
        let plan = &plans[plan_index];
        let goal = plan.goals.iter().position(|g| g.id == record.goal.value);
        let Some(goal) = goal else {
            let suggestion = crate::suggest::closest(&record.goal.value, plan.goals.iter().map(|g| g.id.as_str()));
            let goals: Vec<&str> = plan.goals.iter().map(|g| g.id.as_str()).collect();
            let hint = match suggestion {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("the goals of `{}` are: {}", plan.id, goals.join(", ")),
            };
            diagnostics.push(
                Diagnostic::error(
                    record.goal.location(&file),
                    format!("plan `{}` has no goal `{}`", plan.id, record.goal.value),
                )
                .with_hint(hint),
            );
            continue;
        };
        let departments = ids.departments.resolve_all(&record.departments, &file, diagnostics);
        let (editorial_kind, editorial_departments) = editorial(&record, &file, diagnostics);
        let percentage = record.unit.any_is("%") && !record.unbounded;
        let mut checker = NumberCheck { file: &file, percentage, diagnostics };
        let rows = checker.units(rows, &record.unit);
        let (breakdown_rows, rows): (Vec<DataRow>, Vec<DataRow>) =
            rows.into_iter().partition(|r| r.breakdown.is_some());
        let targets = checker.targets(&record.targets, record.direction, plan);
        let figures = checker.actuals(&record.actuals, &rows, &targets);
        let baseline = record.baseline.as_ref().and_then(|b| checker.baseline(b, plan));
        let breakdown = checker.breakdown(record.breakdown.as_ref(), &breakdown_rows, &record.id.value);
        if !ids.indicators.define(&record.id, &file, indicators.len(), diagnostics) {
            continue;
        }
        indicators.push(Indicator {
            id: record.id.value.clone(),
            file,
            plan: plan_index,
            goal,
            name: record.name.clone(),
            unit: record.unit.clone(),
            direction: record.direction,
            kind: record.kind,
            editorial_kind,
            departments,
            editorial_departments,
            clause: record.clause.clone(),
            baseline,
            targets,
            actuals: Vec::new(),
            breakdown,
            statistics: Default::default(),
            decimals: record.decimals,
            progress: Vec::new(),
            headline: ProgressStatus::NoData,
            showcases: Vec::new(),
            has_sample: false,
        });
        pending.push((record, figures, tidy));
    }
    let worked: Vec<(Figures, Diagnostics)> = indicators
        .par_iter()
        .zip(pending)
        .map(|(indicator, (record, figures, tidy))| {
            let mut found = Diagnostics::new();
            let tables = tidy.iter().flat_map(|(_, t)| &t.tables).collect();
            let record = &*record;
            let breakdown = indicator.breakdown.as_ref();
            let sources = Sources { record, file: &indicator.file, figures, breakdown, tables };
            (statistics::figures(sources, &mut found), found)
        })
        .collect();
    for (indicator, (Figures { statistics, actuals }, found)) in indicators.iter_mut().zip(worked) {
        indicator.statistics = statistics;
        indicator.actuals = actuals;
        diagnostics.extend(found);
    }
    // Every row is reported, so that none of them is taken for a good one.
    for (id, rows) in sheet_rows {
        for row in rows {
            ids.indicators.resolve_at(&id, row.indicator.location, diagnostics);
        }
    }
    for (id, files) in tidy_files {
        for (file, _) in files {
            let file = path(file);
            if ids.indicators.resolve_at(&id, Location::file(&file), diagnostics).is_none() {
                diagnostics.push(Diagnostic::error(Location::file(&file), format!("a tidy data file for `{id}`, which no indicator file defines")).with_hint(format!(
                    "a data file without an `indicator` column holds one indicator's figures and is named after it (`{id}.csv` or `indicator_{id}.csv`); add content/indicators/…/{id}.yaml (`gongkai new indicator {id}`), or rename the file"
                )));
            }
        }
    }
    indicators
}

/// Which of the indicator's classifications are the editors' reading: `(kind, departments)`. A
/// field marked editorial must be there to be marked.
fn editorial(record: &IndicatorFile, file: &Path, diagnostics: &mut Diagnostics) -> (bool, bool) {
    let mut marked = (false, false);
    for field in &record.editorial {
        let (present, name) = match field.value {
            Editorial::Kind => (record.kind.is_some(), "kind"),
            Editorial::Departments => (!record.departments.is_empty(), "departments"),
        };
        if !present {
            diagnostics.push(
                Diagnostic::error(
                    field.location(file),
                    format!("`editorial: [{name}]` but the indicator has no `{name}`"),
                )
                .with_hint(format!("give the editors' `{name}`, or drop it from `editorial`")),
            );
            continue;
        }
        match field.value {
            Editorial::Kind => marked.0 = true,
            Editorial::Departments => marked.1 = true,
        }
    }
    marked
}

/// One year's figure as written, in an indicator file or in a data file.
struct FigureInput {
    year: u16,
    value: Option<f64>,
    status: Option<EditorStatus>,
    sample: bool,
    source: Option<Localized>,
    note: Option<Localized>,
    decimals: u8,
    /// Where the figure is written; `value_at` is where its number is.
    at: Location,
    value_at: Location,
}

impl FigureInput {
    fn from_yaml(actual: &Spanned<ActualFile>, file: &Path) -> Self {
        let a = &actual.value;
        FigureInput {
            year: a.year,
            value: a.value,
            status: a.status,
            sample: a.sample,
            source: a.source.clone(),
            note: a.note.clone(),
            decimals: a.value.map_or(0, crate::model::statistics::decimals_of),
            at: actual.location(file),
            value_at: actual.location(file),
        }
    }

    fn from_row(row: &DataRow) -> Self {
        FigureInput {
            year: row.year.value,
            value: row.value.as_ref().map(|c| c.value),
            status: row.status.as_ref().map(|c| c.value),
            sample: row.sample,
            source: row.source.clone(),
            note: row.note.clone(),
            decimals: row.value.as_ref().map_or(0, |c| crate::model::statistics::decimals_of(c.value)),
            at: row.year.location.clone(),
            value_at: row.value.as_ref().map(|c| c.location.clone()).unwrap_or_else(|| row.place.clone()),
        }
    }
}

/// Checks the numbers of one indicator file: finite, within 0–100 for percentages, years within
/// the plan's period and not repeated, one comparator per target, a figure that fits its target.
struct NumberCheck<'a> {
    file: &'a Path,
    percentage: bool,
    diagnostics: &'a mut Diagnostics,
}

impl NumberCheck<'_> {
    fn number(&mut self, value: f64, location: &Location, what: &str) -> bool {
        if !value.is_finite() {
            self.diagnostics.push(
                Diagnostic::error(location.clone(), format!("the {what} is not a finite number"))
                    .with_hint("write a plain number such as `85` or `14.9`; `.nan` and `.inf` are not figures"),
            );
            return false;
        }
        if self.percentage && !(0.0..=100.0).contains(&value) {
            self.diagnostics.push(
                Diagnostic::error(
                    location.clone(),
                    format!("the {what} {value} is not a percentage between 0 and 100"),
                )
                .with_hint("the unit is `%`: write `85` for 85%; if the figure is a count, change the unit; a growth rate or an index may leave 0–100 when the indicator says `unbounded: true`"),
            );
            return false;
        }
        true
    }

    fn year(&mut self, year: u16, location: &Location, plan: &Plan, what: &str) -> bool {
        check_year_in_period(year, plan.start_year, plan.end_year, location.clone(), what, self.diagnostics)
    }

    fn targets(&mut self, targets: &[Spanned<TargetFile>], direction: Direction, plan: &Plan) -> Vec<Target> {
        let mut out: Vec<Target> = Vec::new();
        for target in targets {
            let location = target.location(self.file);
            let t = &target.value;
            if !self.year(t.year, &location, plan, "target") {
                continue;
            }
            if out.iter().any(|o| o.year == t.year) {
                self.diagnostics.push(
                    Diagnostic::error(location, format!("a second target for {}", t.year))
                        .with_hint("give each year one target"),
                );
                continue;
            }
            let mut values = Vec::new();
            if let Some(v) = t.at_least {
                values.push(TargetValue::AtLeast(v))
            }
            if let Some(v) = t.at_most {
                values.push(TargetValue::AtMost(v))
            }
            if let Some(v) = t.exactly {
                values.push(TargetValue::Exactly(v))
            }
            if let Some([low, high]) = t.between {
                values.push(TargetValue::Between(low, high))
            }
            if let Some(text) = &t.text {
                values.push(TargetValue::Text(text.clone()))
            }
            if let Some(relative) = &t.relative {
                match self.relative(relative, direction) {
                    Some(relative) => values.push(TargetValue::Relative(relative)),
                    None => continue,
                }
            }
            if values.len() != 1 {
                self.diagnostics.push(Diagnostic::error(location, format!("the {} target needs exactly one of `at_least`, `at_most`, `exactly`, `between`, `relative` or `text` (found {})", t.year, values.len()))
                    .with_hint("e.g. `{year: 2020, at_least: 85}`, `{year: 2020, between: [2, 3]}`, `{year: 2020, relative: {than: previous_year}}` or `{year: 2022, text: {zh: …}}`"));
                continue;
            }
            let value = values.remove(0);
            let numbers: Vec<f64> = match &value {
                TargetValue::Between(low, high) => vec![*low, *high],
                other => other.reference(Direction::Increase).into_iter().collect(),
            };
            if !numbers.iter().all(|n| self.number(*n, &location, "target")) {
                continue;
            }
            if let TargetValue::Between(low, high) = value
                && low > high
            {
                self.diagnostics.push(
                    Diagnostic::error(location, format!("the range [{low}, {high}] runs backwards"))
                        .with_hint("write the low end first"),
                );
                continue;
            }
            out.push(Target { year: t.year, value, quote: t.quote.clone(), commitment: t.commitment });
        }
        out.sort_by_key(|t| t.year);
        out
    }

    /// The figures of the indicator file and of sheets, each with where it was written. A figure of
    /// a year outside the plan's period is history, not an error.
    fn actuals(
        &mut self,
        yaml: &[Spanned<ActualFile>],
        rows: &[DataRow],
        targets: &[Target],
    ) -> Vec<(Actual, Location)> {
        let inputs =
            yaml.iter().map(|a| FigureInput::from_yaml(a, self.file)).chain(rows.iter().map(FigureInput::from_row));
        let mut out: Vec<(Actual, Location)> = Vec::new();
        for a in inputs {
            let location = a.at.clone();
            if let Some((_, first)) = out.iter().find(|(o, _)| o.year == a.year) {
                self.diagnostics.push(table::given_twice(format!("the {} figure", a.year), location, first));
                continue;
            }
            let qualitative = targets
                .iter()
                .find(|t| t.year == a.year)
                .or_else(|| targets.last())
                .is_some_and(|t| !t.value.is_numeric());
            let measure = match (a.value, a.status, qualitative) {
                (Some(value), None, false) => {
                    if !self.number(value, &a.value_at, "figure") {
                        continue;
                    }
                    Measure::Value(value)
                }
                (None, Some(status), true) => Measure::Status(status),
                (_, _, true) => {
                    self.diagnostics.push(Diagnostic::error(location, format!("the {} target is qualitative: the figure needs a `status` (met, on_track or behind) and no `value`", a.year))
                        .with_hint("e.g. `{year: 2022, status: on_track, note: {zh: …}}`"));
                    continue;
                }
                (_, _, false) => {
                    self.diagnostics.push(
                        Diagnostic::error(
                            location,
                            format!("the {} figure needs a numeric `value` (and no `status`)", a.year),
                        )
                        .with_hint("the target is a number, so the status is computed from the figure"),
                    );
                    continue;
                }
            };
            let actual = Actual {
                year: a.year,
                measure,
                sample: a.sample,
                source: a.source,
                note: a.note,
                decimals: a.decimals,
            };
            out.push((actual, location));
        }
        out.sort_by_key(|(a, _)| a.year);
        out
    }

    /// A relative target: a change that agrees with the indicator's direction, and a benchmark
    /// exactly when the target is compared with one.
    fn relative(&mut self, relative: &Spanned<RelativeFile>, direction: Direction) -> Option<Relative> {
        let location = relative.location(self.file);
        let r = &relative.value;
        let change = r.change.unwrap_or(0.0);
        if !change.is_finite() {
            self.diagnostics.push(
                Diagnostic::error(location, "the change is not a finite number")
                    .with_hint("write a plain number such as `-1` (for 降低1个百分点)"),
            );
            return None;
        }
        let against = match direction {
            Direction::Increase => change < 0.0,
            Direction::Decrease => change > 0.0,
        };
        if against {
            let (way, better) = match direction {
                Direction::Increase => ("a fall", "higher"),
                Direction::Decrease => ("a rise", "lower"),
            };
            self.diagnostics.push(
                Diagnostic::error(location, format!("the target asks for {way} (`change: {change}`), but {better} figures are better for this indicator"))
                    .with_hint("check the sign of `change` (−1 for 降低1个百分点) or the indicator's `direction`"),
            );
            return None;
        }
        let basis = match (r.than, &r.benchmark) {
            (RelativeBasis::PreviousYear, None) => Basis::PreviousYear,
            (RelativeBasis::Benchmark, Some(benchmark)) => {
                if let Some(value) = benchmark.value
                    && !self.number(value, &location, "benchmark figure")
                {
                    return None;
                }
                Basis::Benchmark(Benchmark {
                    name: benchmark.name.clone(),
                    value: benchmark.value,
                    sample: benchmark.sample,
                    source: benchmark.source.clone(),
                })
            }
            (RelativeBasis::PreviousYear, Some(_)) => {
                self.diagnostics.push(
                    Diagnostic::error(location, "a target against the previous year has no `benchmark`")
                        .with_hint("write `than: benchmark` to compare with another figure, or drop `benchmark`"),
                );
                return None;
            }
            (RelativeBasis::Benchmark, None) => {
                self.diagnostics.push(
                    Diagnostic::error(location, "`than: benchmark` needs the `benchmark` it is compared with")
                        .with_hint("e.g. `benchmark: {name: {zh: 全省平均水平, en: the provincial average}, value: 91.2, sample: true}`"),
                );
                return None;
            }
        };
        Some(Relative { basis, change, strictly: r.strictly, direction })
    }

    /// Rows of data files whose `unit` column does not match the indicator's unit are left out.
    fn units(&mut self, rows: Vec<DataRow>, unit: &Localized) -> Vec<DataRow> {
        rows.into_iter()
            .filter(|row| {
                let Some(cell) = &row.unit else { return true };
                let matches = unit.any_is(&cell.value);
                if !matches {
                    self.diagnostics.push(
                        Diagnostic::error(
                            cell.location.clone(),
                            format!("the unit `{}` is not the indicator's unit `{}`", cell.value, unit.first().trim()),
                        )
                        .with_hint(format!(
                            "`{}` is measured in `{}`: convert the figure, or check that the row is for the right indicator",
                            row.indicator.value,
                            unit.first().trim()
                        )),
                    );
                }
                matches
            })
            .collect()
    }

    fn baseline(
        &mut self,
        baseline: &Spanned<crate::content::indicator::BaselineFile>,
        plan: &Plan,
    ) -> Option<Baseline> {
        let location = baseline.location(self.file);
        let b = &baseline.value;
        if b.year > plan.end_year {
            self.diagnostics.push(
                Diagnostic::error(
                    location,
                    format!(
                        "the baseline year {} is after the plan's period {}–{}",
                        b.year, plan.start_year, plan.end_year
                    ),
                )
                .with_hint("a baseline is the figure before or at the start of the plan"),
            );
            return None;
        }
        self.number(b.value, &location, "baseline").then_some(Baseline {
            year: b.year,
            value: b.value,
            sample: b.sample,
        })
    }

    fn breakdown(
        &mut self,
        breakdown: Option<&Spanned<crate::content::indicator::BreakdownFile>>,
        rows: &[DataRow],
        indicator: &str,
    ) -> Option<Breakdown> {
        let Some(breakdown) = breakdown else {
            for row in rows {
                let cell = row.breakdown.as_ref().unwrap_or(&row.indicator);
                self.diagnostics.push(
                    Diagnostic::error(cell.location.clone(), format!("`{indicator}` has no breakdown"))
                        .with_hint("leave the `breakdown` cell empty for the indicator's own figure, or add a `breakdown` to its YAML file"),
                );
            }
            return None;
        };
        let location = breakdown.location(self.file);
        let b = &breakdown.value;
        let mut out = Breakdown { year: b.year, dimension: b.dimension.clone(), rows: Vec::new() };
        for row in &b.rows {
            let valid = row.target.is_none_or(|v| self.number(v, &location, "breakdown target"))
                && row.actual.is_none_or(|v| self.number(v, &location, "breakdown figure"));
            if valid {
                out.rows.push(BreakdownRow {
                    label: row.label.clone(),
                    target: row.target,
                    actual: row.actual,
                    sample: row.sample,
                });
            }
        }
        let mut filled: Vec<(usize, Location)> = out
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.actual.is_some())
            .map(|(i, _)| (i, location.clone()))
            .collect();
        for row in rows {
            if let Some((index, value)) = self.breakdown_row(&out, row, indicator) {
                let here = row.breakdown.as_ref().map(|c| c.location.clone()).unwrap_or_else(|| row.place.clone());
                if let Some((_, first)) = filled.iter().find(|(i, _)| *i == index) {
                    let label = out.rows[index].label.first();
                    self.diagnostics.push(table::given_twice(format!("the figure for `{label}`"), here, first));
                    continue;
                }
                out.rows[index].actual = Some(value);
                out.rows[index].sample = row.sample;
                filled.push((index, here));
            }
        }
        Some(out)
    }

    /// Checks a data-file row for one line of a breakdown: which line, and its figure.
    fn breakdown_row(&mut self, breakdown: &Breakdown, row: &DataRow, indicator: &str) -> Option<(usize, f64)> {
        let cell = row.breakdown.as_ref()?;
        if row.year.value != breakdown.year {
            self.diagnostics.push(
                Diagnostic::error(
                    row.year.location.clone(),
                    format!("the breakdown of `{indicator}` is for {}, not {}", breakdown.year, row.year.value),
                )
                .with_hint(format!("write {} in the year cell, or leave `breakdown` empty", breakdown.year)),
            );
            return None;
        }
        let labels = || breakdown.rows.iter().flat_map(|r| r.label.texts().map(|(_, text)| text));
        let Some(index) = breakdown.rows.iter().position(|r| r.label.texts().any(|(_, text)| text == cell.value))
        else {
            let hint = match crate::suggest::closest(&cell.value, labels()) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!(
                    "the lines are: {}",
                    breakdown.rows.iter().map(|r| r.label.first()).collect::<Vec<_>>().join(", ")
                ),
            };
            self.diagnostics.push(
                Diagnostic::error(
                    cell.location.clone(),
                    format!("the breakdown of `{indicator}` has no line `{}`", cell.value),
                )
                .with_hint(hint),
            );
            return None;
        };
        if row.status.is_some() || row.source.is_some() || row.note.is_some() || row.value.is_none() {
            self.diagnostics.push(
                Diagnostic::error(
                    row.place.clone(),
                    "a breakdown line takes a `value` only (no status, source or note)",
                )
                .with_hint(
                    "put the source and note on the indicator's own figure for the year (a row with `breakdown` empty)",
                ),
            );
            return None;
        }
        let value = row.value.as_ref()?;
        self.number(value.value, &value.location, "breakdown figure").then_some((index, value.value))
    }
}
