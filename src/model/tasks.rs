//! What a plan says is to be done, by whom and by when: its tasks (重点任务 / 主要举措, under its
//! goals, and the items of its safeguards) with their lead and partner departments, and the
//! milestones of each task with their deadlines; the documents it rests on; its disclosure record.

use super::periods::Period;
use super::vocabulary::{EditorStatus, Recurrence};
use super::{Date, Html, Localized};
use crate::progress::ProgressStatus;

#[derive(Debug)]
pub struct Task {
    pub id: String,
    /// The number as the plan writes it: （一）, 一是.
    pub number: Option<Localized>,
    pub title: Localized,
    pub text: Option<Html>,
    /// 牵头: department indices.
    pub lead: Vec<usize>,
    /// 配合: department indices.
    pub partners: Vec<usize>,
    /// Whether the departments are the editors' assignment rather than the plan's.
    pub editorial_departments: bool,
    pub section: Section,
    pub milestones: Vec<Milestone>,
}

/// Where in the plan a task is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// Under a goal, by its index.
    Goal(usize),
    /// Among the safeguards.
    Safeguards,
}

/// The plan's closing part on how it is carried out (保障措施, 组织实施, 实施要求).
#[derive(Debug)]
pub struct Safeguards {
    pub title: Localized,
    /// Indices into the plan's tasks.
    pub tasks: Vec<usize>,
}

#[derive(Debug)]
pub struct Milestone {
    pub id: String,
    pub title: Localized,
    pub quote: Option<Localized>,
    /// `None` for a one-off deadline.
    pub every: Option<Recurrence>,
    /// In order of their deadlines.
    pub occurrences: Vec<Occurrence>,
}

/// One deadline of a milestone: the only one, or one period of a recurring milestone.
#[derive(Debug)]
pub struct Occurrence {
    pub period: Period,
    pub due: Date,
    pub report: Option<MilestoneReport>,
    /// Derived: the status on the site's `as_of` date.
    pub status: ProgressStatus,
    /// Derived: done, but after the deadline.
    pub late: bool,
}

#[derive(Debug, Clone)]
pub struct MilestoneReport {
    pub status: EditorStatus,
    pub done: Option<Date>,
    pub sample: bool,
    pub source: Option<Localized>,
    pub note: Option<Localized>,
}

/// A document a plan implements (依据).
#[derive(Debug)]
pub struct ParentDocument {
    pub title: Localized,
    pub number: Option<String>,
    pub issuer: Option<Localized>,
    /// A plan of this site.
    pub plan: Option<usize>,
    pub url: Option<String>,
}

/// 废止日期 as the disclosure record gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repeal {
    /// The record says the document is in force (有效).
    NotRepealed,
    On(Date),
}

/// A task of a plan, named by the plan's index and the task's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct TaskRef {
    pub plan: usize,
    pub task: usize,
}

/// An annex of a plan (附件1 …), published as a page of its own.
#[derive(Debug)]
pub struct Annex {
    pub id: String,
    pub files: Vec<std::path::PathBuf>,
    pub plan: usize,
    /// 1 for 附件1.
    pub number: u16,
    pub title: Localized,
    pub body: Html,
    pub sample: bool,
}

/// A policy interpretation (政策解读) of a plan.
#[derive(Debug)]
pub struct Interpretation {
    pub id: String,
    pub files: Vec<std::path::PathBuf>,
    pub plan: usize,
    pub title: Localized,
    pub summary: Option<Localized>,
    pub date: Date,
    pub body: Html,
    pub sample: bool,
}
