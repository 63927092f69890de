//! The tasks of a plan (重点任务 / 主要举措, and the items of its safeguards) with their departments
//! and milestones, as written in the plan file.

use serde::Deserialize;

use crate::i18n::Localized;
use crate::markdown::MarkdownText;
use crate::model::vocabulary::{EditorStatus, Editorial, Recurrence};
use crate::yaml::Spanned;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskFile {
    /// Unique within the plan; the anchor `#task-<id>` of the plan page.
    pub id: Spanned<String>,
    /// The number as the plan writes it: （一）, 一是, 1.
    #[serde(default)]
    pub number: Option<Localized>,
    pub title: Localized,
    #[serde(default)]
    pub text: Option<MarkdownText>,
    /// 牵头: the departments that lead, by id.
    #[serde(default)]
    pub lead: Vec<Spanned<String>>,
    /// 配合: the departments that support, by id.
    #[serde(default)]
    pub partners: Vec<Spanned<String>>,
    /// Fields that are the editors' reading, not the plan's words (`[departments]`).
    #[serde(default)]
    pub editorial: Vec<Spanned<Editorial>>,
    #[serde(default)]
    pub milestones: Vec<MilestoneFile>,
}

/// A deadline, once (`due`) or recurring (`every`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MilestoneFile {
    /// Unique within the plan; the anchor `#milestone-<id>`.
    pub id: Spanned<String>,
    pub title: Localized,
    /// A date (`2017-08-20`) or a period, due at its end: `2020`, `2020-Q3`, `2021-2022` (school
    /// year), `2021-2022-1` (its first term).
    #[serde(default)]
    pub due: Option<Spanned<PeriodText>>,
    /// Falls due in every year, school year, term or quarter of the plan.
    #[serde(default)]
    pub every: Option<Spanned<Recurrence>>,
    /// With `every: year` or `every: school_year`: the month and day it is due by (`08-10`).
    #[serde(default)]
    pub by: Option<Spanned<String>>,
    /// The first and last period of a recurrence, when it does not span the whole plan.
    #[serde(default)]
    pub from: Option<Spanned<PeriodText>>,
    #[serde(default)]
    pub to: Option<Spanned<PeriodText>>,
    /// The plan's own words.
    #[serde(default)]
    pub quote: Option<Localized>,
    /// What was reported, per period.
    #[serde(default)]
    pub reports: Vec<Spanned<ReportFile>>,
}

/// How one occurrence of a milestone went.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportFile {
    /// The period of the occurrence (`2018`, `2021-2022-1`); not needed for a one-off milestone.
    #[serde(default)]
    pub period: Option<Spanned<PeriodText>>,
    /// The day it was done (`YYYY-MM-DD`); the status is then `met`.
    #[serde(default)]
    pub done: Option<Spanned<String>>,
    #[serde(default)]
    pub status: Option<EditorStatus>,
    #[serde(default)]
    pub sample: bool,
    #[serde(default)]
    pub source: Option<Localized>,
    #[serde(default)]
    pub note: Option<Localized>,
}

/// A period or date as written: YAML reads `2020` as a number and `2020-Q3` as text, and both name
/// a period.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodText(pub String);

impl<'de> Deserialize<'de> for PeriodText {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = PeriodText;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a date or a period such as `2020`, `2020-Q3`, `2021-2022` or `2021-2022-1`")
            }

            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<PeriodText, E> {
                Ok(PeriodText(value.trim().to_string()))
            }

            fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<PeriodText, E> {
                Ok(PeriodText(value.to_string()))
            }

            fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<PeriodText, E> {
                Ok(PeriodText(value.to_string()))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}
