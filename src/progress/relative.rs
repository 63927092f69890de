//! Relative targets: a figure judged against the indicator's own figure for the year before or
//! against a benchmark, such as 较上年降低1个百分点, 不低于上年度, 连续保持上升态势 or
//! 高于全省平均水平.
//!
//! The rules, also explained on the methodology page:
//! - The comparison figure is the previous year's figure (or the baseline, when it is for that
//!   year), or the benchmark's figure for the year; the target adds its `change` to it (−1 for
//!   降低1个百分点): that is the year's reference value.
//! - The figure reaches the target when it is at or beyond the reference in the indicator's better
//!   direction; a `strictly` target (高于, 上升) needs it beyond.
//! - Without a comparison figure the year cannot be judged and has **no data**.

use crate::i18n::Localized;
use crate::model::vocabulary::Direction;

#[derive(Debug, Clone, PartialEq)]
pub struct Relative {
    pub basis: Basis,
    /// Added to the comparison figure, in the indicator's unit.
    pub change: f64,
    /// Beyond the reference, not only at it.
    pub strictly: bool,
    /// The indicator's better direction, which decides what "beyond" means and how the target reads.
    pub direction: Direction,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Basis {
    PreviousYear,
    Benchmark(Benchmark),
}

/// A figure the indicator is compared with, such as the provincial average.
#[derive(Debug, Clone, PartialEq)]
pub struct Benchmark {
    pub name: Localized,
    /// Its figure for the target's year, once known.
    pub value: Option<f64>,
    pub sample: bool,
    pub source: Option<Localized>,
}

impl Relative {
    /// The reference value for a year, given the indicator's figure for the year before.
    pub fn reference(&self, previous: Option<f64>) -> Option<f64> {
        let compared = match &self.basis {
            Basis::PreviousYear => previous?,
            Basis::Benchmark(benchmark) => benchmark.value?,
        };
        Some(compared + self.change)
    }

    /// Whether `value` reaches the reference.
    pub fn is_reached_by(&self, value: f64, reference: f64) -> bool {
        let tolerance = 1e-9 * reference.abs().max(1.0);
        match (self.direction, self.strictly) {
            (Direction::Increase, false) => value >= reference - tolerance,
            (Direction::Increase, true) => value > reference + tolerance,
            (Direction::Decrease, false) => value <= reference + tolerance,
            (Direction::Decrease, true) => value < reference - tolerance,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn previous_year(change: f64, strictly: bool, direction: Direction) -> Relative {
        Relative { basis: Basis::PreviousYear, change, strictly, direction }
    }

    #[test]
    fn one_point_lower_than_last_year_needs_a_fall_of_at_least_one_point() {
        let target = previous_year(-1.0, false, Direction::Decrease);
        let reference = target.reference(Some(52.3)).unwrap();
        assert!((reference - 51.3).abs() < 1e-9);
        assert!(target.is_reached_by(51.3, reference));
        assert!(target.is_reached_by(50.0, reference));
        assert!(!target.is_reached_by(51.8, reference));
    }

    #[test]
    fn no_lower_than_last_year_is_met_by_an_equal_figure_but_rising_is_not() {
        let not_lower = previous_year(0.0, false, Direction::Increase);
        let rising = previous_year(0.0, true, Direction::Increase);
        assert!(not_lower.is_reached_by(95.0, 95.0));
        assert!(!rising.is_reached_by(95.0, 95.0));
        assert!(rising.is_reached_by(95.1, 95.0));
    }

    #[test]
    fn without_a_comparison_figure_there_is_no_reference() {
        assert_eq!(previous_year(-1.0, false, Direction::Decrease).reference(None), None);
        let name = Localized::from_texts([("zh", "全省平均水平"), ("en", "the provincial average")]);
        let benchmark = |value| Relative {
            basis: Basis::Benchmark(Benchmark { name: name.clone(), value, sample: false, source: None }),
            change: 0.0,
            strictly: true,
            direction: Direction::Increase,
        };
        assert_eq!(benchmark(None).reference(Some(80.0)), None);
        assert_eq!(benchmark(Some(91.0)).reference(Some(80.0)), Some(91.0));
    }
}
