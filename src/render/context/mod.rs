//! What each kind of page puts in its template context, on top of the shared `site`, `page` and `t`.

mod documents;
mod organisations;
mod plan_documents;
mod plans;
mod statistics;
mod tasks;
mod timeline;

use serde::Serialize;
use tera::Context;

use super::pages::PageKind;
use super::views::{IndicatorRow, Link, Views};
use crate::i18n::Text;
use crate::progress::ProgressStatus;
use documents::{progress, report, results, showcase};
use organisations::{department, departments, school, schools};
use plans::{indicator, plan};

/// Fills `context` for `kind` and returns the page title.
pub fn fill(views: &Views, kind: PageKind, context: &mut Context) -> Text {
    match kind {
        PageKind::Home => home(views, context),
        PageKind::Plans => {
            context.insert("plans", &views.plans().map(|i| views.plan_card(i)).collect::<Vec<_>>());
            let interpretations = views.interpretations().next().is_some();
            context.insert("interpretations_url", &interpretations.then(|| views.url(PageKind::Interpretations)));
            views.ui("nav_plans")
        }
        PageKind::Plan(i) => plan(views, i, context),
        PageKind::Timeline(i) => timeline::timeline(views, i, context),
        PageKind::Annex(i) => plan_documents::annex(views, i, context),
        PageKind::Interpretations => plan_documents::interpretations(views, context),
        PageKind::Interpretation(i) => plan_documents::interpretation(views, i, context),
        PageKind::Indicators => {
            let groups: Vec<PlanIndicators> = views
                .plans()
                .map(|p| PlanIndicators {
                    plan: views.plan_link(p),
                    rows: views.plan(p).indicators.iter().map(|i| views.indicator_row(*i, None)).collect(),
                })
                .collect();
            context.insert("groups", &groups);
            let base = &views.config().base_path;
            context.insert(
                "downloads",
                &DownloadLinks {
                    csv: format!("{base}{}", super::downloads::ALL_CSV),
                    json: format!("{base}{}", super::downloads::ALL_JSON),
                    data_csv: None,
                },
            );
            views.ui("nav_indicators")
        }
        PageKind::Indicator(i) => indicator(views, i, context),
        PageKind::Schools => schools(views, context),
        PageKind::School(i) => school(views, i, context),
        PageKind::Showcases(page) => {
            let per_page = views.config().showcases_per_page;
            let cards: Vec<_> =
                views.showcases().skip((page - 1) * per_page).take(per_page).map(|i| views.showcase_card(i)).collect();
            context.insert("showcases", &cards);
            context.insert("pagination", &views.pagination(page));
            views.ui("nav_showcases")
        }
        PageKind::Showcase(i) => showcase(views, i, context),
        PageKind::Tags => {
            let tags: Vec<TagCount> = views
                .tags()
                .map(|t| TagCount { link: views.tag_link(t), count: views.tag(t).showcases.len() })
                .collect();
            context.insert("tags", &tags);
            views.ui("nav_tags")
        }
        PageKind::Tag(i) => {
            let tag = views.tag(i);
            context.insert("showcases", &tag.showcases.iter().map(|s| views.showcase_card(*s)).collect::<Vec<_>>());
            let name = views.text(&tag.name);
            context.insert("tag", &name);
            name
        }
        PageKind::Results => results(views, context),
        PageKind::Report(i) => report(views, i, context),
        PageKind::Departments => departments(views, context),
        PageKind::Department(i) => department(views, i, context),
        PageKind::Progress => progress(views, context),
        PageKind::Methodology => {
            context.insert("last_due_year", &views.config().last_due_year());
            context.insert("as_of", &views.date(views.config().as_of));
            context.insert("statuses", &ProgressStatus::ALL.iter().map(|s| views.status(*s)).collect::<Vec<_>>());
            let threshold = views.style().number(crate::progress::LITTLE_CHANGE * 100.0);
            let percent = crate::i18n::Localized::from_texts([(views.lang.source().code(), "%")]);
            context.insert("trend_threshold", &views.style().with_unit(threshold, &percent));
            views.ui("nav_methodology")
        }
        PageKind::SiteMap => site_map(views, context),
        PageKind::Search => search(views, context),
        PageKind::NotFound => views.ui("not_found_title"),
    }
}

/// What the search page's form and script need, and where to look without JavaScript.
#[derive(Serialize)]
struct SearchView {
    /// The pagefind bundle, shared by every mode.
    bundle: String,
    /// The root of this mode's copy of the site: result links are below it, so they stay in the mode.
    base: String,
    /// The parts of this language's index after the first, which the script merges into it.
    parts: Vec<String>,
    /// The kinds of page a search can be narrowed to, as the results name them.
    kinds: Vec<String>,
    /// Where to look instead: the site map, the indicators and the schools.
    elsewhere: Vec<Link>,
}

fn search(views: &Views, context: &mut Context) -> Text {
    let link = |kind: PageKind, key: &str| Link { url: views.url(kind), text: views.ui(key) };
    let view = SearchView {
        bundle: format!("{}{}", views.config().base_path, super::search::BUNDLE_DIR),
        base: format!("{}{}", views.config().base_path, views.mode.dir()),
        parts: (1..super::search::part_count(views.every_page(), views.lang))
            .map(|n| format!("{}{}", views.config().base_path, super::search::part_dir(n)))
            .collect(),
        kinds: super::search::KIND_KEYS.iter().map(|key| views.t(key)).collect(),
        elsewhere: [
            (PageKind::SiteMap, "nav_sitemap"),
            (PageKind::Indicators, "nav_indicators"),
            (PageKind::Schools, "nav_schools"),
        ]
        .into_iter()
        .filter(|(kind, _)| views.sections().shows(*kind))
        .map(|(kind, key)| link(kind, key))
        .collect(),
    };
    context.insert("search", &view);
    views.ui("search_title")
}

