//! Stages 2 and 3: the validated, immutable [`Site`].
//!
//! [`validate`] turns the loaded records into the model, resolving every id to an index and
//! collecting every problem; [`derive`] then fills in what is computed rather than written: progress
//! status per indicator and year, and the links back (school → showcases, department → goals …), so
//! that rendering never searches.

mod derive;
pub mod periods;
pub mod statistics;
pub mod tasks;
mod validate;
pub mod vocabulary;

use std::path::PathBuf;

pub use crate::markdown::Html;
pub use validate::validate;

use crate::config::Config;
use crate::i18n::Localized;
use crate::progress::{Measure, ProgressStatus, StatusCounts, TargetValue, YearStatus};
pub use tasks::{
    Annex, Interpretation, Milestone, MilestoneReport, Occurrence, ParentDocument, Repeal, Safeguards, Section, Task,
    TaskRef,
};
use vocabulary::{Commitment, Direction, Disclosure, IndicatorKind, Level, Relation, Stage, Validity};

pub type Date = jiff::civil::Date;

#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub plans: Vec<Plan>,
    pub indicators: Vec<Indicator>,
    pub schools: Vec<School>,
    pub departments: Vec<Department>,
    pub tags: Vec<Tag>,
    /// Newest first.
    pub showcases: Vec<Showcase>,
    /// By year.
    pub reports: Vec<YearReport>,
    /// By plan, then number.
    pub annexes: Vec<Annex>,
    /// Newest first.
    pub interpretations: Vec<Interpretation>,
    /// Every year of every plan's period, ascending.
    pub years: Vec<u16>,
    /// Headline status counts over all indicators.
    pub counts: StatusCounts,
    /// How much of the content is written in each language, for `gongkai check`.
    pub translations: crate::i18n::Coverage,
}

#[derive(Debug)]
pub struct Plan {
    pub id: String,
    pub file: PathBuf,
    pub title: Localized,
    pub issuer: Localized,
    pub document_number: Option<String>,
    pub index_number: Option<String>,
    pub category: Option<Localized>,
    /// `None`: the source does not state it (the page says so, and the page's date is `as_of`).
    pub written: Option<Date>,
    pub published: Option<Date>,
    /// 主题词; `Some(empty)` when the disclosure record lists none.
    pub keywords: Option<Vec<Localized>>,
    /// 公开方式
    pub disclosure: Option<Disclosure>,
    /// 废止日期
    pub repeal: Option<Repeal>,
    /// The documents the plan implements.
    pub based_on: Vec<ParentDocument>,
    pub start_year: u16,
    pub end_year: u16,
    pub validity: Validity,
    pub source: Option<Localized>,
    pub sample_note: Option<Localized>,
    pub summary: Html,
    pub phases: Vec<Phase>,
    pub goals: Vec<Goal>,
    /// Every task: the goals' in goal order, then the safeguards'.
    pub tasks: Vec<Task>,
    pub safeguards: Option<Safeguards>,
    /// Derived: the status of every milestone occurrence on `as_of`.
    pub milestone_counts: StatusCounts,
    /// Derived: the plan's indicators, in goal order.
    pub indicators: Vec<usize>,
    /// Derived: showcases that name the plan or one of its indicators.
    pub showcases: Vec<usize>,
    /// Derived: its annexes, by number.
    pub annexes: Vec<usize>,
    /// Derived: its policy interpretations, newest first.
    pub interpretations: Vec<usize>,
    pub counts: StatusCounts,
    /// Derived: whether any figure shown with the plan is sample data.
    pub has_sample: bool,
}

impl Plan {
    pub fn years(&self) -> std::ops::RangeInclusive<u16> {
        self.start_year..=self.end_year
    }
}

#[derive(Debug)]
pub struct Phase {
    pub id: String,
    pub title: Localized,
    pub start_year: u16,
    pub end_year: u16,
    pub description: Option<Html>,
}

#[derive(Debug)]
pub struct Goal {
    pub id: String,
    pub title: Localized,
    pub description: Option<Html>,
    pub departments: Vec<usize>,
    /// 配合: department indices.
    pub partners: Vec<usize>,
    /// Whether the departments are the editors' assignment rather than the plan's.
    pub editorial_departments: bool,
    /// Indices into the plan's tasks.
    pub tasks: Vec<usize>,
    /// Derived.
    pub indicators: Vec<usize>,
    pub counts: StatusCounts,
}

#[derive(Debug)]
pub struct Indicator {
    pub id: String,
    pub file: PathBuf,
    pub plan: usize,
    pub goal: usize,
    pub name: Localized,
    pub unit: Localized,
    pub direction: Direction,
    /// 约束性 / 预期性, where the plan or the editors classify it.
    pub kind: Option<IndicatorKind>,
    /// Whether `kind` is the editors' reading rather than the plan's.
    pub editorial_kind: bool,
    pub departments: Vec<usize>,
    /// Whether the departments are the editors' assignment rather than the plan's.
    pub editorial_departments: bool,
    pub clause: Option<Localized>,
    pub baseline: Option<Baseline>,
    /// By year.
    pub targets: Vec<Target>,
    /// By year.
    pub actuals: Vec<Actual>,
    pub breakdown: Option<Breakdown>,
    /// Every published figure: the indicator's own (the totals of the headline series, which are
    /// also `actuals`), its breakdowns and its other series, history included.
    pub statistics: statistics::Statistics,
    /// Decimals every figure is shown with; `None`: each as written.
    pub decimals: Option<u8>,
    /// Derived: one entry per year of the plan's period.
    pub progress: Vec<YearStatus>,
    pub headline: ProgressStatus,
    pub showcases: Vec<usize>,
    pub has_sample: bool,
}

