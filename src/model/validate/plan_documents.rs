//! The documents published with a plan: its annexes (附件1, 附件2 …), numbered once each within the
//! plan, and its policy interpretations (政策解读), dated no later than `as_of`.

use crate::config::parse_date;
use crate::content::DocumentPair;
use crate::content::document::{AnnexFront, InterpretationFront};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::i18n::Languages;
use crate::model::*;

use super::documents::texts;
use super::registry::check_id;
use super::{PathOf, Registries};

pub(super) fn validate_annexes(
    pairs: Vec<DocumentPair<AnnexFront>>,
    languages: &Languages,
    path: &PathOf<'_>,
    ids: &Registries,
    diagnostics: &mut Diagnostics,
) -> Vec<Annex> {
    let mut annexes: Vec<(Annex, Location)> = Vec::new();
    for pair in pairs {
        let file = path(pair.original.file);
        if !check_id(&pair.id, &Location::file(&file), "annex", diagnostics) {
            continue;
        }
        let front = &pair.original.front;
        let texts = texts(&pair, (&front.title, None), languages, path, diagnostics);
        let Some(plan) = ids.plans.resolve(&front.plan, &file, diagnostics) else { continue };
        let at = front.number.location(&file);
        if front.number.value == 0 {
            diagnostics.push(Diagnostic::error(at, "annexes are numbered from 1").with_hint("`number: 1` is 附件1"));
            continue;
        }
        let taken = annexes.iter().find(|(a, _)| a.plan == plan && a.number == front.number.value);
        if let Some((_, first)) = taken {
            diagnostics.push(
                Diagnostic::error(at, format!("a second 附件{} of plan `{}`", front.number.value, front.plan.value))
                    .with_hint(format!("it is already defined at {first}; give each annex its own `number`")),
            );
            continue;
        }
        let annex = Annex {
            id: pair.id.clone(),
            files: texts.files,
            plan,
            number: front.number.value,
            title: texts.title,
            body: texts.body,
            sample: front.sample,
        };
        annexes.push((annex, at));
    }
    let mut annexes: Vec<Annex> = annexes.into_iter().map(|(annex, _)| annex).collect();
    annexes.sort_by_key(|a| (a.plan, a.number));
    annexes
}

pub(super) fn validate_interpretations(
    pairs: Vec<DocumentPair<InterpretationFront>>,
    languages: &Languages,
    path: &PathOf<'_>,
    ids: &Registries,
    as_of: Date,
    diagnostics: &mut Diagnostics,
) -> Vec<Interpretation> {
    let mut interpretations = Vec::new();
    for pair in pairs {
        let file = path(pair.original.file);
        if !check_id(&pair.id, &Location::file(&file), "interpretation", diagnostics) {
            continue;
        }
        let front = &pair.original.front;
        let texts = texts(&pair, (&front.title, front.summary.as_ref()), languages, path, diagnostics);
        let plan = ids.plans.resolve(&front.plan, &file, diagnostics);
        let date = parse_date(&front.date, &file, diagnostics);
        let (Some(plan), Some(date)) = (plan, date) else { continue };
        if date > as_of {
            diagnostics.push(super::after_as_of(front.date.location(&file), date, as_of));
            continue;
        }
        interpretations.push(Interpretation {
            id: pair.id.clone(),
            files: texts.files,
            plan,
            title: texts.title,
            summary: texts.summary,
            date,
            body: texts.body,
            sample: front.sample,
        });
    }
    // Newest first; the id breaks ties so the order never depends on file-system order.
    interpretations.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
    interpretations
}
