//! Fingerprints of what pages are rendered from: each record of the site (its derived fields
//! included, so editing a showcase changes the schools, indicators, plans and tags that list it),
//! each page template with the templates it shares, and the UI strings of each language. Rendered
//! Markdown enters a fingerprint as its length and digest ([`crate::markdown::SharedHtml`]), so
//! fingerprinting never reads a whole body.

use std::collections::HashMap;
use std::fmt::{self, Debug};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::OnceLock;

use super::pages;
use super::records::{Collection, Record};
use crate::model::Site;

/// The fingerprint of each record of a site, worked out the first time a page needs it.
pub struct RecordFingerprints {
    config: OnceLock<u64>,
    site_counts: OnceLock<u64>,
    showcase_pages: OnceLock<u64>,
    plans: Vec<OnceLock<u64>>,
    indicators: Vec<OnceLock<u64>>,
    schools: Vec<OnceLock<u64>>,
    showcases: Vec<OnceLock<u64>>,
    tags: Vec<OnceLock<u64>>,
    reports: Vec<OnceLock<u64>>,
    departments: Vec<OnceLock<u64>>,
    annexes: Vec<OnceLock<u64>>,
    interpretations: Vec<OnceLock<u64>>,
}

impl RecordFingerprints {
    pub fn new(site: &Site) -> Self {
        let each = |count: usize| (0..count).map(|_| OnceLock::new()).collect();
        RecordFingerprints {
            config: OnceLock::new(),
            site_counts: OnceLock::new(),
            showcase_pages: OnceLock::new(),
            plans: each(site.plans.len()),
            indicators: each(site.indicators.len()),
            schools: each(site.schools.len()),
            showcases: each(site.showcases.len()),
            tags: each(site.tags.len()),
            reports: each(site.reports.len()),
            departments: each(site.departments.len()),
            annexes: each(site.annexes.len()),
            interpretations: each(site.interpretations.len()),
        }
    }

    /// The fingerprint of `record` of `site`, or `None` when the site has no such record (a page
    /// read it in an earlier version of the site, which had more of its kind).
    pub fn get(&self, site: &Site, record: Record) -> Option<u64> {
        let once = |cell: Option<&OnceLock<u64>>, value: &dyn Debug| Some(*cell?.get_or_init(|| fingerprint(value)));
        match record {
            Record::Config => once(Some(&self.config), &site.config),
            Record::SiteCounts => once(Some(&self.site_counts), &site.counts),
            Record::ShowcasePages => once(Some(&self.showcase_pages), &pages::showcase_page_count(site)),
            Record::Sections => Some(fingerprint(&pages::Sections::of(site))),
            Record::Plan(i) => once(self.plans.get(i), site.plans.get(i)?),
            Record::Indicator(i) => once(self.indicators.get(i), site.indicators.get(i)?),
            Record::School(i) => once(self.schools.get(i), site.schools.get(i)?),
            Record::Showcase(i) => once(self.showcases.get(i), site.showcases.get(i)?),
            Record::Tag(i) => once(self.tags.get(i), site.tags.get(i)?),
            Record::Report(i) => once(self.reports.get(i), site.reports.get(i)?),
            Record::Department(i) => once(self.departments.get(i), site.departments.get(i)?),
            Record::Annex(i) => once(self.annexes.get(i), site.annexes.get(i)?),
            Record::Interpretation(i) => once(self.interpretations.get(i), site.interpretations.get(i)?),
            Record::Count(collection) => Some(count(site, collection) as u64),
        }
    }
}

fn count(site: &Site, collection: Collection) -> usize {
    match collection {
        Collection::Plans => site.plans.len(),
        Collection::Indicators => site.indicators.len(),
        Collection::Schools => site.schools.len(),
        Collection::Showcases => site.showcases.len(),
        Collection::Tags => site.tags.len(),
        Collection::Reports => site.reports.len(),
        Collection::Departments => site.departments.len(),
        Collection::Annexes => site.annexes.len(),
        Collection::Interpretations => site.interpretations.len(),
    }
}

