//! Progress status: the one place that decides whether an indicator met its target.
//!
//! The rules, also explained to citizens on the methodology page:
//! - A year with no reported figure is **not yet due** when it lies after the last year whose figures
//!   are due (see [`crate::config::Config::last_due_year`]), and **no data** otherwise.
//! - A qualitative target carries the status the editor set (met, on track, behind).
//! - A figure for a year with its own target is **met** when it reaches that target, else **behind**.
//! - A figure for an interim year without its own target is **met** when it already reaches the final
//!   target; otherwise it is compared with the straight path from the baseline to the final target:
//!   at or beyond the path it is **on track**, short of it **behind**. Without a baseline there is no
//!   path, and the figure counts as behind.
//! - "Reaching" a target follows its comparator: at least, at most; an exact value or a range is
//!   reached from the indicator's better direction (for an increase, the value or the range's low end).
//! - A figure for an interim year at or before the baseline year, which does not already reach the
//!   final target, is **insufficient data**: the path starts there, so one figure alone says nothing
//!   of progress.
//! - A relative target (较上年, 高于全省平均水平) is judged in its own year against the previous
//!   year's figure or a benchmark: see [`relative`]. Interim years are judged against the last
//!   target with a fixed number, when there is one.
//! - An indicator without a numeric target gets a trend status from its figures instead (improving,
//!   little change, worsening, insufficient data): the trend of the figures up to that year, see
//!   [`trend`]. One figure alone is insufficient data.
//! - Figures for years outside the plan's period are history: shown, never counted in a status.
//! - A milestone's deadlines are met, late, on track, behind, no data or not yet due on `as_of`:
//!   see [`milestones`].

mod milestones;
mod relative;
mod trend;

use serde::Serialize;

pub use milestones::{Reported, milestone_status};
pub use relative::{Basis, Benchmark, Relative};
pub use trend::{LITTLE_CHANGE, Trend, trend, yearly_rate};

use crate::i18n::Localized;
use crate::model::vocabulary::{Direction, EditorStatus};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProgressStatus {
    Met,
    OnTrack,
    Behind,
    /// Trend statuses, for indicators without a numeric target.
    Improving,
    LittleChange,
    Worsening,
    InsufficientData,
    NoData,
    NotYetDue,
}

impl ProgressStatus {
    pub const ALL: [ProgressStatus; 9] = [
        ProgressStatus::Met,
        ProgressStatus::OnTrack,
        ProgressStatus::Behind,
        ProgressStatus::Improving,
        ProgressStatus::LittleChange,
        ProgressStatus::Worsening,
        ProgressStatus::InsufficientData,
        ProgressStatus::NoData,
        ProgressStatus::NotYetDue,
    ];

    /// The key used in templates, CSS classes and translation strings.
    pub fn key(self) -> &'static str {
        match self {
            ProgressStatus::Met => "met",
            ProgressStatus::OnTrack => "on_track",
            ProgressStatus::Behind => "behind",
            ProgressStatus::Improving => "improving",
            ProgressStatus::LittleChange => "little_change",
            ProgressStatus::Worsening => "worsening",
            ProgressStatus::InsufficientData => "insufficient_data",
            ProgressStatus::NoData => "no_data",
            ProgressStatus::NotYetDue => "not_yet_due",
        }
    }

    /// Whether the status says something about a reported figure (as opposed to its absence).
    pub fn is_assessed(self) -> bool {
        !matches!(self, ProgressStatus::NoData | ProgressStatus::NotYetDue)
    }
}

impl From<Trend> for ProgressStatus {
    fn from(trend: Trend) -> Self {
        match trend {
            Trend::Improving => ProgressStatus::Improving,
            Trend::LittleChange => ProgressStatus::LittleChange,
            Trend::Worsening => ProgressStatus::Worsening,
            Trend::InsufficientData => ProgressStatus::InsufficientData,
        }
    }
}

