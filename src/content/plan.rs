//! A plan file (`content/plans/*.yaml`): the document's metadata, its phases and its goals.

use serde::Deserialize;

use crate::i18n::Localized;
use crate::markdown::MarkdownText;
use crate::model::vocabulary::Validity;
use crate::yaml::Spanned;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanFile {
    pub id: Spanned<String>,
    pub title: Localized,
    /// 发文机关
    pub issuer: Localized,
    /// 发文字号, e.g. 连区教〔2017〕89号
    #[serde(default)]
    pub document_number: Option<String>,
    /// 索引号
    #[serde(default)]
    pub index_number: Option<String>,
    /// 主题分类
    #[serde(default)]
    pub category: Option<Localized>,
    /// 成文日期; absent when the source does not state it.
    #[serde(default)]
    pub written: Option<Spanned<String>>,
    /// 发布日期; absent when the source does not state it.
    #[serde(default)]
    pub published: Option<Spanned<String>>,
    pub period: Spanned<PeriodFile>,
    pub validity: Validity,
    /// 信息来源
    #[serde(default)]
    pub source: Option<Localized>,
    /// What in this plan's data is editorial rather than from the document (shown on the plan page).
    #[serde(default)]
    pub sample_note: Option<Localized>,
    pub summary: MarkdownText,
    #[serde(default)]
    pub phases: Vec<PhaseFile>,
    pub goals: Vec<GoalFile>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodFile {
    pub start: u16,
    pub end: u16,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhaseFile {
    pub id: Spanned<String>,
    pub title: Localized,
    pub start: Spanned<u16>,
    pub end: Spanned<u16>,
    #[serde(default)]
    pub description: Option<MarkdownText>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalFile {
    pub id: Spanned<String>,
    pub title: Localized,
    #[serde(default)]
    pub description: Option<MarkdownText>,
    /// 职能部门 / 牵头单位
    #[serde(default)]
    pub departments: Vec<Spanned<String>>,
}
