//! Schools and their pairings.

use crate::content::Loaded;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::*;

use super::{PathOf, Registries};

pub(super) fn validate_schools(
    files: Vec<Loaded<crate::content::school::SchoolFile>>,
    path: &PathOf<'_>,
    ids: &mut Registries,
    diagnostics: &mut Diagnostics,
) -> Vec<School> {
    let mut schools = Vec::new();
    let mut declared = Vec::new();
    for Loaded { file, record } in files {
        let file = path(file);
        if !ids.schools.define(&record.id, &file, schools.len(), diagnostics) {
            continue;
        }
        declared.push((file.clone(), record.clone()));
        schools.push(School {
            id: record.id.value.clone(),
            file,
            name: record.name.clone(),
            district: record.district.clone(),
            stage: record.stage,
            group: record.group.clone(),
            planned: record.planned,
            sample: record.sample,
            partners: Vec::new(),
            showcases: Vec::new(),
        });
    }
    // Pairings are declared once, on the lead school; both sides are filled in here.
    for (lead, (file, record)) in declared.into_iter().enumerate() {
        for partner in &record.partners {
            let Some(member) = ids.schools.resolve(&partner.school, &file, diagnostics) else { continue };
            let plan = partner.plan.as_ref().and_then(|plan| ids.plans.resolve(plan, &file, diagnostics));
            if member == lead {
                diagnostics
                    .push(Diagnostic::error(partner.school.location(&file), "a school cannot be paired with itself"));
                continue;
            }
            if schools[lead].partners.iter().any(|p| p.school == member && p.relation == partner.relation) {
                diagnostics.push(
                    Diagnostic::error(
                        partner.school.location(&file),
                        format!("the pairing with `{}` is declared twice", partner.school.value),
                    )
                    .with_hint("declare each pairing once, on the lead school"),
                );
                continue;
            }
            schools[lead].partners.push(Partnership { school: member, relation: partner.relation, leads: true, plan });
            schools[member].partners.push(Partnership { school: lead, relation: partner.relation, leads: false, plan });
        }
    }
    schools
}
