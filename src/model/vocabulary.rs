//! The closed sets of values that records choose from: which way an indicator should move, a plan's
//! validity, a school's stage … The model owns them; the content files deserialize straight into
//! them, so a value is checked once, by serde, and means the same in every stage.

use serde::{Deserialize, Serialize};

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Increase,
    Decrease,
}

/// 约束性 (binding) or 预期性 (expected) indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorKind {
    Binding,
    Expected,
}

/// The status an editor sets for a qualitative target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EditorStatus {
    Met,
    OnTrack,
    Behind,
}

/// 有效性
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Validity {
    InForce,
    Expired,
    Superseded,
}

/// 学段
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Kindergarten,
    Primary,
    NineYear,
    Junior,
    Complete,
    Senior,
    /// 中等职业学校
    Vocational,
    /// 高等职业院校 (高职): vocational colleges
    HigherVocational,
    /// 普通高等学校: universities and colleges
    University,
    /// 开放大学: open universities (adult and distance higher education)
    OpenUniversity,
    Special,
}

/// How two schools are paired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// 集团校共建
    Group,
    /// 市区共建
    CityDistrict,
    /// 区内共建
    InDistrict,
    /// 强校工程支持学校
    Support,
}

/// The tier of government a department works at: a task of a municipal plan can be carried out by
/// the city's bureau and by the bureaus of its districts and counties (市 / 区（市）县).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// 省级
    Province,
    /// 市级
    City,
    /// 区（市）县级: districts, county-level cities and counties.
    County,
}

/// How firmly a plan commits to a target, in its own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Commitment {
    /// 确保: the plan guarantees it.
    Ensure,
    /// 力争: the plan strives for it.
    Strive,
}

/// A field whose value is the editors' reading of a plan rather than the plan's own words: a
/// classification as 约束性 / 预期性 that the plan never makes, or departments the plan does not name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Editorial {
    Kind,
    Departments,
}

/// 公开方式: how a document is disclosed under the open government information regulations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Disclosure {
    /// 主动公开
    Proactive,
    /// 依申请公开
    OnRequest,
}

/// How often a milestone falls due: 每年, 每学年, 每学期, 每季度.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Recurrence {
    Year,
    SchoolYear,
    Term,
    Quarter,
}
