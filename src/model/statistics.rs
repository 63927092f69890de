//! An indicator's published figures as a statistics office publishes them: one or more series (a
//! sub-measure, or the same measure in another unit), each broken down by any number of dimensions
//! (区县, 学段, 性别 …), with one observation per period and combination of dimension values.
//!
//! The headline figure of an indicator is the all-totals observation of its headline series: the
//! row whose every dimension is at its total. Observations of any period are kept, before and after
//! the plan's period alike (history is shown, never counted in a status).

use crate::i18n::Localized;

/// A year (`2015`), a period of years (`2015-2016`, a school year `2015/16`), or a part of a year
/// (`2015 Q1`, `2000 01`), as an office labels it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub start: u16,
    pub end: u16,
    /// The month a part of the last year ends in (`2015 Q1`: 3), 0 for whole years.
    pub part: u8,
    /// The office's own label when it says more than the years (`2015 Q1`, `2019/20 [Note 9]`,
    /// `01 May to 30 June 2020`): shown as written.
    pub label: Option<std::sync::Arc<str>>,
}

impl Period {
    pub fn year(year: u16) -> Self {
        Period { start: year, end: year, part: 0, label: None }
    }

    pub fn years(start: u16, end: u16) -> Self {
        Period { start, end, part: 0, label: None }
    }

    /// The year a figure for this period is reported in: its last year.
    pub fn report_year(&self) -> u16 {
        self.end
    }

    /// Whether the period is whole years, whose figure can stand for a year's.
    pub fn is_whole_years(&self) -> bool {
        self.part == 0
    }

    /// Where the period ends, in years: `2015 Q1` is 2014.25, the year 2015 is 2015.
    pub fn time(&self) -> f64 {
        if self.part == 0 { f64::from(self.end) } else { f64::from(self.end) - 1.0 + f64::from(self.part) / 12.0 }
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.label {
            Some(label) => f.write_str(label),
            None if self.start == self.end => write!(f, "{}", self.start),
            None => write!(f, "{}-{}", self.start, self.end),
        }
    }
}

/// Every series of an indicator; the first is the headline series.
#[derive(Debug, Clone, Default)]
pub struct Statistics {
    pub series: Vec<Series>,
}

impl Statistics {
    pub fn headline(&self) -> Option<&Series> {
        self.series.first()
    }

    /// Whether there is more to show than the headline series' totals: other series or a breakdown.
    pub fn has_breakdowns(&self) -> bool {
        self.series.len() > 1 || self.series.iter().any(|s| !s.dimensions.is_empty())
    }

    /// How many observations carry a number.
    pub fn numeric_values(&self) -> usize {
        self.series.iter().flat_map(|s| &s.observations).filter(|o| o.value.is_some()).count()
    }
}

/// One measure in one unit.
#[derive(Debug, Clone)]
pub struct Series {
    /// Unique within the indicator; `""` for the indicator's own series.
    pub id: String,
    pub name: Localized,
    pub unit: Localized,
    /// Decimals to show every figure with; `None`: as each figure was written.
    pub decimals: Option<u8>,
    /// The dimensions this series is broken down by, in the order its tables show them.
    pub dimensions: Vec<Dimension>,
    /// Columns of notes carried with each figure (`Observation status`, `COMMENT_OBS`, 备注 …).
    pub attributes: Vec<Attribute>,
    /// Sorted: by [`Breakdown`] (fewest dimensions first), then by dimension values in their declared
    /// order, then by period.
    pub observations: Vec<Observation>,
}

impl Series {
    /// The observations of each breakdown, in order; each group is sorted by row, then period.
    pub fn breakdowns(&self) -> impl Iterator<Item = (Breakdown, &[Observation])> {
        self.observations
            .chunk_by(|a, b| Breakdown::of(&a.key) == Breakdown::of(&b.key))
            .map(|group| (Breakdown::of(&group[0].key), group))
    }

    /// The headline figures: the all-totals observations that carry a number.
    pub fn totals(&self) -> impl Iterator<Item = &Observation> {
        self.observations.iter().take_while(|o| o.key.iter().all(Option::is_none)).filter(|o| o.value.is_some())
    }

