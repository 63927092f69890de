//! Each plan as open data: the whole plan as JSON (its record, goals, tasks with their departments,
//! milestones with every deadline and its status on `as_of`), its tasks and its deadlines as CSV;
//! the same for all plans together; and each department's goals and tasks as JSON.

use serde::Serialize;

use super::columns::Columns;
use super::{OutputFile, TextRecord, json, table, text};
use crate::model::vocabulary::{Disclosure, Level, Recurrence, Validity};
use crate::model::{Department, Milestone, Occurrence, Plan, Repeal, Section, Site, Task, TaskRef};

pub const ALL_PLANS_JSON: &str = "data/plans.json";
pub const ALL_TASKS_CSV: &str = "data/tasks.csv";
pub const ALL_MILESTONES_CSV: &str = "data/milestones.csv";

pub fn plan_json_path(plan: &Plan) -> String {
    format!("{}plans/{}.json", super::DIR, plan.id)
}

pub fn plan_tasks_csv_path(plan: &Plan) -> String {
    format!("{}plans/{}/tasks.csv", super::DIR, plan.id)
}

pub fn plan_milestones_csv_path(plan: &Plan) -> String {
    format!("{}plans/{}/milestones.csv", super::DIR, plan.id)
}

pub fn department_json_path(department: &Department) -> String {
    format!("{}departments/{}.json", super::DIR, department.id)
}

const TASK_HEADERS: &[(&str, &str)] = &[
    ("规划编号", "Plan ID"),
    ("所属部分", "Part of the plan"),
    ("任务编号", "Task ID"),
    ("序号", "Number"),
    ("任务", "Task"),
    ("任务（英文）", "Task (English)"),
    ("牵头部门", "Lead departments"),
    ("牵头部门编号", "Lead department IDs"),
    ("配合部门", "Partner departments"),
    ("配合部门编号", "Partner department IDs"),
    ("部门为编者归属", "Departments assigned by the editors"),
    ("时间节点数", "Milestones"),
];

const MILESTONE_HEADERS: &[(&str, &str)] = &[
    ("规划编号", "Plan ID"),
    ("任务编号", "Task ID"),
    ("任务", "Task"),
    ("时间节点编号", "Milestone ID"),
    ("时间节点", "Milestone"),
    ("时间节点（英文）", "Milestone (English)"),
    ("周期", "Recurrence"),
    ("期间", "Period"),
    ("截止日期", "Due"),
    ("完成日期", "Done on"),
    ("进展状态", "Status"),
    ("逾期完成", "Done late"),
    ("示例数据", "Sample data"),
    ("来源", "Source"),
    ("备注", "Note"),
];

pub(super) fn files(site: &Site, columns: &Columns) -> Vec<OutputFile> {
    let records: Vec<PlanRecord> = site.plans.iter().map(|plan| plan_record(site, plan)).collect();
    let mut files = Vec::new();
    let (mut all_tasks, mut all_milestones) = (Vec::new(), Vec::new());
    for (plan, record) in site.plans.iter().zip(&records) {
        let tasks: Vec<Vec<String>> = plan.tasks.iter().map(|task| task_row(site, columns, plan, task)).collect();
        let milestones: Vec<Vec<String>> = milestone_rows(columns, plan).collect();
        files.push(OutputFile { path: plan_json_path(plan), bytes: json(record) });
        files.push(OutputFile { path: plan_tasks_csv_path(plan), bytes: table(columns, TASK_HEADERS, tasks.clone()) });
        files.push(OutputFile {
            path: plan_milestones_csv_path(plan),
            bytes: table(columns, MILESTONE_HEADERS, milestones.clone()),
        });
        all_tasks.extend(tasks);
        all_milestones.extend(milestones);
    }
    files.push(OutputFile { path: ALL_PLANS_JSON.into(), bytes: json(&records) });
    files.push(OutputFile { path: ALL_TASKS_CSV.into(), bytes: table(columns, TASK_HEADERS, all_tasks) });
    files
        .push(OutputFile { path: ALL_MILESTONES_CSV.into(), bytes: table(columns, MILESTONE_HEADERS, all_milestones) });
    for department in &site.departments {
        files.push(OutputFile {
            path: department_json_path(department),
            bytes: json(&department_record(site, department)),
        });
    }
    files
}

