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
    Vocational,
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
