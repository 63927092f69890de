//! Plans, with their goals, tasks, phases and safeguards, and their disclosure record.

use std::path::Path;

use crate::config::parse_date;
use crate::content::Loaded;
use crate::content::plan::{ParentFile, PlanFile};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::model::*;
use crate::yaml::Spanned;

use super::tasks::PlanScope;
use super::{PathOf, Registries, Registry};

pub(super) fn validate_plans(
    files: Vec<Loaded<PlanFile>>,
    path: &PathOf<'_>,
    ids: &mut Registries,
    as_of: Date,
    diagnostics: &mut Diagnostics,
) -> Vec<Plan> {
    let mut plans = Vec::new();
    // Parent documents may name any plan: they are resolved once every plan id is known.
    let mut parents: Vec<(std::path::PathBuf, &[ParentFile])> = Vec::new();
    for Loaded { file, record } in &files {
        let file = path(*file);
        let period = record.period.value;
        if period.start > period.end {
            diagnostics.push(
                Diagnostic::error(
                    record.period.location(&file),
                    format!("the period starts in {} but ends in {}", period.start, period.end),
                )
                .with_hint("write `period: {start: 2018, end: 2020}` with the start year first"),
            );
            continue;
        }
        let written = record.written.as_ref().map(|date| parse_date(date, &file, diagnostics));
        let published = record.published.as_ref().map(|date| parse_date(date, &file, diagnostics));
        let mut scope = PlanScope {
            file: &file,
            start_year: period.start,
            end_year: period.end,
            written: written.flatten(),
            as_of,
            ids,
            task_ids: Registry::new("task", "the plan's tasks"),
            milestone_ids: Registry::new("milestone", "the plan's milestones"),
        };
        let mut goal_ids = Registry::new("goal", "the plan's `goals`");
        let mut goals = Vec::new();
        let mut tasks = Vec::new();
        for (index, goal) in record.goals.iter().enumerate() {
            if !goal_ids.define(&goal.id, &file, index, diagnostics) {
                continue;
            }
            let has_departments = !goal.departments.is_empty() || !goal.partners.is_empty();
            let (departments, partners) = scope.departments(&goal.departments, &goal.partners, diagnostics);
            let goal_tasks = goal
                .tasks
                .iter()
                .filter_map(|task| scope.task(task, Section::Goal(goals.len()), &mut tasks, diagnostics))
                .collect();
            goals.push(Goal {
                id: goal.id.value.clone(),
                title: goal.title.clone(),
                description: goal.description.as_ref().map(|text| text.html.clone()),
                departments,
                partners,
                editorial_departments: scope.editorial(&goal.editorial, has_departments, diagnostics),
                tasks: goal_tasks,
                indicators: Vec::new(),
                counts: Default::default(),
            });
        }
        let safeguards = record.safeguards.as_ref().map(|safeguards| Safeguards {
            title: safeguards.title.clone(),
            tasks: safeguards
                .items
                .iter()
                .filter_map(|task| scope.task(task, Section::Safeguards, &mut tasks, diagnostics))
                .collect(),
        });
        let repeal = record
            .repeal_date
            .as_ref()
            .and_then(|text| repeal(text, record, written.flatten(), &file, as_of, diagnostics));
        let mut phase_ids = Registry::new("phase", "the plan's `phases`");
        let mut phases = Vec::new();
        for (index, phase) in record.phases.iter().enumerate() {
            if !phase_ids.define(&phase.id, &file, index, diagnostics) {
                continue;
            }
            for year in [&phase.start, &phase.end] {
                check_year_in_period(year.value, period.start, period.end, year.location(&file), "phase", diagnostics);
            }
            phases.push(Phase {
                id: phase.id.value.clone(),
                title: phase.title.clone(),
                start_year: phase.start.value,
                end_year: phase.end.value,
                description: phase.description.as_ref().map(|text| text.html.clone()),
            });
        }
        // A date that is given but wrong has been reported; the plan is left out.
        if written == Some(None) || published == Some(None) {
            continue;
        }
        if !ids.plans.define(&record.id, &file, plans.len(), diagnostics) {
            continue;
        }
        parents.push((file.clone(), &record.based_on));
        plans.push(Plan {
            id: record.id.value.clone(),
            file,
            title: record.title.clone(),
            issuer: record.issuer.clone(),
            document_number: record.document_number.clone(),
            index_number: record.index_number.clone(),
            category: record.category.clone(),
            written: written.flatten(),
            published: published.flatten(),
            keywords: record.keywords.clone(),
            disclosure: record.disclosure,
            repeal,
            based_on: Vec::new(),
            start_year: period.start,
            end_year: period.end,
            validity: record.validity,
            source: record.source.clone(),
            sample_note: record.sample_note.clone(),
            summary: record.summary.html.clone(),
            phases,
            goals,
            tasks,
            safeguards,
            milestone_counts: Default::default(),
            indicators: Vec::new(),
            showcases: Vec::new(),
            annexes: Vec::new(),
            interpretations: Vec::new(),
            counts: Default::default(),
            has_sample: false,
        });
    }
    for (plan, (file, based_on)) in plans.iter_mut().zip(parents) {
        plan.based_on = based_on.iter().map(|parent| parent_document(parent, &file, &ids.plans, diagnostics)).collect();
    }
    plans
}