/// A plan as the JSON download shows it.
#[derive(Serialize)]
struct PlanRecord<'a> {
    id: &'a str,
    title: TextRecord,
    issuer: TextRecord,
    document_number: Option<&'a str>,
    index_number: Option<&'a str>,
    category: Option<TextRecord>,
    written: Option<String>,
    published: Option<String>,
    /// 主题词; `[]` when the disclosure record lists none, absent when the site does not give it.
    keywords: Option<Vec<TextRecord>>,
    disclosure: Option<Disclosure>,
    /// `"none"` (not repealed), a date, or absent.
    repeal_date: Option<String>,
    validity: Validity,
    period: [u16; 2],
    based_on: Vec<ParentRecord<'a>>,
    goals: Vec<GoalRecord<'a>>,
    safeguards: Option<SafeguardsRecord<'a>>,
    tasks: Vec<TaskRecord<'a>>,
    indicators: Vec<&'a str>,
    url: String,
}

#[derive(Serialize)]
struct ParentRecord<'a> {
    title: TextRecord,
    number: Option<&'a str>,
    issuer: Option<TextRecord>,
    plan: Option<&'a str>,
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct GoalRecord<'a> {
    id: &'a str,
    title: TextRecord,
    departments: Vec<&'a str>,
    partners: Vec<&'a str>,
    departments_by_editors: bool,
    tasks: Vec<&'a str>,
    indicators: Vec<&'a str>,
}

#[derive(Serialize)]
struct SafeguardsRecord<'a> {
    title: TextRecord,
    tasks: Vec<&'a str>,
}

#[derive(Serialize)]
struct TaskRecord<'a> {
    id: &'a str,
    number: Option<TextRecord>,
    title: TextRecord,
    /// The goal the task is under, or `safeguards`.
    section: &'a str,
    lead: Vec<DepartmentRef<'a>>,
    partners: Vec<DepartmentRef<'a>>,
    departments_by_editors: bool,
    milestones: Vec<MilestoneRecord<'a>>,
}

#[derive(Serialize)]
struct DepartmentRef<'a> {
    id: &'a str,
    name: TextRecord,
    level: Option<Level>,
}

#[derive(Serialize)]
struct MilestoneRecord<'a> {
    id: &'a str,
    title: TextRecord,
    quote: Option<TextRecord>,
    every: Option<Recurrence>,
    occurrences: Vec<OccurrenceRecord>,
}

#[derive(Serialize)]
struct OccurrenceRecord {
    period: String,
    due: String,
    status: &'static str,
    late: bool,
    done: Option<String>,
    sample: bool,
    source: Option<TextRecord>,
    note: Option<TextRecord>,
}