impl From<EditorStatus> for ProgressStatus {
    fn from(status: EditorStatus) -> Self {
        match status {
            EditorStatus::Met => ProgressStatus::Met,
            EditorStatus::OnTrack => ProgressStatus::OnTrack,
            EditorStatus::Behind => ProgressStatus::Behind,
        }
    }
}

/// What a target asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum TargetValue {
    AtLeast(f64),
    AtMost(f64),
    Exactly(f64),
    Between(f64, f64),
    Relative(Relative),
    Text(Localized),
}

impl TargetValue {
    /// The number a straight path aims at, from the indicator's better direction.
    pub fn reference(&self, direction: Direction) -> Option<f64> {
        match (self, direction) {
            (TargetValue::AtLeast(v) | TargetValue::AtMost(v) | TargetValue::Exactly(v), _) => Some(*v),
            (TargetValue::Between(low, _), Direction::Increase) => Some(*low),
            (TargetValue::Between(_, high), Direction::Decrease) => Some(*high),
            (TargetValue::Relative(_) | TargetValue::Text(_), _) => None,
        }
    }

    /// Whether higher figures are better for this target.
    fn higher_is_better(&self, direction: Direction) -> bool {
        match self {
            TargetValue::AtLeast(_) => true,
            TargetValue::AtMost(_) => false,
            _ => direction == Direction::Increase,
        }
    }

    pub fn is_reached_by(&self, value: f64, direction: Direction) -> bool {
        match self.reference(direction) {
            Some(reference) => reaches(value, reference, self.higher_is_better(direction)),
            None => false,
        }
    }

    /// Whether the target is met by a figure (rather than by an editor's status).
    pub fn is_numeric(&self) -> bool {
        !matches!(self, TargetValue::Text(_))
    }
}

/// Figures are compared with a small tolerance so that 85.0 reached by 84.99999999 (from a
/// spreadsheet's float) still counts.
fn reaches(value: f64, reference: f64, higher_is_better: bool) -> bool {
    let tolerance = 1e-9 * reference.abs().max(1.0);
    if higher_is_better { value >= reference - tolerance } else { value <= reference + tolerance }
}

/// A reported figure: a number, or an editor's status for a qualitative target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Measure {
    Value(f64),
    Status(EditorStatus),
}

/// What the assessment needs of an indicator; the model's `Indicator` provides it.
pub struct Inputs<'a> {
    pub direction: Direction,
    pub baseline: Option<(u16, f64)>,
    /// `(year, target)`, sorted by year.
    pub targets: &'a [(u16, &'a TargetValue)],
    /// `(year, measure)` for the years of the plan's period, sorted by year (figures of other years
    /// are history and never count).
    pub actuals: &'a [(u16, Measure)],
}

/// One year of an indicator: its status and, for interim years, the path value it was compared with.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearStatus {
    pub year: u16,
    pub status: ProgressStatus,
    /// The straight-path value for an interim year, when there is one.
    pub expected: Option<f64>,
}

pub fn assess_year(inputs: &Inputs, year: u16, last_due_year: u16) -> YearStatus {
    let actual = inputs.actuals.iter().find(|(y, _)| *y == year).map(|(_, m)| *m);
    let own_target = inputs.targets.iter().find(|(y, _)| *y == year).map(|(_, t)| *t);
    // The target a path leads to: the last one with a fixed number.
    let final_target = inputs.targets.iter().rev().find(|(_, t)| t.reference(inputs.direction).is_some()).copied();
    let expected = match (own_target, final_target) {
        (Some(TargetValue::Relative(relative)), _) => relative.reference(previous_figure(inputs, year)),
        (None, Some((final_year, target))) if year < final_year => path_value(inputs, year, final_year, target),
        _ => None,
    };
    let status = match actual {
        None if year > last_due_year => ProgressStatus::NotYetDue,
        None => ProgressStatus::NoData,
        Some(Measure::Status(status)) => status.into(),
        Some(Measure::Value(value)) => numeric_status(inputs, year, value, own_target, final_target, expected),
    };
    YearStatus { year, status, expected }
}