fn parent_document(
    parent: &ParentFile,
    file: &Path,
    plans: &Registry,
    diagnostics: &mut Diagnostics,
) -> ParentDocument {
    let url = parent.url.as_ref().and_then(|url| {
        let text = url.value.trim();
        let web = text.starts_with("https://") || text.starts_with("http://");
        if !web {
            diagnostics.push(
                Diagnostic::error(url.location(file), format!("`{text}` is not an http(s) address"))
                    .with_hint("link to the document where it is published, e.g. `https://www.jiangsu.gov.cn/…`; a plan of this site is named with `plan:`"),
            );
        }
        web.then(|| text.to_string())
    });
    ParentDocument {
        title: parent.title.clone(),
        number: parent.number.clone(),
        issuer: parent.issuer.clone(),
        plan: parent.plan.as_ref().and_then(|id| plans.resolve(id, file, diagnostics)),
        url,
    }
}

/// 废止日期: `none` (the record says 有效) or a date, which must not come before the plan was
/// written and, once passed, rules out `validity: in_force`.
fn repeal(
    text: &Spanned<String>,
    record: &PlanFile,
    written: Option<Date>,
    file: &Path,
    as_of: Date,
    diagnostics: &mut Diagnostics,
) -> Option<Repeal> {
    if text.value.trim() == "none" {
        return Some(Repeal::NotRepealed);
    }
    let date = parse_date(text, file, diagnostics)?;
    if written.is_some_and(|written| date < written) {
        diagnostics.push(Diagnostic::error(
            text.location(file),
            format!("the repeal date {date} comes before the plan was written"),
        ));
        return None;
    }
    if date <= as_of && record.validity == vocabulary::Validity::InForce {
        diagnostics.push(
            Diagnostic::error(text.location(file), format!("repealed on {date}, yet `validity: in_force`"))
                .with_hint("a plan repealed by `as_of` is `validity: expired` or `superseded`"),
        );
    }
    Some(Repeal::On(date))
}

pub(super) fn check_year_in_period(
    year: u16,
    start: u16,
    end: u16,
    location: Location,
    what: &str,
    diagnostics: &mut Diagnostics,
) -> bool {
    let inside = (start..=end).contains(&year);
    if !inside {
        diagnostics.push(
            Diagnostic::error(location, format!("the {what} year {year} is outside the plan's period {start}–{end}"))
                .with_hint(format!("use a year from {start} to {end}, or widen the plan's `period`")),
        );
    }
    inside
}