fn plan_record<'a>(site: &'a Site, plan: &'a Plan) -> PlanRecord<'a> {
    let ids = |list: &[usize], of: &dyn Fn(usize) -> &'a str| list.iter().map(|i| of(*i)).collect::<Vec<_>>();
    let department_id = |d: usize| site.departments[d].id.as_str();
    let task_id = |t: usize| plan.tasks[t].id.as_str();
    let indicator_id = |i: usize| site.indicators[i].id.as_str();
    PlanRecord {
        id: &plan.id,
        title: TextRecord::new(site, &plan.title),
        issuer: TextRecord::new(site, &plan.issuer),
        document_number: plan.document_number.as_deref(),
        index_number: plan.index_number.as_deref(),
        category: plan.category.as_ref().map(|c| TextRecord::new(site, c)),
        written: plan.written.map(|date| date.to_string()),
        published: plan.published.map(|date| date.to_string()),
        keywords: plan.keywords.as_ref().map(|words| words.iter().map(|w| TextRecord::new(site, w)).collect()),
        disclosure: plan.disclosure,
        repeal_date: plan.repeal.map(|repeal| match repeal {
            Repeal::NotRepealed => "none".to_string(),
            Repeal::On(date) => date.to_string(),
        }),
        validity: plan.validity,
        period: [plan.start_year, plan.end_year],
        based_on: plan
            .based_on
            .iter()
            .map(|p| ParentRecord {
                title: TextRecord::new(site, &p.title),
                number: p.number.as_deref(),
                issuer: p.issuer.as_ref().map(|i| TextRecord::new(site, i)),
                plan: p.plan.map(|i| site.plans[i].id.as_str()),
                url: p.url.as_deref(),
            })
            .collect(),
        goals: plan
            .goals
            .iter()
            .map(|g| GoalRecord {
                id: &g.id,
                title: TextRecord::new(site, &g.title),
                departments: ids(&g.departments, &department_id),
                partners: ids(&g.partners, &department_id),
                departments_by_editors: g.editorial_departments,
                tasks: ids(&g.tasks, &task_id),
                indicators: ids(&g.indicators, &indicator_id),
            })
            .collect(),
        safeguards: plan
            .safeguards
            .as_ref()
            .map(|s| SafeguardsRecord { title: TextRecord::new(site, &s.title), tasks: ids(&s.tasks, &task_id) }),
        tasks: plan.tasks.iter().map(|task| task_record(site, plan, task)).collect(),
        indicators: ids(&plan.indicators, &indicator_id),
        url: format!("{}plans/{}/", site.config.base_url, plan.id),
    }
}

fn task_record<'a>(site: &'a Site, plan: &'a Plan, task: &'a Task) -> TaskRecord<'a> {
    let departments = |list: &[usize]| {
        list.iter()
            .map(|d| {
                let department = &site.departments[*d];
                DepartmentRef {
                    id: &department.id,
                    name: TextRecord::new(site, &department.name),
                    level: department.level,
                }
            })
            .collect()
    };
    TaskRecord {
        id: &task.id,
        number: task.number.as_ref().map(|n| TextRecord::new(site, n)),
        title: TextRecord::new(site, &task.title),
        section: section_id(plan, task),
        lead: departments(&task.lead),
        partners: departments(&task.partners),
        departments_by_editors: task.editorial_departments,
        milestones: task.milestones.iter().map(|m| milestone_record(site, m)).collect(),
    }
}

fn milestone_record<'a>(site: &Site, milestone: &'a Milestone) -> MilestoneRecord<'a> {
    MilestoneRecord {
        id: &milestone.id,
        title: TextRecord::new(site, &milestone.title),
        quote: milestone.quote.as_ref().map(|q| TextRecord::new(site, q)),
        every: milestone.every,
        occurrences: milestone.occurrences.iter().map(|o| occurrence_record(site, o)).collect(),
    }
}

fn occurrence_record(site: &Site, occurrence: &Occurrence) -> OccurrenceRecord {
    let report = occurrence.report.as_ref();
    OccurrenceRecord {
        period: occurrence.period.key(),
        due: occurrence.due.to_string(),
        status: occurrence.status.key(),
        late: occurrence.late,
        done: report.and_then(|r| r.done).map(|d| d.to_string()),
        sample: report.is_some_and(|r| r.sample),
        source: report.and_then(|r| r.source.as_ref()).map(|t| TextRecord::new(site, t)),
        note: report.and_then(|r| r.note.as_ref()).map(|t| TextRecord::new(site, t)),
    }
}

fn section_id<'a>(plan: &'a Plan, task: &Task) -> &'a str {
    match task.section {
        Section::Goal(goal) => &plan.goals[goal].id,
        Section::Safeguards => "safeguards",
    }
}