/// A hash of a value's `Debug` form: every field, derived ones included, without building the
/// string.
pub(crate) fn fingerprint<T: Debug + ?Sized>(value: &T) -> u64 {
    struct HashWriter(DefaultHasher);
    impl fmt::Write for HashWriter {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            self.0.write(s.as_bytes());
            Ok(())
        }
    }
    let mut writer = HashWriter(DefaultHasher::new());
    let _ = fmt::write(&mut writer, format_args!("{value:?}"));
    writer.0.finish()
}

/// Per page template: a fingerprint of its own source and of every template it may use. A template
/// that no page kind names (`base.html`, `components.html`), or that another template names or
/// that defines components, may be used by any page, so it counts for all of them. This errs on
/// the side of rendering more, never less.
pub(crate) fn template_fingerprints(templates: &[(String, String)]) -> HashMap<String, u64> {
    let page_templates: Vec<&str> = pages::ALL_TEMPLATES.to_vec();
    let is_shared = |name: &str, source: &str| {
        !page_templates.contains(&name)
            || defines_component(source)
            || templates.iter().any(|(other, text)| other != name && names_template(text, name))
    };
    let mut shared = DefaultHasher::new();
    for (name, source) in templates.iter().filter(|(name, source)| is_shared(name, source)) {
        (name, source).hash(&mut shared);
    }
    templates
        .iter()
        .map(|(name, source)| {
            let mut hasher = shared.clone();
            (name, source).hash(&mut hasher);
            (name.clone(), hasher.finish())
        })
        .collect()
}

fn defines_component(source: &str) -> bool {
    source
        .match_indices("{%")
        .any(|(at, _)| source[at + 2..].trim_start_matches(['-', '+']).trim_start().starts_with("component "))
}

fn names_template(source: &str, name: &str) -> bool {
    source.contains(&format!("\"{name}\"")) || source.contains(&format!("'{name}'"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn templates(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(n, s)| (n.to_string(), s.to_string())).collect()
    }

    #[test]
    fn a_page_template_edit_changes_only_its_own_fingerprint() {
        let before = template_fingerprints(&templates(&[
            ("base.html", "<body>{% block content %}{% endblock content %}</body>"),
            ("showcase.html", "{% extends \"base.html\" %}one"),
            ("school.html", "{% extends \"base.html\" %}two"),
        ]));
        let after = template_fingerprints(&templates(&[
            ("base.html", "<body>{% block content %}{% endblock content %}</body>"),
            ("showcase.html", "{% extends \"base.html\" %}one, edited"),
            ("school.html", "{% extends \"base.html\" %}two"),
        ]));
        assert_ne!(before["showcase.html"], after["showcase.html"]);
        assert_eq!(before["school.html"], after["school.html"]);
    }

    #[test]
    fn a_shared_template_edit_changes_every_fingerprint() {
        let base = |text: &str| {
            template_fingerprints(&templates(&[
                ("base.html", text),
                ("showcase.html", "{% extends \"base.html\" %}"),
                ("tag.html", "{% extends \"showcase.html\" %}"),
            ]))
        };
        let (before, after) = (base("a"), base("b"));
        assert_ne!(before["showcase.html"], after["showcase.html"]);
        assert_ne!(before["tag.html"], after["tag.html"]);
    }

    #[test]
    fn a_page_template_that_another_extends_counts_for_both() {
        let site = |text: &str| {
            template_fingerprints(&templates(&[
                ("showcase.html", text),
                ("tag.html", "{% extends \"showcase.html\" %}"),
            ]))
        };
        assert_ne!(site("a")["tag.html"], site("b")["tag.html"]);
    }

    #[test]
    fn a_page_template_that_defines_components_counts_for_all() {
        assert!(defines_component("x {%- component card(c) %}{% endcomponent card %}"));
        assert!(!defines_component("{% block content %}components{% endblock content %}"));
    }
}
