//! A plan file (`content/plans/*.yaml`): the document's metadata, its phases and its goals, the
//! tasks under each goal and the safeguards after them (see [`tasks`]).

pub mod tasks;

use serde::Deserialize;

use crate::i18n::Localized;
use crate::markdown::MarkdownText;
use crate::model::vocabulary::{Disclosure, Editorial, Validity};
use crate::yaml::Spanned;
pub use tasks::{MilestoneFile, PeriodText, ReportFile, TaskFile};

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
    /// 主题词, as the disclosure record lists them; `[]` when it lists none.
    #[serde(default)]
    pub keywords: Option<Vec<Localized>>,
    /// 公开方式
    #[serde(default)]
    pub disclosure: Option<Disclosure>,
    /// 废止日期: a date, or `none` when the record says the document is not repealed (有效).
    #[serde(default)]
    pub repeal_date: Option<Spanned<String>>,
    /// The documents this one implements (依据), such as 苏政发〔2017〕1号.
    #[serde(default)]
    pub based_on: Vec<ParentFile>,
    #[serde(default)]
    pub phases: Vec<PhaseFile>,
    pub goals: Vec<GoalFile>,
    /// 保障措施 / 组织实施 / 实施要求
    #[serde(default)]
    pub safeguards: Option<SafeguardsFile>,
}

/// A document a plan implements or is based on.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParentFile {
    pub title: Localized,
    /// 发文字号, e.g. 苏政发〔2017〕1号
    #[serde(default)]
    pub number: Option<String>,
    #[serde(default)]
    pub issuer: Option<Localized>,
    /// A plan of this site, by id.
    #[serde(default)]
    pub plan: Option<Spanned<String>>,
    /// Where the document is published, elsewhere.
    #[serde(default)]
    pub url: Option<Spanned<String>>,
}

/// The closing part of a plan on how it is carried out, under the plan's own heading.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SafeguardsFile {
    /// The plan's heading: 四、保障举措, 五、组织实施, 六、实施要求 …
    pub title: Localized,
    pub items: Vec<TaskFile>,
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
    /// 配合单位
    #[serde(default)]
    pub partners: Vec<Spanned<String>>,
    /// Fields that are the editors' reading, not the plan's words (`[departments]`).
    #[serde(default)]
    pub editorial: Vec<Spanned<Editorial>>,
    /// 重点任务 / 主要举措 under the goal.
    #[serde(default)]
    pub tasks: Vec<TaskFile>,
}
