//! Plans, with their goals and phases.

use crate::config::parse_date;
use crate::content::Loaded;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::model::*;

use super::{PathOf, Registries, Registry};

pub(super) fn validate_plans(
    files: Vec<Loaded<crate::content::plan::PlanFile>>,
    path: &PathOf<'_>,
    ids: &mut Registries,
    diagnostics: &mut Diagnostics,
) -> Vec<Plan> {
    let mut plans = Vec::new();
    for Loaded { file, record } in files {
        let file = path(file);
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
        let mut goal_ids = Registry::new("goal", "the plan's `goals`");
        let mut goals = Vec::new();
        for (index, goal) in record.goals.iter().enumerate() {
            if !goal_ids.define(&goal.id, &file, index, diagnostics) {
                continue;
            }
            goals.push(Goal {
                id: goal.id.value.clone(),
                title: goal.title.clone(),
                description: goal.description.as_ref().map(|text| text.html.clone()),
                departments: ids.departments.resolve_all(&goal.departments, &file, diagnostics),
                indicators: Vec::new(),
                counts: Default::default(),
            });
        }
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
            start_year: period.start,
            end_year: period.end,
            validity: record.validity,
            source: record.source.clone(),
            sample_note: record.sample_note.clone(),
            summary: record.summary.html.clone(),
            phases,
            goals,
            indicators: Vec::new(),
            showcases: Vec::new(),
            counts: Default::default(),
            has_sample: false,
        });
    }
    plans
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
