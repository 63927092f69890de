//! Stage 2, validate: from the records as written to the typed [`Site`], ids resolved to indices.
//!
//! Every check pushes a located [`Diagnostic`] and goes on, so one run reports every problem.
//! One file per kind of record; [`registry`] holds the ids they resolve against.

mod documents;
mod indicators;
mod plan_documents;
mod plans;
mod registry;
mod schools;
mod statistics;
mod tasks;

use std::collections::BTreeSet;

use crate::config;
use crate::content::{ContentKind, RawSite};
use crate::diagnostics::Diagnostics;
use crate::i18n::Coverage;
use crate::model::*;

use documents::{validate_reports, validate_showcases};
use indicators::validate_indicators;
use plan_documents::{validate_annexes, validate_interpretations};
use plans::validate_plans;
use registry::{Registries, Registry, validate_departments, validate_tags};
use schools::validate_schools;

/// The path of a file of the site, by its index in [`RawSite::sources`].
type PathOf<'a> = dyn Fn(usize) -> std::path::PathBuf + Sync + 'a;

/// A document dated after the day the site's data run to: nothing can be published after it.
fn after_as_of(location: crate::diagnostics::Location, date: Date, as_of: Date) -> crate::diagnostics::Diagnostic {
    crate::diagnostics::Diagnostic::error(location, format!("dated {date}, after the site's `as_of` date {as_of}"))
        .with_hint("a document cannot be published after the date the site's data run to: check its `date`, or move `as_of` in gongkai.yaml")
}

/// Validates everything; `None` when the config itself is unusable.
pub fn validate(raw: RawSite, include_drafts: bool, diagnostics: &mut Diagnostics) -> Option<Site> {
    let config_file = raw.config.as_ref()?;
    let config_path = raw.path(config_file.file).to_path_buf();
    let RawSite {
        sources,
        config,
        plans,
        indicators,
        schools,
        departments,
        tags,
        showcases,
        results,
        annexes,
        interpretations,
        unparsed_ids,
        data,
        tidy,
        texts,
    } = raw;
    let path = |file: usize| sources[file].path.clone();
    let config = config::validate(crate::config::ConfigFile::clone(&config?.record), &config_path, diagnostics)?;
    let mut translations = Coverage::default();
    for (file, texts) in texts {
        config.languages.check_texts(&texts, &path(file), diagnostics);
        translations.add_texts(&path(file), &texts);
    }
    let default_key = config.languages.default_lang().code();
    let documents = showcases.iter().map(|pair| (pair.original.file, pair.translations.as_slice()));
    let documents = documents
        .chain(results.iter().map(|pair| (pair.original.file, pair.translations.as_slice())))
        .chain(annexes.iter().map(|pair| (pair.original.file, pair.translations.as_slice())))
        .chain(interpretations.iter().map(|pair| (pair.original.file, pair.translations.as_slice())));
    for (file, translated) in documents {
        let keys = std::iter::once(default_key).chain(translated.iter().map(|(key, _)| key.as_str()));
        translations.add_document(&path(file), keys);
    }

    let mut ids = Registries {
        departments: Registry::new("department", "content/departments/"),
        tags: Registry::new("tag", "content/tags/"),
        schools: Registry::new("school", "content/schools/"),
        plans: Registry::new("plan", "content/plans/"),
        indicators: Registry::new("indicator", "content/indicators/"),
    };
    for (kind, id) in unparsed_ids {
        let registry = match kind {
            ContentKind::Plan => &mut ids.plans,
            ContentKind::Indicator => &mut ids.indicators,
            ContentKind::School => &mut ids.schools,
            _ => continue,
        };
        registry.unparsed.insert(id);
    }
    let departments = validate_departments(departments, &path, &mut ids, diagnostics);
    let tags = validate_tags(tags, &path, &mut ids, diagnostics);
    let plans = validate_plans(plans, &path, &mut ids, config.as_of, diagnostics);
    let schools = validate_schools(schools, &path, &mut ids, diagnostics);
    let indicators = validate_indicators(indicators, data, tidy, &path, &plans, &mut ids, diagnostics);
    let showcases =
        validate_showcases(showcases, &config.languages, &path, &ids, &indicators, include_drafts, diagnostics);
    let reports = validate_reports(results, &config.languages, &path, &plans, config.as_of, diagnostics);
    let annexes = validate_annexes(annexes, &config.languages, &path, &ids, diagnostics);
    let interpretations =
        validate_interpretations(interpretations, &config.languages, &path, &ids, config.as_of, diagnostics);

    let years: BTreeSet<u16> = plans.iter().flat_map(Plan::years).collect();
    let mut site = Site {
        config,
        plans,
        indicators,
        schools,
        departments,
        tags,
        showcases,
        reports,
        annexes,
        interpretations,
        years: years.into_iter().collect(),
        counts: Default::default(),
        translations,
    };
    derive::derive(&mut site);
    Some(site)
}