/// One section of the site-map page: the section's own page and every page below it.
#[derive(Serialize)]
struct SiteMapSection {
    url: String,
    label: String,
    items: Vec<SiteMapItem>,
}

#[derive(Serialize)]
struct SiteMapItem {
    link: Link,
    children: Vec<Link>,
}

fn site_map(views: &Views, context: &mut Context) -> Text {
    let leaf = |link: Link| SiteMapItem { link, children: Vec::new() };
    let section = |kind: PageKind, key: &str, items: Vec<SiteMapItem>| SiteMapSection {
        url: views.url(kind),
        label: views.t(key),
        items,
    };
    // A plan's own pages: its timeline and its annexes.
    let plans = views
        .plans()
        .map(|p| {
            let plan = views.plan(p);
            let timeline = super::pages::has_milestones(plan)
                .then(|| Link { url: views.url(PageKind::Timeline(p)), text: views.ui("timeline_link") });
            let annexes = plan.annexes.iter().map(|a| {
                let annex = views.annex(*a);
                let label = views.fill("annex_number", &[("number", annex.number.to_string())]);
                let title = views.text(&annex.title);
                Link {
                    url: views.url(PageKind::Annex(*a)),
                    text: Text { text: format!("{label}{}{}", views.t("annex_title_separator"), title.text), ..title },
                }
            });
            SiteMapItem { link: views.plan_link(p), children: timeline.into_iter().chain(annexes).collect() }
        })
        .collect();
    let interpretations = views
        .interpretations()
        .map(|i| {
            leaf(Link { url: views.url(PageKind::Interpretation(i)), text: views.text(&views.interpretation(i).title) })
        })
        .collect::<Vec<_>>();
    let indicators = views
        .plans()
        .map(|p| SiteMapItem {
            link: views.plan_link(p),
            children: views.plan(p).indicators.iter().map(|i| views.indicator_link(*i)).collect(),
        })
        .collect();
    let reports = views
        .reports()
        .map(|r| leaf(Link { url: views.url(PageKind::Report(r)), text: views.text(&views.report(r).title) }))
        .collect();
    let showcases = views
        .showcases()
        .map(|s| leaf(Link { url: views.url(PageKind::Showcase(s)), text: views.text(&views.showcase(s).title) }))
        .collect();
    let tags = views.tags().map(|t| leaf(views.tag_link(t))).collect();
    let schools = views.schools().map(|s| leaf(views.school_link(s))).collect();
    let departments = views.departments().map(|d| leaf(views.department_link(d))).collect();
    let sections = vec![
        section(PageKind::Home, "nav_home", Vec::new()),
        section(PageKind::Plans, "nav_plans", plans),
        section(PageKind::Indicators, "nav_indicators", indicators),
        section(PageKind::Progress, "nav_progress", Vec::new()),
        section(PageKind::Results, "nav_results", reports),
        section(PageKind::Showcases(1), "nav_showcases", showcases),
        section(PageKind::Tags, "nav_tags", tags),
        section(PageKind::Schools, "nav_schools", schools),
        section(PageKind::Departments, "nav_departments", departments),
        section(PageKind::Methodology, "nav_methodology", Vec::new()),
    ];
    let interpretations = (!interpretations.is_empty())
        .then(|| section(PageKind::Interpretations, "nav_interpretations", interpretations));
    let search = views.config().search.then(|| section(PageKind::Search, "search_title", Vec::new()));
    let shown = views.sections();
    let kinds = [
        PageKind::Home,
        PageKind::Plans,
        PageKind::Indicators,
        PageKind::Progress,
        PageKind::Results,
        PageKind::Showcases(1),
        PageKind::Tags,
        PageKind::Schools,
        PageKind::Departments,
        PageKind::Methodology,
    ];
    let mut sections: Vec<SiteMapSection> = sections
        .into_iter()
        .zip(kinds)
        .filter(|(_, kind)| shown.shows(*kind))
        .map(|(section, _)| section)
        .chain(search)
        .collect();
    // Interpretations are published with the plans: their section follows the plans'.
    if let Some(interpretations) = interpretations {
        sections.insert(2.min(sections.len()), interpretations);
    }
    context.insert("sections", &sections);
    views.ui("nav_sitemap")
}

/// Where a page's data can be downloaded.
#[derive(Serialize)]
struct DownloadLinks {
    csv: String,
    json: String,
    /// Every figure of an indicator, in the tidy layout.
    data_csv: Option<String>,
}

#[derive(Serialize)]
struct PlanIndicators {
    plan: Link,
    rows: Vec<IndicatorRow>,
}

#[derive(Serialize)]
struct TagCount {
    link: Link,
    count: usize,
}

fn home(views: &Views, context: &mut Context) -> Text {
    context.insert("plans", &views.plans().map(|i| views.plan_card(i)).collect::<Vec<_>>());
    context.insert("counts", &views.counts(views.site_counts()));
    context.insert("showcases", &views.showcases().take(6).map(|i| views.showcase_card(i)).collect::<Vec<_>>());
    let reports: Vec<Link> = views
        .reports()
        .rev()
        .take(4)
        .map(|i| Link { url: views.url(PageKind::Report(i)), text: views.text(&views.report(i).title) })
        .collect();
    context.insert("reports", &reports);
    context.insert("description", &views.opt_text(&views.config().description));
    views.text(&views.config().title)
}

/// The snake_case name serde gives a unit enum variant.
fn serde_plain<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}