fn numeric_status(
    inputs: &Inputs,
    year: u16,
    value: f64,
    own_target: Option<&TargetValue>,
    final_target: Option<(u16, &TargetValue)>,
    expected: Option<f64>,
) -> ProgressStatus {
    let met_or_behind = |reached: bool| if reached { ProgressStatus::Met } else { ProgressStatus::Behind };
    if let Some(TargetValue::Relative(relative)) = own_target {
        // `expected` is the reference; without one the year cannot be judged.
        return expected
            .map_or(ProgressStatus::NoData, |reference| met_or_behind(relative.is_reached_by(value, reference)));
    }
    if let Some(target) = own_target.filter(|t| t.is_numeric()) {
        return met_or_behind(target.is_reached_by(value, inputs.direction));
    }
    let Some((final_year, target)) = final_target else {
        let figures: Vec<(u16, f64)> = inputs
            .actuals
            .iter()
            .filter_map(|(y, m)| match m {
                Measure::Value(v) if *y <= year => Some((*y, *v)),
                _ => None,
            })
            .collect();
        return trend(inputs.direction, &figures).into();
    };
    if target.is_reached_by(value, inputs.direction) {
        return ProgressStatus::Met;
    }
    if year < final_year && inputs.baseline.is_some_and(|(base_year, _)| year <= base_year) {
        return ProgressStatus::InsufficientData;
    }
    match expected {
        Some(path) if year < final_year => {
            if reaches(value, path, target.higher_is_better(inputs.direction)) {
                ProgressStatus::OnTrack
            } else {
                ProgressStatus::Behind
            }
        }
        _ => ProgressStatus::Behind,
    }
}

/// The indicator's figure for the year before `year`: its reported figure, or the baseline when it
/// is for that year.
fn previous_figure(inputs: &Inputs, year: u16) -> Option<f64> {
    let previous = year.checked_sub(1)?;
    let reported = inputs.actuals.iter().find(|(y, _)| *y == previous).and_then(|(_, m)| match m {
        Measure::Value(value) => Some(*value),
        Measure::Status(_) => None,
    });
    reported.or(inputs.baseline.filter(|(y, _)| *y == previous).map(|(_, value)| value))
}

/// The straight line from the baseline to the final target, at `year`.
fn path_value(inputs: &Inputs, year: u16, final_year: u16, target: &TargetValue) -> Option<f64> {
    let (base_year, base_value) = inputs.baseline?;
    let reference = target.reference(inputs.direction)?;
    if base_year >= final_year || year < base_year {
        return None;
    }
    let share = f64::from(year - base_year) / f64::from(final_year - base_year);
    Some(base_value + (reference - base_value) * share)
}

/// The one status that sums an indicator up: its final year's if that is due and reported, else its
/// latest reported year's (so that `no data` never stands beside a figure), else no data or not yet
/// due.
pub fn headline(years: &[YearStatus], final_year: u16, last_due_year: u16) -> ProgressStatus {
    if final_year <= last_due_year
        && let Some(status) = years.iter().find(|y| y.year == final_year && y.status.is_assessed())
    {
        return status.status;
    }
    years
        .iter()
        .rev()
        .find(|y| y.year <= last_due_year && y.status.is_assessed())
        .map(|y| y.status)
        .unwrap_or(if final_year <= last_due_year { ProgressStatus::NoData } else { ProgressStatus::NotYetDue })
}

/// How many indicators have each status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StatusCounts {
    pub met: usize,
    pub on_track: usize,
    pub behind: usize,
    pub improving: usize,
    pub little_change: usize,
    pub worsening: usize,
    pub insufficient_data: usize,
    pub no_data: usize,
    pub not_yet_due: usize,
    pub total: usize,
}

impl StatusCounts {
    pub fn add(&mut self, status: ProgressStatus) {
        self.total += 1;
        match status {
            ProgressStatus::Met => self.met += 1,
            ProgressStatus::OnTrack => self.on_track += 1,
            ProgressStatus::Behind => self.behind += 1,
            ProgressStatus::Improving => self.improving += 1,
            ProgressStatus::LittleChange => self.little_change += 1,
            ProgressStatus::Worsening => self.worsening += 1,
            ProgressStatus::InsufficientData => self.insufficient_data += 1,
            ProgressStatus::NoData => self.no_data += 1,
            ProgressStatus::NotYetDue => self.not_yet_due += 1,
        }
    }