impl Indicator {
    pub fn is_percentage(&self) -> bool {
        self.unit.any_is("%")
    }

    pub fn target_for(&self, year: u16) -> Option<&Target> {
        self.targets.iter().find(|t| t.year == year)
    }

    pub fn actual_for(&self, year: u16) -> Option<&Actual> {
        self.actuals.iter().find(|a| a.year == year)
    }

    pub fn status_for(&self, year: u16) -> Option<&YearStatus> {
        self.progress.iter().find(|p| p.year == year)
    }

    /// Whether the indicator is reported on in `year`: a year of its plan's period with a target or a
    /// figure (a figure of another year is history).
    pub fn is_due_in(&self, year: u16) -> bool {
        self.status_for(year).is_some() && (self.target_for(year).is_some() || self.actual_for(year).is_some())
    }

    /// The latest figure of a year the indicator is assessed in: what its status speaks of.
    pub fn latest_assessed_actual(&self) -> Option<&Actual> {
        self.actuals.iter().rev().find(|a| self.status_for(a.year).is_some())
    }

    pub fn final_year(&self) -> Option<u16> {
        self.targets.last().map(|t| t.year)
    }
}

#[derive(Debug, Clone)]
pub struct Baseline {
    pub year: u16,
    pub value: f64,
    pub sample: bool,
}

#[derive(Debug, Clone)]
pub struct Target {
    pub year: u16,
    pub value: TargetValue,
    pub quote: Option<Localized>,
    /// 确保 / 力争, as the plan words the target.
    pub commitment: Option<Commitment>,
}

#[derive(Debug, Clone)]
pub struct Actual {
    pub year: u16,
    pub measure: Measure,
    pub sample: bool,
    pub source: Option<Localized>,
    pub note: Option<Localized>,
    /// Decimals as written, so that the figure is shown as published.
    pub decimals: u8,
}

#[derive(Debug, Clone)]
pub struct Breakdown {
    pub year: u16,
    pub dimension: Localized,
    pub rows: Vec<BreakdownRow>,
}

#[derive(Debug, Clone)]
pub struct BreakdownRow {
    pub label: Localized,
    pub target: Option<f64>,
    pub actual: Option<f64>,
    pub sample: bool,
}

#[derive(Debug)]
pub struct School {
    pub id: String,
    pub file: PathBuf,
    pub name: Localized,
    pub district: Localized,
    pub stage: Stage,
    pub group: Option<Localized>,
    pub planned: bool,
    pub sample: bool,
    /// Both sides of every pairing: declared on this school, or on its partner (derived).
    pub partners: Vec<Partnership>,
    /// Derived.
    pub showcases: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Partnership {
    pub school: usize,
    pub relation: Relation,
    /// Whether this school leads the pairing.
    pub leads: bool,
    pub plan: Option<usize>,
}

#[derive(Debug)]
pub struct Department {
    pub id: String,
    pub file: PathBuf,
    pub name: Localized,
    pub short: Option<Localized>,
    pub body: Localized,
    pub level: Option<Level>,
    /// Derived: `(plan, goal)` pairs the department is responsible for.
    pub goals: Vec<(usize, usize)>,
    /// Derived: `(plan, goal)` pairs the department supports.
    pub partner_goals: Vec<(usize, usize)>,
    /// Derived: the tasks the department leads.
    pub leads: Vec<TaskRef>,
    /// Derived: the tasks the department supports.
    pub supports: Vec<TaskRef>,
    /// Derived: the milestone occurrences of the tasks it leads, by status.
    pub milestone_counts: StatusCounts,
    /// Derived.
    pub indicators: Vec<usize>,
    pub counts: StatusCounts,
}

#[derive(Debug)]
pub struct Tag {
    pub id: String,
    pub name: Localized,
    /// Derived, newest first.
    pub showcases: Vec<usize>,
}

#[derive(Debug)]
pub struct Showcase {
    pub id: String,
    pub files: Vec<PathBuf>,
    pub title: Localized,
    pub summary: Option<Localized>,
    pub date: Date,
    pub body: Html,
    pub schools: Vec<usize>,
    pub indicators: Vec<usize>,
    /// Named plans and the plans of the named indicators.
    pub plans: Vec<usize>,
    pub tags: Vec<usize>,
    pub sample: bool,
    pub draft: bool,
}

#[derive(Debug)]
pub struct YearReport {
    pub year: u16,
    pub files: Vec<PathBuf>,
    pub title: Localized,
    pub summary: Option<Localized>,
    pub date: Date,
    pub body: Html,
    pub sample: bool,
    /// Derived: indicators due that year (with a target or a figure for it).
    pub indicators: Vec<usize>,
    pub counts: StatusCounts,
    pub has_sample: bool,
}
