//! An indicator's years as its page, the tables that list it and its downloads show them: the
//! status of the year joined with the year's target and its reported figure. The one place that
//! puts the three together, so a page and a download never disagree about a year.

use crate::model::{Actual, Indicator, Target};
use crate::progress::YearStatus;

/// One year of an indicator.
pub struct IndicatorYear<'a> {
    pub year: u16,
    /// `None` for a year the indicator is not assessed in.
    pub status: Option<&'a YearStatus>,
    pub target: Option<&'a Target>,
    pub actual: Option<&'a Actual>,
}

/// Every year the indicator is assessed in, in order.
pub fn years(indicator: &Indicator) -> impl Iterator<Item = IndicatorYear<'_>> {
    indicator.progress.iter().map(|status| IndicatorYear { status: Some(status), ..joined(indicator, status.year) })
}

/// Every year the indicator is assessed in, and every year outside it that has a figure (history,
/// with no status), in order.
pub fn with_history(indicator: &Indicator) -> impl Iterator<Item = IndicatorYear<'_>> {
    let mut years: Vec<u16> = indicator.progress.iter().map(|p| p.year).collect();
    years.extend(indicator.actuals.iter().map(|a| a.year).filter(|y| indicator.status_for(*y).is_none()));
    years.sort_unstable();
    years.dedup();
    years.into_iter().map(|y| year(indicator, y))
}

/// The indicator in `year`, whether or not it is assessed then.
pub fn year(indicator: &Indicator, year: u16) -> IndicatorYear<'_> {
    IndicatorYear { status: indicator.status_for(year), ..joined(indicator, year) }
}

fn joined(indicator: &Indicator, year: u16) -> IndicatorYear<'_> {
    IndicatorYear { year, status: None, target: indicator.target_for(year), actual: indicator.actual_for(year) }
}
