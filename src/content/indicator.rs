//! An indicator file (`content/indicators/**/*.yaml`): what is measured, the target per year and the
//! actual per year.

use serde::Deserialize;

use crate::i18n::Localized;
use crate::model::vocabulary::{Commitment, Direction, EditorStatus, Editorial, IndicatorKind};
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
    /// 约束性 / 预期性; leave it out where neither the plan nor the editors classify the indicator.
    #[serde(default)]
    pub kind: Option<IndicatorKind>,
    #[serde(default)]
    pub departments: Vec<Spanned<String>>,
    /// Fields that are the editors' reading, not the plan's words: `[kind]`, `[departments]`.
    #[serde(default)]
    pub editorial: Vec<Spanned<Editorial>>,
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
    /// A target relative to the previous year's figure or to a benchmark (较上年, 高于全省平均水平).
    #[serde(default)]
    pub relative: Option<Spanned<RelativeFile>>,
    /// The source's own words for this target.
    #[serde(default)]
    pub quote: Option<Localized>,
    /// 确保 (ensure) or 力争 (strive), when the plan words the target so.
    #[serde(default)]
    pub commitment: Option<Commitment>,
}

/// A target stated against another figure: 较上年降低1个百分点, 不低于上年度, 连续保持上升态势,
/// 高于全省平均水平.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelativeFile {
    /// What the figure is compared with.
    pub than: Basis,
    /// How far from it the figure should be, in the indicator's unit (percentage points for `%`):
    /// `-1` for 降低1个百分点. Its sign must agree with the indicator's direction.
    #[serde(default)]
    pub change: Option<f64>,
    /// The figure must beat the comparison (高于, 上升), not only equal it (不低于).
    #[serde(default)]
    pub strictly: bool,
    /// With `than: benchmark`: what the benchmark is and, once known, its figure for the year.
    #[serde(default)]
    pub benchmark: Option<BenchmarkFile>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The indicator's own figure for the year before (or the baseline, if that is its year).
    PreviousYear,
    /// Another figure, such as the provincial average.
    Benchmark,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BenchmarkFile {
    /// 全省平均水平
    pub name: Localized,
    #[serde(default)]
    pub value: Option<f64>,
    #[serde(default)]
    pub sample: bool,
    #[serde(default)]
    pub source: Option<Localized>,
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
