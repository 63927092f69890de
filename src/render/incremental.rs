//! Rendering again after an edit, touching only the pages whose inputs changed.
//!
//! Every page has a fingerprint of all it is rendered from: its path and language, its template
//! (with the templates it shares), the UI strings, and each [`Record`] it shows
//! ([`pages::dependencies`]). A record's fingerprint covers its derived fields too, so editing a
//! showcase changes the showcase and the schools, indicators, plans and tags that list it, and
//! nothing else. A page whose fingerprint is unchanged keeps the bytes rendered last time; the
//! others are rendered again. With an empty cache this is a full render.

use std::collections::{BTreeMap, HashMap};
use std::fmt::{self, Debug};
use std::hash::{DefaultHasher, Hash, Hasher};

use bytes::Bytes;
use rayon::prelude::*;

use super::pages::{self, PagePlan, Record};
use super::{RenderOptions, Theme, render_plan};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::Lang;
use crate::model::Site;

/// The pages of the last render, each with the fingerprint of its inputs.
#[derive(Default)]
pub struct PageCache {
    pages: HashMap<String, (u64, Bytes)>,
}

/// The site as rendered into memory, and how much work it took.
pub struct Rendered {
    /// Path below the output folder → contents, for every file `build` would write.
    pub files: BTreeMap<String, Bytes>,
    /// Pages rendered this time, by path.
    pub rendered: Vec<String>,
    /// Pages whose inputs were unchanged, so their last bytes were kept.
    pub reused: usize,
}

impl PageCache {
    pub fn new() -> Self {
        Self::default()
    }

    /// How many pages the cache holds.
    pub fn len(&self) -> usize {
        self.pages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }

    /// Renders `site`, reusing every cached page whose inputs are unchanged. Pages that fail become
    /// diagnostics; the cache then still holds the pages that rendered, so the next run after a
    /// fix renders only what is still missing or changed.
    pub fn render(&mut self, site: &Site, theme: &Theme, diagnostics: &mut Diagnostics) -> Rendered {
        let fingerprints = Fingerprints::of(site);
        let plans = pages::plan(site);
        let results: Vec<(u64, PageResult)> = plans
            .par_iter()
            .map(|plan| {
                let inputs = page_inputs(site, theme, &fingerprints, *plan);
                let path = plan.file(site);
                match self.pages.get(&path).filter(|(old, _)| *old == inputs) {
                    Some((_, bytes)) => (inputs, Ok((path, bytes.clone()))),
                    None => {
                        let page = render_plan(site, theme, *plan, RenderOptions::default());
                        (inputs, page.map(|f| (f.path, Bytes::from(f.bytes))))
                    }
                }
            })
            .collect();
        let mut next = HashMap::with_capacity(results.len());
        let mut files = BTreeMap::new();
        let mut rendered = Vec::new();
        let mut reused = 0;
        for (inputs, result) in results {
            match result {
                Ok((path, bytes)) => {
                    let same = self.pages.get(&path).is_some_and(|(old, _)| *old == inputs);
                    if same {
                        reused += 1;
                    } else {
                        rendered.push(path.clone());
                    }
                    next.insert(path.clone(), (inputs, bytes.clone()));
                    files.insert(path, bytes);
                }
                Err(diagnostic) => diagnostics.push(diagnostic),
            }
        }
        self.pages = next;
        for file in super::site_files(site, theme) {
            files.insert(file.path, Bytes::from(file.bytes));
        }
        rendered.sort();
        Rendered { files, rendered, reused }
    }
}

/// A page's path and bytes, or why it failed.
type PageResult = Result<(String, Bytes), Diagnostic>;

/// The fingerprint of every record of a site.
struct Fingerprints {
    config: u64,
    site_counts: u64,
    showcase_pages: u64,
    plans: Vec<u64>,
    indicators: Vec<u64>,
    schools: Vec<u64>,
    showcases: Vec<u64>,
    tags: Vec<u64>,
    reports: Vec<u64>,
    departments: Vec<u64>,
}

impl Fingerprints {
    fn of(site: &Site) -> Self {
        fn each<T: Debug + Sync>(records: &[T]) -> Vec<u64> {
            records.par_iter().map(fingerprint).collect()
        }
        Fingerprints {
            config: fingerprint(&site.config),
            site_counts: fingerprint(&site.counts),
            showcase_pages: fingerprint(&pages::showcase_page_count(site)),
            plans: each(&site.plans),
            indicators: each(&site.indicators),
            schools: each(&site.schools),
            showcases: each(&site.showcases),
            tags: each(&site.tags),
            reports: each(&site.reports),
            departments: each(&site.departments),
        }
    }

    fn get(&self, record: Record) -> u64 {
        match record {
            Record::Config => self.config,
            Record::SiteCounts => self.site_counts,
            Record::ShowcasePages => self.showcase_pages,
            Record::Plan(i) => self.plans[i],
            Record::Indicator(i) => self.indicators[i],
            Record::School(i) => self.schools[i],
            Record::Showcase(i) => self.showcases[i],
            Record::Tag(i) => self.tags[i],
            Record::Report(i) => self.reports[i],
            Record::Department(i) => self.departments[i],
        }
    }
}

fn page_inputs(site: &Site, theme: &Theme, fingerprints: &Fingerprints, plan: PagePlan) -> u64 {
    let mut hasher = DefaultHasher::new();
    plan.lang.code().hash(&mut hasher);
    // The file includes the reading mode's folder, so each mode's copy is its own page.
    plan.file(site).hash(&mut hasher);
    theme.template_fingerprint(plan.kind.template()).hash(&mut hasher);
    theme.strings_fingerprint(plan.lang).hash(&mut hasher);
    for record in pages::dependencies(site, plan.kind) {
        // The kind without its index: indices shift when records are added, fingerprints do not.
        std::mem::discriminant(&record).hash(&mut hasher);
        fingerprints.get(record).hash(&mut hasher);
    }
    hasher.finish()
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

/// The UI strings of one language, for [`Theme::strings_fingerprint`].
pub(crate) fn strings_fingerprints(strings: &BTreeMap<Lang, super::views::Strings>) -> BTreeMap<Lang, u64> {
    strings.iter().map(|(lang, map)| (*lang, fingerprint(map))).collect()
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