    pub fn get(&self, status: ProgressStatus) -> usize {
        match status {
            ProgressStatus::Met => self.met,
            ProgressStatus::OnTrack => self.on_track,
            ProgressStatus::Behind => self.behind,
            ProgressStatus::Improving => self.improving,
            ProgressStatus::LittleChange => self.little_change,
            ProgressStatus::Worsening => self.worsening,
            ProgressStatus::InsufficientData => self.insufficient_data,
            ProgressStatus::NoData => self.no_data,
            ProgressStatus::NotYetDue => self.not_yet_due,
        }
    }
}

impl FromIterator<ProgressStatus> for StatusCounts {
    fn from_iter<I: IntoIterator<Item = ProgressStatus>>(iter: I) -> Self {
        let mut counts = StatusCounts::default();
        iter.into_iter().for_each(|s| counts.add(s));
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ProgressStatus::*;

    fn status(
        targets: &[(u16, TargetValue)],
        actuals: &[(u16, f64)],
        baseline: Option<(u16, f64)>,
        year: u16,
    ) -> ProgressStatus {
        let targets: Vec<(u16, &TargetValue)> = targets.iter().map(|(y, t)| (*y, t)).collect();
        let actuals: Vec<(u16, Measure)> = actuals.iter().map(|(y, v)| (*y, Measure::Value(*v))).collect();
        let inputs = Inputs { direction: Direction::Increase, baseline, targets: &targets, actuals: &actuals };
        assess_year(&inputs, year, 2020).status
    }

    #[test]
    fn final_year_figure_reaching_the_target_is_met() {
        assert_eq!(status(&[(2020, TargetValue::AtLeast(85.0))], &[(2020, 86.0)], None, 2020), Met);
        assert_eq!(status(&[(2020, TargetValue::AtLeast(85.0))], &[(2020, 84.0)], None, 2020), Behind);
    }

    #[test]
    fn interim_year_is_judged_against_the_straight_path() {
        let target = [(2020, TargetValue::AtLeast(90.0))];
        // Path from 60 in 2017 to 90 in 2020: 70 in 2018.
        assert_eq!(status(&target, &[(2018, 71.0)], Some((2017, 60.0)), 2018), OnTrack);
        assert_eq!(status(&target, &[(2018, 65.0)], Some((2017, 60.0)), 2018), Behind);
        assert_eq!(status(&target, &[(2018, 91.0)], Some((2017, 60.0)), 2018), Met);
        assert_eq!(status(&target, &[(2018, 71.0)], None, 2018), Behind, "no baseline, no path");
    }

    #[test]
    fn missing_figures_are_no_data_until_due_and_not_yet_due_after() {
        let target = [(2022, TargetValue::AtLeast(1.0))];
        assert_eq!(status(&target, &[], None, 2019), NoData);
        assert_eq!(status(&target, &[], None, 2021), NotYetDue);
    }

    #[test]
    fn ranges_and_exact_values_are_reached_from_the_better_direction() {
        assert!(TargetValue::Between(2.0, 3.0).is_reached_by(2.0, Direction::Increase));
        assert!(TargetValue::Between(2.0, 3.0).is_reached_by(4.0, Direction::Increase));
        assert!(!TargetValue::Between(2.0, 3.0).is_reached_by(1.0, Direction::Increase));
        assert!(TargetValue::Between(2.0, 3.0).is_reached_by(3.0, Direction::Decrease));
        assert!(TargetValue::Exactly(100.0).is_reached_by(100.0, Direction::Increase));
        assert!(TargetValue::AtMost(5.0).is_reached_by(4.0, Direction::Increase));
    }

    #[test]
    fn qualitative_targets_take_the_editors_status() {
        let text = TargetValue::Text(Localized::from_texts([("zh", "形成制度"), ("en", "Rules in place")]));
        let targets = [(2022, &text)];
        let actuals = [(2022, Measure::Status(EditorStatus::OnTrack))];
        let inputs = Inputs { direction: Direction::Increase, baseline: None, targets: &targets, actuals: &actuals };
        assert_eq!(assess_year(&inputs, 2022, 2024).status, OnTrack);
    }

    #[test]
    fn a_relative_target_compares_with_the_previous_years_figure_or_the_baseline() {
        let fall = TargetValue::Relative(Relative {
            basis: Basis::PreviousYear,
            change: -1.0,
            strictly: false,
            direction: Direction::Decrease,
        });
        let targets = [(2020, &fall)];
        let assess = |actuals: &[(u16, Measure)], baseline| {
            let inputs = Inputs { direction: Direction::Decrease, baseline, targets: &targets, actuals };
            assess_year(&inputs, 2020, 2020)
        };
        let met = assess(&[(2020, Measure::Value(50.5))], Some((2019, 52.0)));
        assert_eq!((met.status, met.expected), (Met, Some(51.0)));
        assert_eq!(assess(&[(2020, Measure::Value(51.5))], Some((2019, 52.0))).status, Behind);
        let from_figure = assess(&[(2019, Measure::Value(60.0)), (2020, Measure::Value(59.0))], None);
        assert_eq!((from_figure.status, from_figure.expected), (Met, Some(59.0)));
        assert_eq!(assess(&[(2020, Measure::Value(50.0))], None).status, NoData, "nothing to compare with");
    }

    #[test]
    fn headline_prefers_the_final_year_then_the_latest_report() {
        let years = |statuses: &[(u16, ProgressStatus)]| -> Vec<YearStatus> {
            statuses.iter().map(|(year, status)| YearStatus { year: *year, status: *status, expected: None }).collect()
        };
        assert_eq!(headline(&years(&[(2019, OnTrack), (2020, Met)]), 2020, 2020), Met);
        assert_eq!(headline(&years(&[(2023, OnTrack), (2024, NotYetDue)]), 2024, 2023), OnTrack);
        assert_eq!(headline(&years(&[(2024, NotYetDue)]), 2024, 2023), NotYetDue);
        assert_eq!(headline(&years(&[(2020, NoData)]), 2020, 2020), NoData);
    }

    #[test]
    fn no_data_in_the_final_year_does_not_hide_an_earlier_figure() {
        let years: Vec<YearStatus> = [(2018, NoData), (2019, OnTrack), (2020, NoData)]
            .iter()
            .map(|(year, status)| YearStatus { year: *year, status: *status, expected: None })
            .collect();
        assert_eq!(headline(&years, 2020, 2024), OnTrack);
    }

    #[test]
    fn without_a_target_a_figure_gets_the_trend_up_to_its_year() {
        let actuals = [(2016, Measure::Value(100.0)), (2018, Measure::Value(110.0)), (2019, Measure::Value(90.0))];
        let inputs = Inputs { direction: Direction::Increase, baseline: None, targets: &[], actuals: &actuals };
        assert_eq!(assess_year(&inputs, 2016, 2024).status, InsufficientData, "one figure alone");
        assert_eq!(assess_year(&inputs, 2018, 2024).status, Improving);
        assert_eq!(assess_year(&inputs, 2019, 2024).status, Worsening);
        assert_eq!(assess_year(&inputs, 2017, 2024).status, NoData, "no figure, no trend beside it");
    }

    #[test]
    fn a_lone_figure_in_the_baseline_year_is_insufficient_data_not_on_track() {
        let target = [(2025, TargetValue::AtLeast(90.0))];
        assert_eq!(status(&target, &[(2020, 60.0)], Some((2020, 60.0)), 2020), InsufficientData);
        assert_eq!(status(&target, &[(2020, 95.0)], Some((2020, 60.0)), 2020), Met, "already at the target");
        assert_eq!(status(&target, &[(2021, 67.0)], Some((2020, 60.0)), 2021), OnTrack);
    }
}