    /// Sorts the observations into the order tables show them.
    pub fn sort(&mut self) {
        self.observations.sort_by(|a, b| {
            Breakdown::of(&a.key)
                .cmp(&Breakdown::of(&b.key))
                .then_with(|| a.key.cmp(&b.key))
                .then_with(|| a.period.cmp(&b.period))
        });
    }
}

/// Which dimensions an observation breaks the figure down by (those not at their total), as a set
/// of dimension indices; the empty set is the all-totals row. Ordered by size, then by dimensions.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Breakdown(pub Vec<usize>);

impl Breakdown {
    pub fn of(key: &[Option<u32>]) -> Self {
        Breakdown(key.iter().enumerate().filter(|(_, v)| v.is_some()).map(|(i, _)| i).collect())
    }
}

impl PartialOrd for Breakdown {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Breakdown {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.len().cmp(&other.0.len()).then_with(|| self.0.cmp(&other.0))
    }
}

/// What a series is broken down by.
#[derive(Debug, Clone)]
pub struct Dimension {
    /// Unique within the indicator.
    pub id: String,
    pub name: Localized,
    /// In the order tables and selectors list them.
    pub values: Vec<DimensionValue>,
    /// What the total is called (合计, 全市 …).
    pub total: Localized,
}

#[derive(Debug, Clone)]
pub struct DimensionValue {
    pub id: String,
    pub name: Localized,
}

/// A column of text carried with each figure, and the distinct texts it holds.
#[derive(Debug, Clone)]
pub struct Attribute {
    pub name: String,
    pub texts: Vec<String>,
}

/// One figure.
#[derive(Debug, Clone)]
pub struct Observation {
    pub period: Period,
    /// For each dimension of the series, the index of its value; `None` is the total.
    pub key: Vec<Option<u32>>,
    /// `None`: published without a figure (a gap the office left, often with a note).
    pub value: Option<f64>,
    /// Decimals as written in the source, so that `85.50` is shown as published.
    pub written_decimals: u8,
    /// A target for this line of a breakdown, shown beside its figure (never assessed).
    pub target: Option<f64>,
    pub sample: bool,
    pub source: Option<Localized>,
    pub note: Option<Localized>,
    /// For each attribute of the series, the index of its text.
    pub attributes: Vec<Option<u32>>,
}

impl Observation {
    pub fn is_total(&self) -> bool {
        self.key.iter().all(Option::is_none)
    }
}

/// The decimals of a number as written (`85.50` → 2, `14310` → 0, `1e-3` → 3).
pub fn decimals_written(text: &str) -> u8 {
    let text = text.trim();
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (text, 0),
    };
    let fraction = mantissa.split_once('.').map_or(0, |(_, f)| f.len() as i32);
    (fraction - exponent).clamp(0, 17) as u8
}

/// The decimals of a number read from YAML, where only its value survives: the shortest form that
/// reads back as the same number.
pub fn decimals_of(value: f64) -> u8 {
    decimals_written(&value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_counted_as_written() {
        assert_eq!(decimals_written("85.50"), 2);
        assert_eq!(decimals_written("14310"), 0);
        assert_eq!(decimals_written("-6.06"), 2);
        assert_eq!(decimals_written("1.5e-3"), 4);
        assert_eq!(decimals_written("2E3"), 0);
        assert_eq!(decimals_of(97.1834), 4);
        assert_eq!(decimals_of(14310.0), 0);
        assert_eq!(decimals_written("6.72255349472e-05"), 16, "scientific notation, every digit kept");
    }

    #[test]
    fn breakdowns_order_the_totals_first_then_by_size() {
        let mut order = vec![Breakdown(vec![0, 1]), Breakdown(vec![1]), Breakdown(vec![]), Breakdown(vec![0])];
        order.sort();
        assert_eq!(order, [Breakdown(vec![]), Breakdown(vec![0]), Breakdown(vec![1]), Breakdown(vec![0, 1])]);
    }

    #[test]
    fn periods_read_as_written() {
        assert_eq!(Period::year(2015).to_string(), "2015");
        assert_eq!(Period::years(2015, 2016).to_string(), "2015-2016");
        let quarter = Period { start: 2015, end: 2015, part: 3, label: Some("2015 Q1".into()) };
        assert_eq!(quarter.to_string(), "2015 Q1");
        assert!(quarter < Period::year(2015).clone() || quarter.time() < Period::year(2015).time());
        assert_eq!(quarter.time(), 2014.25);
    }
}
