//! Tasks and milestones as pages show them: a task with its departments (grouped by tier when it
//! spans more than one) and its milestones, each deadline with its status on `as_of`.

use serde::Serialize;

use super::serde_plain;
use crate::i18n::Text;
use crate::model::periods::Period;
use crate::model::vocabulary::{Level, Recurrence};
use crate::model::{Milestone, Occurrence, Plan, Task, TaskRef};
use crate::render::pages::PageKind;
use crate::render::views::{Link, StatusView, Views};

#[derive(Serialize)]
pub(super) struct TaskView {
    pub(super) id: String,
    pub(super) url: String,
    pub(super) number: Option<Text>,
    pub(super) title: Text,
    pub(super) text: Option<Text>,
    /// Lead and partner departments, one row per tier.
    pub(super) departments: Vec<TierView>,
    pub(super) editorial_departments: bool,
    pub(super) milestones: Vec<MilestoneView>,
}

/// The departments of a task at one tier of government; `level` is set when the task spans more
/// than one.
#[derive(Serialize)]
pub(super) struct TierView {
    level: Option<String>,
    lead: Vec<Link>,
    partners: Vec<Link>,
}

#[derive(Serialize)]
pub(super) struct MilestoneView {
    id: String,
    title: Text,
    quote: Option<Text>,
    /// When it falls due, in words: 每年8月10日前, every term.
    schedule: String,
    occurrences: Vec<OccurrenceView>,
}

#[derive(Serialize)]
pub(super) struct OccurrenceView {
    /// The period, in words (2018年, 2021—2022学年第一学期), for a recurring milestone.
    pub(super) period: Option<String>,
    /// Whether the period is a calendar year, which the deadline's date already names.
    pub(super) calendar_year: bool,
    pub(super) due: String,
    pub(super) iso_due: String,
    pub(super) status: StatusView,
    pub(super) late: bool,
    pub(super) done: Option<String>,
    pub(super) sample: bool,
    pub(super) note: Option<Text>,
    pub(super) source: Option<Text>,
}

/// The task of a plan, for its plan page or a list of tasks elsewhere.
pub(super) fn task_view(views: &Views, task_ref: TaskRef) -> TaskView {
    let plan = views.plan(task_ref.plan);
    let task = &plan.tasks[task_ref.task];
    TaskView {
        id: task.id.clone(),
        url: task_url(views, task_ref.plan, task),
        number: views.opt_text(&task.number),
        title: views.text(&task.title),
        text: task.text.as_ref().map(|text| views.html(text)),
        departments: tiers(views, &task.lead, &task.partners),
        editorial_departments: task.editorial_departments,
        milestones: task.milestones.iter().map(|m| milestone_view(views, m)).collect(),
    }
}

pub(super) fn task_url(views: &Views, plan: usize, task: &Task) -> String {
    format!("{}#task-{}", views.url(PageKind::Plan(plan)), task.id)
}

/// A plan's tasks under one goal, or among its safeguards.
pub(super) fn task_views(views: &Views, plan: usize, tasks: &[usize]) -> Vec<TaskView> {
    tasks.iter().map(|task| task_view(views, TaskRef { plan, task: *task })).collect()
}

/// Departments grouped by the tier they work at, in the order tiers first appear among the leads
/// and then the partners. One group without a label when all share one tier.
pub(super) fn tiers(views: &Views, lead: &[usize], partners: &[usize]) -> Vec<TierView> {
    let level = |department: &usize| views.department(*department).level;
    let mut levels: Vec<Option<Level>> = Vec::new();
    for department in lead.iter().chain(partners) {
        if !levels.contains(&level(department)) {
            levels.push(level(department));
        }
    }
    let labelled = levels.len() > 1;
    levels
        .into_iter()
        .map(|tier| TierView {
            level: tier.filter(|_| labelled).map(|l| views.t(&format!("level_{}", serde_plain(&l)))),
            lead: lead.iter().filter(|d| level(d) == tier).map(|d| views.department_link(*d)).collect(),
            partners: partners.iter().filter(|d| level(d) == tier).map(|d| views.department_link(*d)).collect(),
        })
        .collect()
}

