//! Markdown documents: showcases and yearly reports, each a Chinese text with an optional translation.

use rayon::prelude::*;

use crate::config::parse_date;
use crate::content::DocumentPair;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::i18n::Languages;
use crate::model::*;

use super::registry::check_id;
use super::{PathOf, Registries};

/// A document's title, summary and body in each of its languages, and its files.
pub(super) struct Texts {
    pub(super) files: Vec<std::path::PathBuf>,
    pub(super) title: Localized,
    pub(super) summary: Option<Localized>,
    pub(super) body: Html,
}

/// The texts of a document: the original's in the default language, then each translation's
/// whose file names a written language of the site. A translation in another language is an
/// error; a written language with no translation is a warning (its pages fall back, with a notice).
pub(super) fn texts<F>(
    pair: &DocumentPair<F>,
    (title, summary): (&str, Option<&String>),
    languages: &Languages,
    path: &PathOf<'_>,
    diagnostics: &mut Diagnostics,
) -> Texts {
    let default = languages.default_lang().code();
    let mut files = vec![path(pair.original.file)];
    let mut titles = vec![(default.to_string(), title.to_string())];
    let mut summaries: Vec<(String, String)> = summary.map(|s| (default.to_string(), s.clone())).into_iter().collect();
    let mut bodies = vec![(default.to_string(), pair.original.body.clone())];
    for (key, document) in &pair.translations {
        let file = path(document.file);
        match languages.find(key) {
            Some(lang) if !lang.is_generated() => {
                titles.push((key.clone(), document.front.title.clone()));
                summaries.extend(document.front.summary.clone().map(|s| (key.clone(), s)));
                bodies.push((key.clone(), document.body.clone()));
            }
            Some(lang) => diagnostics.push(
                Diagnostic::error(Location::file(&file), format!("`{key}` is generated, not written"))
                    .with_hint(format!("its pages are converted from `{}`: remove this file", lang.source().code())),
            ),
            None => diagnostics.push(languages.unknown(key, Location::file(&file))),
        }
        files.push(file);
    }
    for lang in languages.written().filter(|lang| !titles.iter().any(|(key, _)| key == lang.code())) {
        diagnostics.push(
            Diagnostic::warning(
                Location::file(path(pair.original.file)),
                format!(
                    "no `{}` translation: the `{}` pages show another language's text with a notice",
                    lang.code(),
                    lang.code()
                ),
            )
            .with_hint(format!(
                "add `{}.{}.md` with the translated title, summary and text",
                pair.id,
                lang.code()
            )),
        );
    }
    Texts {
        files,
        title: Localized::from_texts(titles),
        summary: summary.map(|_| Localized::from_texts(summaries)),
        body: Html::from_texts(bodies),
    }
}

/// Each showcase is checked on its own, in parallel: they are most of a site's records, and
/// `serve` checks all of them again after every save.
pub(super) fn validate_showcases(
    pairs: Vec<DocumentPair<crate::content::document::ShowcaseFront>>,
    languages: &Languages,
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
            let showcase = validate_showcase(pair, languages, path, ids, indicators, include_drafts, &mut found);
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
    languages: &Languages,
    path: &PathOf<'_>,
    ids: &Registries,
    indicators: &[Indicator],
    include_drafts: bool,
    diagnostics: &mut Diagnostics,
) -> Option<Showcase> {
    let file = path(pair.original.file);
    if !check_id(&pair.id, &Location::file(&file), "showcase", diagnostics) {
        return None;
    }
    let front = &pair.original.front;
    let texts = texts(pair, (&front.title, front.summary.as_ref()), languages, path, diagnostics);
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
    Some(Showcase {
        id: pair.id.clone(),
        files: texts.files,
        title: texts.title,
        summary: texts.summary,
        date,
        body: texts.body,
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
    languages: &Languages,
    path: &PathOf<'_>,
    plans: &[Plan],
    as_of: Date,
    diagnostics: &mut Diagnostics,
) -> Vec<YearReport> {
    let mut reports = Vec::new();
    for pair in pairs {
        let file = path(pair.original.file);
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
        let front = &pair.original.front;
        let texts = texts(&pair, (&front.title, front.summary.as_ref()), languages, path, diagnostics);
        let Some(date) = parse_date(&front.date, &file, diagnostics) else { continue };
        if date > as_of {
            diagnostics.push(super::after_as_of(front.date.location(&file), date, as_of));
            continue;
        }
        reports.push(YearReport {
            year,
            files: texts.files,
            title: texts.title,
            summary: texts.summary,
            date,
            body: texts.body,
            sample: front.sample,
            indicators: Vec::new(),
            counts: Default::default(),
            has_sample: false,
        });
    }
    reports.sort_by_key(|r| r.year);
    reports
}
