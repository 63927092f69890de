//! A school file (`content/schools/**/*.yaml`).

use serde::Deserialize;

use crate::i18n::Localized;
use crate::yaml::Spanned;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchoolFile {
    pub id: Spanned<String>,
    pub name: Localized,
    pub district: Localized,
    pub stage: Stage,
    /// 教育集团
    #[serde(default)]
    pub group: Option<Localized>,
    /// A school still to be built (待建).
    #[serde(default)]
    pub planned: bool,
    /// A school invented to illustrate a programme.
    #[serde(default)]
    pub sample: bool,
    /// 结对共建, declared on the lead school only.
    #[serde(default)]
    pub partners: Vec<PartnerFile>,
}

/// 学段
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize)]
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

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartnerFile {
    pub school: Spanned<String>,
    pub relation: Relation,
    #[serde(default)]
    pub plan: Option<Spanned<String>>,
}

/// How two schools are paired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize)]
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
