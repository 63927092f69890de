//! The schools and the departments: their indexes and their own pages.

use serde::Serialize;
use tera::Context;

use super::serde_plain;
use super::tasks::{TaskView, task_view};
use crate::i18n::Text;
use crate::model::TaskRef;
use crate::render::pages::PageKind;
use crate::render::views::{Link, Views};

#[derive(Serialize)]
struct SchoolRow {
    link: Link,
    district: Text,
    stage: String,
    group: Option<Text>,
    partners: usize,
    showcases: usize,
    sample: bool,
    planned: bool,
}

fn school_row(views: &Views, index: usize) -> SchoolRow {
    let school = views.school(index);
    SchoolRow {
        link: views.school_link(index),
        district: views.text(&school.district),
        stage: views.t(&format!("stage_{}", serde_plain(&school.stage))),
        group: views.opt_text(&school.group),
        partners: school.partners.len(),
        showcases: school.showcases.len(),
        sample: views.sample(school.sample),
        planned: school.planned,
    }
}

pub(super) fn schools(views: &Views, context: &mut Context) -> Text {
    let mut order: Vec<usize> = views.schools().collect();
    // In the order of the default language's district names, the same in every language.
    let default = views.config().languages.default_lang();
    order.sort_by(|a, b| {
        let (a, b) = (views.school(*a), views.school(*b));
        (a.district.get(default).0, a.stage, &a.id).cmp(&(b.district.get(default).0, b.stage, &b.id))
    });
    context.insert("schools", &order.into_iter().map(|i| school_row(views, i)).collect::<Vec<_>>());
    views.ui("nav_schools")
}

#[derive(Serialize)]
struct PartnerView {
    link: Link,
    relation: String,
    role: String,
    plan: Option<Link>,
}

pub(super) fn school(views: &Views, index: usize, context: &mut Context) -> Text {
    let school = views.school(index);
    let partners: Vec<PartnerView> = school
        .partners
        .iter()
        .map(|p| PartnerView {
            link: views.school_link(p.school),
            relation: views.t(&format!("relation_{}", serde_plain(&p.relation))),
            // The row names the partner, so the role shown is the partner's.
            role: views.t(if p.leads { "role_member" } else { "role_lead" }),
            plan: p.plan.map(|plan| views.plan_link(plan)),
        })
        .collect();
    context.insert("school", &school_row(views, index));
    context.insert("partners", &partners);
    context.insert("showcases", &school.showcases.iter().map(|s| views.showcase_card(*s)).collect::<Vec<_>>());
    views.text(&school.name)
}

#[derive(Serialize)]
struct BodyDepartments {
    body: Text,
    departments: Vec<DepartmentRow>,
}

#[derive(Serialize)]
struct DepartmentRow {
    link: Link,
    goals: usize,
    /// Tasks it leads and tasks it supports.
    leads: usize,
    supports: usize,
    indicators: usize,
    counts: crate::render::views::CountsView,
}

pub(super) fn departments(views: &Views, context: &mut Context) -> Text {
    // Grouped by issuing body, in the order the bodies first appear.
    let mut bodies: Vec<(&str, BodyDepartments)> = Vec::new();
    for index in views.departments() {
        let department = views.department(index);
        let row = DepartmentRow {
            link: views.department_link(index),
            goals: department.goals.len(),
            leads: department.leads.len(),
            supports: department.supports.len(),
            indicators: department.indicators.len(),
            counts: views.counts(&department.counts),
        };
        let key = department.body.get(views.config().languages.default_lang()).0;
        match bodies.iter_mut().find(|(known, _)| *known == key) {
            Some((_, body)) => body.departments.push(row),
            None => bodies.push((key, BodyDepartments { body: views.text(&department.body), departments: vec![row] })),
        }
    }
    context.insert("bodies", &bodies.into_iter().map(|(_, body)| body).collect::<Vec<_>>());
    views.ui("nav_departments")
}

#[derive(Serialize)]
struct GoalLink {
    plan: Link,
    goal: Text,
    url: String,
}

/// A task on a department's page: what it is, in which plan, and its milestones.
#[derive(Serialize)]
struct DepartmentTask {
    plan: Link,
    #[serde(flatten)]
    task: TaskView,
}

pub(super) fn department(views: &Views, index: usize, context: &mut Context) -> Text {
    let department = views.department(index);
    let goal_link = |(p, g): &(usize, usize)| GoalLink {
        plan: views.plan_link(*p),
        goal: views.text(&views.plan(*p).goals[*g].title),
        url: format!("{}#goal-{}", views.url(PageKind::Plan(*p)), views.plan(*p).goals[*g].id),
    };
    let task =
        |task_ref: &TaskRef| DepartmentTask { plan: views.plan_link(task_ref.plan), task: task_view(views, *task_ref) };
    context.insert("body", &views.text(&department.body));
    context.insert("level", &department.level.map(|l| views.t(&format!("level_{}", serde_plain(&l)))));
    context.insert("goals", &department.goals.iter().map(goal_link).collect::<Vec<_>>());
    context.insert("partner_goals", &department.partner_goals.iter().map(goal_link).collect::<Vec<_>>());
    context.insert("leads", &department.leads.iter().map(task).collect::<Vec<_>>());
    context.insert("supports", &department.supports.iter().map(task).collect::<Vec<_>>());
    context.insert("milestone_counts", &views.counts(&department.milestone_counts));
    context.insert("rows", &department.indicators.iter().map(|i| views.indicator_row(*i, None)).collect::<Vec<_>>());
    context.insert("counts", &views.counts(&department.counts));
    views.text(&department.name)
}