fn task_row(site: &Site, columns: &Columns, plan: &Plan, task: &Task) -> Vec<String> {
    let names = |list: &[usize]| {
        let names: Vec<&str> = list.iter().map(|d| columns.main(&site.departments[*d].name)).collect();
        names.join(columns.list_separator())
    };
    let ids = |list: &[usize]| list.iter().map(|d| site.departments[*d].id.as_str()).collect::<Vec<_>>().join(";");
    let mut row = vec![
        text(&plan.id),
        text(section_id(plan, task)),
        text(&task.id),
        task.number.as_ref().map(|n| text(columns.main(n))).unwrap_or_default(),
        text(columns.main(&task.title)),
    ];
    row.extend(columns.translations(&task.title).map(text));
    row.extend([
        text(&names(&task.lead)),
        text(&ids(&task.lead)),
        text(&names(&task.partners)),
        text(&ids(&task.partners)),
        task.editorial_departments.to_string(),
        task.milestones.len().to_string(),
    ]);
    row
}

fn milestone_rows<'a>(columns: &'a Columns, plan: &'a Plan) -> impl Iterator<Item = Vec<String>> + 'a {
    plan.tasks.iter().flat_map(move |task| {
        task.milestones.iter().flat_map(move |milestone| {
            milestone.occurrences.iter().map(move |occurrence| {
                let report = occurrence.report.as_ref();
                let mut row = vec![
                    text(&plan.id),
                    text(&task.id),
                    text(columns.main(&task.title)),
                    text(&milestone.id),
                    text(columns.main(&milestone.title)),
                ];
                row.extend(columns.translations(&milestone.title).map(text));
                row.extend([
                    milestone.every.map(|e| super::plain(&e)).unwrap_or_default(),
                    occurrence.period.key(),
                    occurrence.due.to_string(),
                    report.and_then(|r| r.done).map(|d| d.to_string()).unwrap_or_default(),
                    occurrence.status.key().to_string(),
                    occurrence.late.to_string(),
                    report.is_some_and(|r| r.sample).to_string(),
                    report.and_then(|r| r.source.as_ref()).map(|s| text(columns.main(s))).unwrap_or_default(),
                    report.and_then(|r| r.note.as_ref()).map(|n| text(columns.main(n))).unwrap_or_default(),
                ]);
                row
            })
        })
    })
}

/// A department as the JSON download shows it: what it leads and what it supports.
#[derive(Serialize)]
struct DepartmentRecord<'a> {
    id: &'a str,
    name: TextRecord,
    body: TextRecord,
    level: Option<Level>,
    goals: Vec<GoalRef<'a>>,
    partner_goals: Vec<GoalRef<'a>>,
    leads: Vec<TaskRefRecord<'a>>,
    supports: Vec<TaskRefRecord<'a>>,
    indicators: Vec<&'a str>,
}

#[derive(Serialize)]
struct GoalRef<'a> {
    plan: &'a str,
    goal: &'a str,
    title: TextRecord,
}

#[derive(Serialize)]
struct TaskRefRecord<'a> {
    plan: &'a str,
    task: &'a str,
    title: TextRecord,
}

fn department_record<'a>(site: &'a Site, department: &'a Department) -> DepartmentRecord<'a> {
    let goal = |(p, g): &(usize, usize)| {
        let plan = &site.plans[*p];
        GoalRef { plan: &plan.id, goal: &plan.goals[*g].id, title: TextRecord::new(site, &plan.goals[*g].title) }
    };
    let task = |r: &TaskRef| {
        let plan = &site.plans[r.plan];
        TaskRefRecord {
            plan: &plan.id,
            task: &plan.tasks[r.task].id,
            title: TextRecord::new(site, &plan.tasks[r.task].title),
        }
    };
    DepartmentRecord {
        id: &department.id,
        name: TextRecord::new(site, &department.name),
        body: TextRecord::new(site, &department.body),
        level: department.level,
        goals: department.goals.iter().map(goal).collect(),
        partner_goals: department.partner_goals.iter().map(goal).collect(),
        leads: department.leads.iter().map(task).collect(),
        supports: department.supports.iter().map(task).collect(),
        indicators: department.indicators.iter().map(|i| site.indicators[*i].id.as_str()).collect(),
    }
}
