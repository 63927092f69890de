//! A school file (`content/schools/**/*.yaml`).

use serde::Deserialize;

use crate::i18n::Localized;
use crate::model::vocabulary::{Relation, Stage};
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

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartnerFile {
    pub school: Spanned<String>,
    pub relation: Relation,
    #[serde(default)]
    pub plan: Option<Spanned<String>>,
}
