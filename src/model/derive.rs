//! Stage 3, derive: what follows from the written data. Runs once after validation; the site is
//! read-only afterwards.

use super::*;
use crate::progress::{self, Inputs};

pub(super) fn derive(site: &mut Site) {
    // Newest first; the id breaks ties so the order never depends on file-system order.
    site.showcases.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
    assess_indicators(site);
    assess_milestones(site);
    link_indicators(site);
    link_tasks(site);
    link_showcases(site);
    link_plan_documents(site);
    count_reports(site);
}

/// Each plan's annexes (by number: the site's list is sorted so) and interpretations (newest first).
fn link_plan_documents(site: &mut Site) {
    for (index, annex) in site.annexes.iter().enumerate() {
        site.plans[annex.plan].annexes.push(index);
        site.plans[annex.plan].has_sample |= annex.sample;
    }
    for (index, interpretation) in site.interpretations.iter().enumerate() {
        site.plans[interpretation.plan].interpretations.push(index);
        site.plans[interpretation.plan].has_sample |= interpretation.sample;
    }
}

fn assess_indicators(site: &mut Site) {
    let last_due_year = site.config.last_due_year();
    for indicator in &mut site.indicators {
        let plan = &site.plans[indicator.plan];
        let targets: Vec<(u16, &TargetValue)> = indicator.targets.iter().map(|t| (t.year, &t.value)).collect();
        // Figures outside the plan's period are history: shown, never counted in a status.
        let actuals: Vec<(u16, Measure)> =
            indicator.actuals.iter().filter(|a| plan.years().contains(&a.year)).map(|a| (a.year, a.measure)).collect();
        let inputs = Inputs {
            direction: indicator.direction,
            baseline: indicator.baseline.as_ref().map(|b| (b.year, b.value)),
            targets: &targets,
            actuals: &actuals,
        };
        let progress: Vec<YearStatus> =
            plan.years().map(|year| progress::assess_year(&inputs, year, last_due_year)).collect();
        let final_year = indicator.final_year().unwrap_or(plan.end_year);
        indicator.headline = progress::headline(&progress, final_year, last_due_year);
        indicator.progress = progress;
        indicator.has_sample = indicator.actuals.iter().any(|a| a.sample)
            || indicator.baseline.as_ref().is_some_and(|b| b.sample)
            || indicator.breakdown.as_ref().is_some_and(|b| b.rows.iter().any(|r| r.sample));
    }
}

/// The status of every milestone deadline on `as_of`, counted per plan.
fn assess_milestones(site: &mut Site) {
    let as_of = site.config.as_of;
    for plan in &mut site.plans {
        let mut counts = StatusCounts::default();
        for occurrence in plan.tasks.iter_mut().flat_map(|t| &mut t.milestones).flat_map(|m| &mut m.occurrences) {
            let reported = occurrence.report.as_ref().map(|r| progress::Reported { status: r.status, done: r.done });
            (occurrence.status, occurrence.late) = progress::milestone_status(occurrence.due, reported, as_of);
            counts.add(occurrence.status);
        }
        plan.milestone_counts = counts;
    }
}

/// Each department's goals and tasks, as lead and as partner, in plan order.
fn link_tasks(site: &mut Site) {
    for (plan_index, plan) in site.plans.iter().enumerate() {
        for (goal_index, goal) in plan.goals.iter().enumerate() {
            for department in &goal.partners {
                site.departments[*department].partner_goals.push((plan_index, goal_index));
            }
        }
        for (task_index, task) in plan.tasks.iter().enumerate() {
            let task_ref = TaskRef { plan: plan_index, task: task_index };
            for department in &task.lead {
                let department = &mut site.departments[*department];
                department.leads.push(task_ref);
                task.milestones
                    .iter()
                    .flat_map(|m| &m.occurrences)
                    .for_each(|o| department.milestone_counts.add(o.status));
            }
            for department in &task.partners {
                site.departments[*department].supports.push(task_ref);
            }
        }
    }
}

fn link_indicators(site: &mut Site) {
    for (index, indicator) in site.indicators.iter().enumerate() {
        let plan = &mut site.plans[indicator.plan];
        plan.indicators.push(index);
        plan.counts.add(indicator.headline);
        plan.has_sample |= indicator.has_sample;
        let goal = &mut plan.goals[indicator.goal];
        goal.indicators.push(index);
        goal.counts.add(indicator.headline);
        site.counts.add(indicator.headline);
        for department in &indicator.departments {
            let department = &mut site.departments[*department];
            department.indicators.push(index);
            department.counts.add(indicator.headline);
        }
    }
    for plan in &mut site.plans {
        // Goal order, then file order within a goal.
        let goals: Vec<&Goal> = plan.goals.iter().collect();
        plan.indicators = goals.iter().flat_map(|g| g.indicators.iter().copied()).collect();
    }
    for (plan_index, plan) in site.plans.iter().enumerate() {
        for (goal_index, goal) in plan.goals.iter().enumerate() {
            for department in &goal.departments {
                site.departments[*department].goals.push((plan_index, goal_index));
            }
        }
    }
}

fn link_showcases(site: &mut Site) {
    for (index, showcase) in site.showcases.iter().enumerate() {
        for school in &showcase.schools {
            site.schools[*school].showcases.push(index);
        }
        for indicator in &showcase.indicators {
            site.indicators[*indicator].showcases.push(index);
        }
        for plan in &showcase.plans {
            site.plans[*plan].showcases.push(index);
            site.plans[*plan].has_sample |= showcase.sample;
        }
        for tag in &showcase.tags {
            site.tags[*tag].showcases.push(index);
        }
    }
}

fn count_reports(site: &mut Site) {
    for report in &mut site.reports {
        for (index, indicator) in site.indicators.iter().enumerate() {
            if !indicator.is_due_in(report.year) {
                continue;
            }
            report.indicators.push(index);
            if let Some(status) = indicator.status_for(report.year) {
                report.counts.add(status.status);
            }
            report.has_sample |= indicator.actual_for(report.year).is_some_and(|a| a.sample);
        }
        report.has_sample |= report.sample;
    }
}