fn milestone_view(views: &Views, milestone: &Milestone) -> MilestoneView {
    let recurring = milestone.every.is_some();
    MilestoneView {
        id: milestone.id.clone(),
        title: views.text(&milestone.title),
        quote: views.opt_text(&milestone.quote),
        schedule: schedule(views, milestone),
        occurrences: milestone.occurrences.iter().map(|o| occurrence_view(views, o, recurring)).collect(),
    }
}

pub(super) fn occurrence_view(views: &Views, occurrence: &Occurrence, recurring: bool) -> OccurrenceView {
    let report = occurrence.report.as_ref();
    OccurrenceView {
        period: recurring.then(|| period(views, occurrence.period)),
        calendar_year: matches!(occurrence.period, Period::Year(_)),
        due: views.fill("due_by", &[("date", &views.date(occurrence.due))]),
        iso_due: occurrence.due.to_string(),
        status: views.status(occurrence.status),
        late: occurrence.late,
        done: report.and_then(|r| r.done).map(|done| views.date(done)),
        sample: views.sample(report.is_some_and(|r| r.sample)),
        note: report.and_then(|r| views.opt_text(&r.note)),
        source: report.and_then(|r| views.opt_text(&r.source)),
    }
}

/// A period in words: 2018年, 2020年第二季度, 2021—2022学年, 2021—2022学年第一学期.
pub(super) fn period(views: &Views, period: Period) -> String {
    let school_year =
        |year: i16| views.fill("period_school_year", &[("start", &year.to_string()), ("end", &(year + 1).to_string())]);
    match period {
        Period::Day(date) => views.date(date),
        Period::Year(year) => views.fill("period_year", &[("year", &year.to_string())]),
        Period::Quarter(year, quarter) => views.fill(
            "period_quarter",
            &[("year", &year.to_string()), ("quarter", &views.t(&format!("quarter_{quarter}")))],
        ),
        Period::SchoolYear(year) => school_year(year),
        Period::Term(year, term) => views
            .fill("period_term", &[("school_year", &school_year(year)), ("term", &views.t(&format!("term_{term}")))]),
    }
}

/// When a milestone falls due, in words.
fn schedule(views: &Views, milestone: &Milestone) -> String {
    let first = milestone.occurrences.first();
    match (milestone.every, first) {
        (None, Some(only)) => match only.period {
            Period::Day(date) => views.fill("due_by", &[("date", &views.date(date))]),
            other => views.fill("due_end_of", &[("period", &period(views, other))]),
        },
        (Some(every), Some(first)) => {
            let day_of_year = first.due != first.period.last_day();
            match every {
                Recurrence::Year | Recurrence::SchoolYear if day_of_year => views.fill(
                    &format!("every_{}_by", serde_plain(&every)),
                    &[("day", &views.fill("month_day", &month_day(views, first)))],
                ),
                _ => views.t(&format!("every_{}", serde_plain(&every))),
            }
        }
        (_, None) => String::new(),
    }
}

fn month_day(views: &Views, occurrence: &Occurrence) -> [(&'static str, String); 2] {
    let month = views.t(&format!("month_{}", occurrence.due.month()));
    [("month", month), ("day", occurrence.due.day().to_string())]
}

/// Every deadline of a plan in date order, with its task and milestone: the plan's timeline.
pub(super) fn deadlines(plan: &Plan) -> Vec<(&Task, &Milestone, &Occurrence)> {
    let mut all: Vec<(&Task, &Milestone, &Occurrence)> = plan
        .tasks
        .iter()
        .flat_map(|task| task.milestones.iter().flat_map(move |m| m.occurrences.iter().map(move |o| (task, m, o))))
        .collect();
    all.sort_by(|a, b| a.2.due.cmp(&b.2.due).then_with(|| a.1.id.cmp(&b.1.id)));
    all
}
