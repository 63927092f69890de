//! Trend status: how an indicator without a target is moving, from its own figures.
//!
//! The rule, modelled on the progress measure Open SDG took from Statistics Canada (a compound
//! annual growth rate, CAGR, compared with fixed thresholds when there is no quantitative target):
//! - Fewer than two years with a figure is **insufficient data**: one figure alone shows no direction.
//! - The rate is the yearly change from the earliest figure `y0` (year `t0`) to the latest `yi` (year
//!   `ti`): the CAGR `(yi / y0)^(1 / (ti − t0)) − 1` when both figures are above zero; otherwise
//!   (zero, negative figures such as growth rates, or a change of sign, where a CAGR is undefined)
//!   the mean yearly change as a share of the larger of `|y0|` and `|yi|`.
//! - The rate is signed by the indicator's direction (+1 when higher is better, −1 when lower is).
//! - A signed rate of at least **+0.5 %** a year is **improving**, of at most **−0.5 %** is
//!   **worsening**, anything between is **little change**.
//!
//! Open SDG splits improvement further (1.5 % a year and more is on track) and counts any fall as
//! deterioration; a band of ±0.5 % on both sides keeps the rounding noise of a published figure from
//! reading as a change either way. Open SDG's scaling near natural limits (100 %) is not applied.

use serde::Serialize;

use crate::model::vocabulary::Direction;

/// A signed yearly rate below this, in either direction, is little change.
pub const LITTLE_CHANGE: f64 = 0.005;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    Improving,
    LittleChange,
    Worsening,
    InsufficientData,
}

impl Trend {
    pub const ALL: [Trend; 4] = [Trend::Improving, Trend::LittleChange, Trend::Worsening, Trend::InsufficientData];

    /// The key used in templates, CSS classes and translation strings.
    pub fn key(self) -> &'static str {
        match self {
            Trend::Improving => "improving",
            Trend::LittleChange => "little_change",
            Trend::Worsening => "worsening",
            Trend::InsufficientData => "insufficient_data",
        }
    }
}

/// The trend of `figures` (`(year, value)`, in any order; one figure per year).
pub fn trend(direction: Direction, figures: &[(u16, f64)]) -> Trend {
    match yearly_rate(figures) {
        None => Trend::InsufficientData,
        Some(rate) => {
            let signed = match direction {
                Direction::Increase => rate,
                Direction::Decrease => -rate,
            };
            if signed >= LITTLE_CHANGE {
                Trend::Improving
            } else if signed <= -LITTLE_CHANGE {
                Trend::Worsening
            } else {
                Trend::LittleChange
            }
        }
    }
}

/// The yearly rate from the earliest figure to the latest, or `None` with fewer than two years.
pub fn yearly_rate(figures: &[(u16, f64)]) -> Option<f64> {
    let finite = figures.iter().filter(|(_, v)| v.is_finite());
    let &(t0, y0) = finite.clone().min_by_key(|(year, _)| *year)?;
    let &(ti, yi) = finite.max_by_key(|(year, _)| *year)?;
    if ti <= t0 {
        return None;
    }
    let years = f64::from(ti - t0);
    if y0 > 0.0 && yi > 0.0 {
        return Some((yi / y0).powf(1.0 / years) - 1.0);
    }
    let scale = y0.abs().max(yi.abs());
    if scale == 0.0 {
        return Some(0.0);
    }
    Some((yi - y0) / years / scale)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Direction::*;
    use Trend::*;

    #[test]
    fn one_figure_alone_is_insufficient_data() {
        assert_eq!(trend(Increase, &[]), InsufficientData);
        assert_eq!(trend(Increase, &[(2015, 85.0)]), InsufficientData);
        assert_eq!(trend(Increase, &[(2015, 85.0), (2015, 90.0)]), InsufficientData, "two figures of one year");
    }

    #[test]
    fn the_rate_is_the_compound_annual_growth_between_the_first_and_last_year() {
        // 100 → 121 over two years is 10 % a year; the figure between does not count.
        let rate = yearly_rate(&[(2017, 100.0), (2016, 1.0), (2015, 121.0)]).unwrap();
        assert!((rate - (100.0_f64 / 121.0).sqrt() + 1.0).abs() < 1e-12);
        let rate = yearly_rate(&[(2015, 100.0), (2017, 121.0)]).unwrap();
        assert!((rate - 0.1).abs() < 1e-12);
    }

    #[test]
    fn direction_decides_whether_growth_is_improvement() {
        let rising = [(2015, 100.0), (2020, 120.0)];
        assert_eq!(trend(Increase, &rising), Improving);
        assert_eq!(trend(Decrease, &rising), Worsening);
    }

    #[test]
    fn a_change_under_half_a_percent_a_year_is_little_change() {
        // 100 → 102 over five years is about 0.4 % a year.
        assert_eq!(trend(Increase, &[(2015, 100.0), (2020, 102.0)]), LittleChange);
        assert_eq!(trend(Decrease, &[(2015, 100.0), (2020, 102.0)]), LittleChange);
        // 100 → 103 over five years is about 0.6 % a year.
        assert_eq!(trend(Increase, &[(2015, 100.0), (2020, 103.0)]), Improving);
    }

    #[test]
    fn negative_and_zero_figures_use_the_change_relative_to_the_larger_figure() {
        // A growth rate from -6.06 to -3: a rise of 3.06 over one year, 50 % of 6.06.
        let rate = yearly_rate(&[(2016, -6.06), (2017, -3.0)]).unwrap();
        assert!((rate - 3.06 / 6.06).abs() < 1e-12);
        assert_eq!(trend(Increase, &[(2016, -6.06), (2017, -3.0)]), Improving);
        assert_eq!(trend(Increase, &[(2016, 4.0), (2018, -2.0)]), Worsening, "a change of sign");
        assert_eq!(trend(Decrease, &[(2016, 0.0), (2018, 5.0)]), Worsening, "from zero");
        assert_eq!(trend(Increase, &[(2016, 0.0), (2018, 0.0)]), LittleChange);
    }
}
