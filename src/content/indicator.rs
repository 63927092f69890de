//! An indicator file (`content/indicators/**/*.yaml`): what is measured, the target per year and the
//! actual per year.

use serde::Deserialize;

use crate::i18n::Localized;
use crate::model::vocabulary::{Direction, EditorStatus, IndicatorKind};
use crate::yaml::Spanned;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorFile {
    pub id: Spanned<String>,
    pub plan: Spanned<String>,
    pub goal: Spanned<String>,
    pub name: Localized,
    pub unit: Localized,
    pub direction: Direction,
    pub kind: IndicatorKind,
    #[serde(default)]
    pub departments: Vec<Spanned<String>>,
    /// Where in the plan the target is stated.
    #[serde(default)]
    pub clause: Option<Localized>,
    #[serde(default)]
    pub baseline: Option<Spanned<BaselineFile>>,
    #[serde(default)]
    pub targets: Vec<Spanned<TargetFile>>,
    #[serde(default)]
    pub actuals: Vec<Spanned<ActualFile>>,
    #[serde(default)]
    pub breakdown: Option<Spanned<BreakdownFile>>,
    /// Decimals every figure is shown with; without it, each figure as written.
    #[serde(default)]
    pub decimals: Option<u8>,
    /// A percentage that is not a share of a whole (a growth rate, an index): its figures may be
    /// negative or above 100.
    #[serde(default)]
    pub unbounded: bool,
    /// What the figures of the indicator's data files are broken down by, with labels per language
    /// and the order of the values. Dimensions a data file has but this list lacks are shown with
    /// their values as written.
    #[serde(default)]
    pub dimensions: Vec<Spanned<DimensionFile>>,
    /// Further series besides the indicator's own figures: a sub-measure, or the measure in another
    /// unit, as the `Series` and `Units` columns of a data file name them.
    #[serde(default)]
    pub series: Vec<Spanned<SeriesFile>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DimensionFile {
    /// Matches a data file's column by this id or by either name.
    pub id: Spanned<String>,
    pub name: Localized,
    /// What the total is called; a cell left blank, or holding this name, is the total.
    #[serde(default)]
    pub total: Option<Localized>,
    /// In the order tables list them; a data file's cell matches a value by its id or either name.
    #[serde(default)]
    pub values: Vec<DimensionValueFile>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DimensionValueFile {
    pub id: String,
    pub name: Localized,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeriesFile {
    /// Matches a data file's `Series` cell by this id or by either name.
    pub id: Spanned<String>,
    pub name: Localized,
    pub unit: Localized,
    #[serde(default)]
    pub decimals: Option<u8>,
    #[serde(default)]
    pub unbounded: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineFile {
    pub year: u16,
    pub value: f64,
    #[serde(default)]
    pub sample: bool,
}

/// One year's target. Exactly one of the comparators is set; validation checks that.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetFile {
    pub year: u16,
    #[serde(default)]
    pub at_least: Option<f64>,
    #[serde(default)]
    pub at_most: Option<f64>,
    #[serde(default)]
    pub exactly: Option<f64>,
    #[serde(default)]
    pub between: Option<[f64; 2]>,
    /// A qualitative target, in words.
    #[serde(default)]
    pub text: Option<Localized>,
    /// The source's own words for this target.
    #[serde(default)]
    pub quote: Option<Localized>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActualFile {
    pub year: u16,
    /// For numeric targets.
    #[serde(default)]
    pub value: Option<f64>,
    /// For qualitative targets: the editor's assessment.
    #[serde(default)]
    pub status: Option<EditorStatus>,
    #[serde(default)]
    pub sample: bool,
    #[serde(default)]
    pub source: Option<Localized>,
    #[serde(default)]
    pub note: Option<Localized>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BreakdownFile {
    pub year: u16,
    pub dimension: Localized,
    pub rows: Vec<BreakdownRowFile>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BreakdownRowFile {
    pub label: Localized,
    #[serde(default)]
    pub target: Option<f64>,
    #[serde(default)]
    pub actual: Option<f64>,
    #[serde(default)]
    pub sample: bool,
}
