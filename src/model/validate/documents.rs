//! Markdown documents: showcases and yearly reports, each a Chinese text with an optional translation.

use rayon::prelude::*;

use crate::config::parse_date;
use crate::content::DocumentPair;
use crate::content::document::{Document, TranslationFront};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::markdown::SharedHtml;
use crate::model::*;

use super::registry::check_id;
use super::{PathOf, Registries};

pub(super) fn translation_of(
    en: &Option<Document<TranslationFront>>,
) -> (Option<String>, Option<String>, Option<SharedHtml>) {
    match en {
        Some(doc) => (Some(doc.front.title.clone()), doc.front.summary.clone(), Some(doc.body.clone())),
        None => (None, None, None),
    }
}

pub(super) fn document_files(pair_files: (usize, Option<usize>), path: &PathOf<'_>) -> Vec<std::path::PathBuf> {
    std::iter::once(pair_files.0).chain(pair_files.1).map(path).collect()
}

pub(super) fn warn_untranslated<F>(pair: &DocumentPair<F>, path: &PathOf<'_>, diagnostics: &mut Diagnostics) {
    if pair.en.is_none() {
        diagnostics.push(
            Diagnostic::warning(
                Location::file(path(pair.zh.file)),
                "no English translation: the English site shows the Chinese text with a notice",
            )
            .with_hint(format!("add `{}.en.md` with the translated title, summary and text", pair.id)),
        );
    }
}

/// Each showcase is checked on its own, in parallel: they are most of a site's records, and
/// `serve` checks all of them again after every save.
pub(super) fn validate_showcases(
    pairs: Vec<DocumentPair<crate::content::document::ShowcaseFront>>,
    path: &PathOf<'_>,
    ids: &Registries,
    indicators: &[Indicator],
    include_drafts: bool,
    diagnostics: &mut Diagnostics,
) -> Vec<Showcase> {
    let checked: Vec<(Option<Showcase>, Diagnostics)> = pairs
        .par_iter()
        .map(|pair| {
            let mut found = Diagnostics::new();
            let showcase = validate_showcase(pair, path, ids, indicators, include_drafts, &mut found);
            (showcase, found)
        })
        .collect();
    let mut showcases = Vec::with_capacity(checked.len());
    for (showcase, found) in checked {
        diagnostics.extend(found);
        showcases.extend(showcase);
    }
    showcases
}

fn validate_showcase(
    pair: &DocumentPair<crate::content::document::ShowcaseFront>,
    path: &PathOf<'_>,
    ids: &Registries,
    indicators: &[Indicator],
    include_drafts: bool,
    diagnostics: &mut Diagnostics,
) -> Option<Showcase> {
    let file = path(pair.zh.file);
    if !check_id(&pair.id, &Location::file(&file), "showcase", diagnostics) {
        return None;
    }
    warn_untranslated(pair, path, diagnostics);
    let front = &pair.zh.front;
    let date = parse_date(&front.date, &file, diagnostics);
    let schools = ids.schools.resolve_all(&front.schools, &file, diagnostics);
    let indicator_ids = ids.indicators.resolve_all(&front.indicators, &file, diagnostics);
    let mut plans = ids.plans.resolve_all(&front.plans, &file, diagnostics);
    plans.extend(indicator_ids.iter().map(|i| indicators[*i].plan));
    plans.sort_unstable();
    plans.dedup();
    let tags = ids.tags.resolve_all(&front.tags, &file, diagnostics);
    let date = date?;
    if front.draft && !include_drafts {
        return None;
    }
    let (title_en, summary_en, body_en) = translation_of(&pair.en);
    Some(Showcase {
        id: pair.id.clone(),
        files: document_files((pair.zh.file, pair.en.as_ref().map(|d| d.file)), path),
        title: Localized { zh: front.title.clone(), en: title_en },
        summary: front.summary.clone().map(|zh| Localized { zh, en: summary_en }),
        date,
        body: Html { zh: pair.zh.body.clone(), en: body_en },
        schools,
        indicators: indicator_ids,
        plans,
        tags,
        sample: front.sample,
        draft: front.draft,
    })
}

pub(super) fn validate_reports(
    pairs: Vec<DocumentPair<crate::content::document::ResultsFront>>,
    path: &PathOf<'_>,
    plans: &[Plan],
    as_of: Date,
    diagnostics: &mut Diagnostics,
) -> Vec<YearReport> {
    let mut reports = Vec::new();
    for pair in pairs {
        let file = path(pair.zh.file);
        let Ok(year) = pair.id.parse::<u16>() else {
            diagnostics.push(
                Diagnostic::error(Location::file(&file), format!("`{}` is not a year", pair.id))
                    .with_hint("name results files after their year: `2020.zh.md` and `2020.en.md`"),
            );
            continue;
        };
        if !plans.iter().any(|p| p.years().contains(&year)) {
            diagnostics.push(Diagnostic::warning(
                Location::file(&file),
                format!("no plan runs in {year}, so this report has no indicators"),
            ));
        }
        warn_untranslated(&pair, path, diagnostics);
        let front = &pair.zh.front;
        let Some(date) = parse_date(&front.date, &file, diagnostics) else { continue };
        if date > as_of {
            diagnostics.push(super::after_as_of(front.date.location(&file), date, as_of));
            continue;
        }
        let (title_en, summary_en, body_en) = translation_of(&pair.en);
        reports.push(YearReport {
            year,
            files: document_files((pair.zh.file, pair.en.as_ref().map(|d| d.file)), path),
            title: Localized { zh: front.title.clone(), en: title_en },
            summary: front.summary.clone().map(|zh| Localized { zh, en: summary_en }),
            date,
            body: Html { zh: pair.zh.body.clone(), en: body_en },
            sample: front.sample,
            indicators: Vec::new(),
            counts: Default::default(),
            has_sample: false,
        });
    }
    reports.sort_by_key(|r| r.year);
    reports
}
