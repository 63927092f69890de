//! What each kind of page puts in its template context, on top of the shared `site`, `page` and `t`.

use serde::Serialize;
use tera::Context;

use super::format;
use super::pages::PageKind;
use super::views::{IndicatorRow, Link, Views};
use crate::i18n::Text;
use crate::model::Site;
use crate::progress::ProgressStatus;

/// Fills `context` for `kind` and returns the page title.
pub fn fill(views: &Views, kind: PageKind, context: &mut Context) -> Text {
    let site = views.site;
    match kind {
        PageKind::Home => home(views, context),
        PageKind::Plans => {
            context.insert("plans", &(0..site.plans.len()).map(|i| views.plan_card(i)).collect::<Vec<_>>());
            views.ui("nav_plans")
        }
        PageKind::Plan(i) => plan(views, i, context),
        PageKind::Indicators => {
            let groups: Vec<PlanIndicators> = (0..site.plans.len())
                .map(|p| PlanIndicators {
                    plan: views.plan_link(p),
                    rows: site.plans[p].indicators.iter().map(|i| views.indicator_row(*i, None)).collect(),
                })
                .collect();
            context.insert("groups", &groups);
            let base = &site.config.base_path;
            context.insert(
                "downloads",
                &DownloadLinks {
                    csv: format!("{base}{}", super::downloads::ALL_CSV),
                    json: format!("{base}{}", super::downloads::ALL_JSON),
                },
            );
            views.ui("nav_indicators")
        }
        PageKind::Indicator(i) => indicator(views, i, context),
        PageKind::Schools => schools(views, context),
        PageKind::School(i) => school(views, i, context),
        PageKind::Showcases(page) => {
            let per_page = site.config.showcases_per_page;
            let cards: Vec<_> = (0..site.showcases.len())
                .skip((page - 1) * per_page)
                .take(per_page)
                .map(|i| views.showcase_card(i))
                .collect();
            context.insert("showcases", &cards);
            context.insert("pagination", &views.pagination(page));
            views.ui("nav_showcases")
        }
        PageKind::Showcase(i) => showcase(views, i, context),
        PageKind::Tags => {
            let tags: Vec<TagCount> = (0..site.tags.len())
                .map(|t| TagCount { link: views.tag_link(t), count: site.tags[t].showcases.len() })
                .collect();
            context.insert("tags", &tags);
            views.ui("nav_tags")
        }
        PageKind::Tag(i) => {
            let tag = &site.tags[i];
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
            context.insert("last_due_year", &site.config.last_due_year());
            context.insert("as_of", &views.date(site.config.as_of));
            context.insert("statuses", &ProgressStatus::ALL.iter().map(|s| views.status(*s)).collect::<Vec<_>>());
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
    let site = views.site;
    let link = |kind: PageKind, key: &str| Link { url: views.url(kind), text: views.ui(key) };
    let view = SearchView {
        bundle: format!("{}{}", site.config.base_path, super::search::BUNDLE_DIR),
        base: format!("{}{}", site.config.base_path, views.mode.dir()),
        parts: (1..super::search::part_count(site, views.lang))
            .map(|n| format!("{}{}", site.config.base_path, super::search::part_dir(n)))
            .collect(),
        kinds: super::search::KIND_KEYS.iter().map(|key| views.t(key)).collect(),
        elsewhere: vec![
            link(PageKind::SiteMap, "nav_sitemap"),
            link(PageKind::Indicators, "nav_indicators"),
            link(PageKind::Schools, "nav_schools"),
        ],
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
    let site = views.site;
    let leaf = |link: Link| SiteMapItem { link, children: Vec::new() };
    let section = |kind: PageKind, key: &str, items: Vec<SiteMapItem>| SiteMapSection {
        url: views.url(kind),
        label: views.t(key),
        items,
    };
    let plans = (0..site.plans.len()).map(|p| leaf(views.plan_link(p))).collect();
    let indicators = (0..site.plans.len())
        .map(|p| SiteMapItem {
            link: views.plan_link(p),
            children: site.plans[p].indicators.iter().map(|i| views.indicator_link(*i)).collect(),
        })
        .collect();
    let reports = (0..site.reports.len())
        .map(|r| leaf(Link { url: views.url(PageKind::Report(r)), text: views.text(&site.reports[r].title) }))
        .collect();
    let showcases = (0..site.showcases.len())
        .map(|s| leaf(Link { url: views.url(PageKind::Showcase(s)), text: views.text(&site.showcases[s].title) }))
        .collect();
    let tags = (0..site.tags.len()).map(|t| leaf(views.tag_link(t))).collect();
    let schools = (0..site.schools.len()).map(|s| leaf(views.school_link(s))).collect();
    let departments = (0..site.departments.len()).map(|d| leaf(views.department_link(d))).collect();
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
    let search = site.config.search.then(|| section(PageKind::Search, "search_title", Vec::new()));
    let sections: Vec<SiteMapSection> = sections.into_iter().chain(search).collect();
    context.insert("sections", &sections);
    views.ui("nav_sitemap")
}

/// Where a page's data can be downloaded.
#[derive(Serialize)]
struct DownloadLinks {
    csv: String,
    json: String,
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
    let site = views.site;
    context.insert("plans", &(0..site.plans.len()).map(|i| views.plan_card(i)).collect::<Vec<_>>());
    context.insert("counts", &views.counts(&site.counts));
    context.insert("showcases", &(0..site.showcases.len().min(6)).map(|i| views.showcase_card(i)).collect::<Vec<_>>());
    let reports: Vec<Link> = site
        .reports
        .iter()
        .enumerate()
        .rev()
        .take(4)
        .map(|(i, r)| Link { url: views.url(PageKind::Report(i)), text: views.text(&r.title) })
        .collect();
    context.insert("reports", &reports);
    context.insert("description", &views.opt_text(&site.config.description));
    views.text(&site.config.title)
}

#[derive(Serialize)]
struct GoalView {
    id: String,
    title: Text,
    description: Option<Text>,
    departments: Vec<Link>,
    rows: Vec<IndicatorRow>,
    counts: super::views::CountsView,
}

#[derive(Serialize)]
struct PhaseView {
    title: Text,
    years: String,
    description: Option<Text>,
}

#[derive(Serialize)]
struct MetadataRow {
    label: String,
    value: String,
    lang: &'static str,
}

fn plan(views: &Views, index: usize, context: &mut Context) -> Text {
    let plan = &views.site.plans[index];
    let text_row = |key: &str, text: &crate::i18n::Localized| {
        let t = views.text(text);
        MetadataRow { label: views.t(key), value: t.text, lang: t.lang }
    };
    let plain_row = |key: &str, value: String| MetadataRow { label: views.t(key), value, lang: views.lang.tag() };
    let mut metadata = Vec::new();
    if let Some(number) = &plan.index_number {
        metadata.push(plain_row("meta_index_number", number.clone()));
    }
    if let Some(category) = &plan.category {
        metadata.push(text_row("meta_category", category));
    }
    metadata.push(text_row("meta_issuer", &plan.issuer));
    metadata.push(plain_row("meta_written", views.date(plan.written)));
    if let Some(number) = &plan.document_number {
        metadata.push(plain_row("meta_document_number", number.clone()));
    }
    metadata.push(plain_row("meta_published", views.date(plan.published)));
    metadata
        .push(plain_row("meta_validity", views.t(&format!("validity_{}", super::views::validity_key(plan.validity)))));
    metadata.push(plain_row("meta_period", format!("{}–{}", plan.start_year, plan.end_year)));
    if let Some(source) = &plan.source {
        metadata.push(text_row("meta_source", source));
    }
    let goals: Vec<GoalView> = plan
        .goals
        .iter()
        .map(|goal| GoalView {
            id: goal.id.clone(),
            title: views.text(&goal.title),
            description: goal.description.as_ref().map(|d| views.html(d)),
            departments: goal.departments.iter().map(|d| views.department_link(*d)).collect(),
            rows: goal.indicators.iter().map(|i| views.indicator_row(*i, None)).collect(),
            counts: views.counts(&goal.counts),
        })
        .collect();
    let phases: Vec<PhaseView> = plan
        .phases
        .iter()
        .map(|p| PhaseView {
            title: views.text(&p.title),
            years: format!("{}–{}", p.start_year, p.end_year),
            description: p.description.as_ref().map(|d| views.html(d)),
        })
        .collect();
    let title = views.text(&plan.title);
    context.insert("plan", &views.plan_card(index));
    context.insert("metadata", &metadata);
    context.insert("summary", &views.html(&plan.summary));
    context.insert("sample_note", &views.opt_text(&plan.sample_note));
    context.insert("goals", &goals);
    context.insert("phases", &phases);
    context.insert("showcases", &plan.showcases.iter().map(|s| views.showcase_card(*s)).collect::<Vec<_>>());
    title
}

#[derive(Serialize)]
struct YearRow {
    year: u16,
    target: Option<String>,
    quote: Option<Text>,
    expected: Option<String>,
    actual: Option<String>,
    sample: bool,
    source: Option<Text>,
    note: Option<Text>,
    status: super::views::StatusView,
}

#[derive(Serialize)]
struct BreakdownView {
    year: u16,
    dimension: Text,
    rows: Vec<BreakdownRowView>,
}

#[derive(Serialize)]
struct BreakdownRowView {
    label: Text,
    target: Option<String>,
    actual: Option<String>,
    sample: bool,
}

#[derive(Serialize)]
struct IndicatorView {
    id: String,
    name: Text,
    unit: Text,
    plan: Link,
    goal: Text,
    goal_url: String,
    kind: String,
    direction: String,
    departments: Vec<Link>,
    clause: Option<Text>,
    baseline: Option<String>,
    baseline_sample: bool,
    headline: super::views::StatusView,
    sample: bool,
}

fn indicator(views: &Views, index: usize, context: &mut Context) -> Text {
    let site = views.site;
    let indicator = &site.indicators[index];
    let plan = &site.plans[indicator.plan];
    let q = |v: f64| format::quantity(v, &indicator.unit, views.lang);
    let years: Vec<YearRow> = indicator
        .progress
        .iter()
        .map(|p| {
            let target = indicator.target_for(p.year);
            let actual = indicator.actual_for(p.year);
            YearRow {
                year: p.year,
                target: target.map(|t| format::target(&t.value, &indicator.unit, views.lang)),
                quote: target.and_then(|t| views.opt_text(&t.quote)),
                expected: p.expected.map(q),
                actual: actual.map(|a| views.measure(indicator, a.measure)),
                sample: views.sample(actual.is_some_and(|a| a.sample)),
                source: actual.and_then(|a| views.opt_text(&a.source)),
                note: actual.and_then(|a| views.opt_text(&a.note)),
                status: views.status(p.status),
            }
        })
        .collect();
    let breakdown = indicator.breakdown.as_ref().map(|b| BreakdownView {
        year: b.year,
        dimension: views.text(&b.dimension),
        rows: b
            .rows
            .iter()
            .map(|r| BreakdownRowView {
                label: views.text(&r.label),
                target: r.target.map(q),
                actual: r.actual.map(q),
                sample: views.sample(r.sample),
            })
            .collect(),
    });
    let view = IndicatorView {
        id: indicator.id.clone(),
        name: views.text(&indicator.name),
        unit: views.text(&indicator.unit),
        plan: views.plan_link(indicator.plan),
        goal: views.text(&plan.goals[indicator.goal].title),
        goal_url: format!("{}#goal-{}", views.url(PageKind::Plan(indicator.plan)), plan.goals[indicator.goal].id),
        kind: views.t(&format!("kind_{}", serde_plain(&indicator.kind))),
        direction: views.t(&format!("direction_{}", serde_plain(&indicator.direction))),
        departments: indicator.departments.iter().map(|d| views.department_link(*d)).collect(),
        clause: views.opt_text(&indicator.clause),
        baseline: indicator.baseline.as_ref().map(|b| format!("{} ({})", q(b.value), b.year)),
        baseline_sample: views.sample(indicator.baseline.as_ref().is_some_and(|b| b.sample)),
        headline: views.status(indicator.headline),
        sample: views.sample(indicator.has_sample),
    };
    let title = views.text(&indicator.name);
    let description = views.t("chart_description");
    let labels = super::charts::ChartLabels {
        title: &title.text,
        description: &description,
        target: &views.t("col_target"),
        actual: &views.t("col_actual"),
        sample: &views.t("sample_label"),
        baseline: &views.t("col_baseline"),
    };
    let years_of_plan: Vec<u16> = plan.years().collect();
    context.insert("chart", &super::charts::indicator_chart(indicator, &years_of_plan, views.lang, &labels));
    context.insert("indicator", &view);
    let base = &site.config.base_path;
    context.insert(
        "downloads",
        &DownloadLinks {
            csv: format!("{base}{}", super::downloads::indicator_csv_path(indicator)),
            json: format!("{base}{}", super::downloads::indicator_json_path(indicator)),
        },
    );
    context.insert("years", &years);
    context.insert("breakdown", &breakdown);
    context.insert("showcases", &indicator.showcases.iter().map(|s| views.showcase_card(*s)).collect::<Vec<_>>());
    title
}

/// The snake_case name serde gives a unit enum variant.
fn serde_plain<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

#[derive(Serialize)]
struct SchoolRow {
    link: Link,
    district: Text,
    stage: String,
    group: Option<Text>,
    partners: usize,
    showcases: usize,
    sample: bool,
    planned: bool,
}

fn school_row(views: &Views, index: usize) -> SchoolRow {
    let school = &views.site.schools[index];
    SchoolRow {
        link: views.school_link(index),
        district: views.text(&school.district),
        stage: views.t(&format!("stage_{}", serde_plain(&school.stage))),
        group: views.opt_text(&school.group),
        partners: school.partners.len(),
        showcases: school.showcases.len(),
        sample: views.sample(school.sample),
        planned: school.planned,
    }
}

fn schools(views: &Views, context: &mut Context) -> Text {
    let site = views.site;
    let mut order: Vec<usize> = (0..site.schools.len()).collect();
    order.sort_by(|a, b| {
        let (a, b) = (&site.schools[*a], &site.schools[*b]);
        (&a.district.zh, a.stage, &a.id).cmp(&(&b.district.zh, b.stage, &b.id))
    });
    context.insert("schools", &order.into_iter().map(|i| school_row(views, i)).collect::<Vec<_>>());
    views.ui("nav_schools")
}

#[derive(Serialize)]
struct PartnerView {
    link: Link,
    relation: String,
    role: String,
    plan: Option<Link>,
}

fn school(views: &Views, index: usize, context: &mut Context) -> Text {
    let school = &views.site.schools[index];
    let partners: Vec<PartnerView> = school
        .partners
        .iter()
        .map(|p| PartnerView {
            link: views.school_link(p.school),
            relation: views.t(&format!("relation_{}", serde_plain(&p.relation))),
            // The row names the partner, so the role shown is the partner's.
            role: views.t(if p.leads { "role_member" } else { "role_lead" }),
            plan: p.plan.map(|plan| views.plan_link(plan)),
        })
        .collect();
    context.insert("school", &school_row(views, index));
    context.insert("partners", &partners);
    context.insert("showcases", &school.showcases.iter().map(|s| views.showcase_card(*s)).collect::<Vec<_>>());
    views.text(&school.name)
}

fn showcase(views: &Views, index: usize, context: &mut Context) -> Text {
    let showcase = &views.site.showcases[index];
    context.insert("showcase", &views.showcase_card(index));
    context.insert("body", &views.html(&showcase.body));
    context
        .insert("indicators", &showcase.indicators.iter().map(|i| views.indicator_row(*i, None)).collect::<Vec<_>>());
    context.insert("plans", &showcase.plans.iter().map(|p| views.plan_link(*p)).collect::<Vec<_>>());
    context.insert("tags", &showcase.tags.iter().map(|t| views.tag_link(*t)).collect::<Vec<_>>());
    views.text(&showcase.title)
}

#[derive(Serialize)]
struct ReportCard {
    year: u16,
    url: String,
    title: Text,
    summary: Option<Text>,
    counts: super::views::CountsView,
    sample: bool,
}

fn report_card(views: &Views, index: usize) -> ReportCard {
    let report = &views.site.reports[index];
    ReportCard {
        year: report.year,
        url: views.url(PageKind::Report(index)),
        title: views.text(&report.title),
        summary: views.opt_text(&report.summary),
        counts: views.counts(&report.counts),
        sample: views.sample(report.has_sample),
    }
}

fn results(views: &Views, context: &mut Context) -> Text {
    context.insert("reports", &(0..views.site.reports.len()).rev().map(|i| report_card(views, i)).collect::<Vec<_>>());
    views.ui("nav_results")
}

fn report(views: &Views, index: usize, context: &mut Context) -> Text {
    let site = views.site;
    let report = &site.reports[index];
    let groups: Vec<PlanIndicators> = (0..site.plans.len())
        .filter_map(|p| {
            let rows: Vec<IndicatorRow> = report
                .indicators
                .iter()
                .filter(|i| site.indicators[**i].plan == p)
                .map(|i| views.indicator_row(*i, Some(report.year)))
                .collect();
            (!rows.is_empty()).then(|| PlanIndicators { plan: views.plan_link(p), rows })
        })
        .collect();
    context.insert("report", &report_card(views, index));
    context.insert("date", &views.date(report.date));
    context.insert("body", &views.html(&report.body));
    context.insert("groups", &groups);
    views.text(&report.title)
}

#[derive(Serialize)]
struct BodyDepartments {
    body: Text,
    departments: Vec<DepartmentRow>,
}

#[derive(Serialize)]
struct DepartmentRow {
    link: Link,
    goals: usize,
    indicators: usize,
    counts: super::views::CountsView,
}

fn departments(views: &Views, context: &mut Context) -> Text {
    let site = views.site;
    // Grouped by issuing body, in the order the bodies first appear.
    let mut bodies: Vec<(&str, BodyDepartments)> = Vec::new();
    for (index, department) in site.departments.iter().enumerate() {
        let row = DepartmentRow {
            link: views.department_link(index),
            goals: department.goals.len(),
            indicators: department.indicators.len(),
            counts: views.counts(&department.counts),
        };
        match bodies.iter_mut().find(|(key, _)| *key == department.body.zh) {
            Some((_, body)) => body.departments.push(row),
            None => bodies.push((
                &department.body.zh,
                BodyDepartments { body: views.text(&department.body), departments: vec![row] },
            )),
        }
    }
    context.insert("bodies", &bodies.into_iter().map(|(_, body)| body).collect::<Vec<_>>());
    views.ui("nav_departments")
}

#[derive(Serialize)]
struct GoalLink {
    plan: Link,
    goal: Text,
    url: String,
}

fn department(views: &Views, index: usize, context: &mut Context) -> Text {
    let site = views.site;
    let department = &site.departments[index];
    let goals: Vec<GoalLink> = department
        .goals
        .iter()
        .map(|(p, g)| GoalLink {
            plan: views.plan_link(*p),
            goal: views.text(&site.plans[*p].goals[*g].title),
            url: format!("{}#goal-{}", views.url(PageKind::Plan(*p)), site.plans[*p].goals[*g].id),
        })
        .collect();
    context.insert("body", &views.text(&department.body));
    context.insert("goals", &goals);
    context.insert("rows", &department.indicators.iter().map(|i| views.indicator_row(*i, None)).collect::<Vec<_>>());
    context.insert("counts", &views.counts(&department.counts));
    views.text(&department.name)
}

#[derive(Serialize)]
struct CountsRow {
    link: Link,
    counts: super::views::CountsView,
}

fn progress(views: &Views, context: &mut Context) -> Text {
    let site: &Site = views.site;
    let plans: Vec<CountsRow> = (0..site.plans.len())
        .map(|p| CountsRow { link: views.plan_link(p), counts: views.counts(&site.plans[p].counts) })
        .collect();
    let years: Vec<CountsRow> = (0..site.reports.len())
        .map(|r| CountsRow {
            link: Link {
                url: views.url(PageKind::Report(r)),
                text: views.text(&crate::i18n::Localized::new(
                    site.reports[r].year.to_string(),
                    site.reports[r].year.to_string(),
                )),
            },
            counts: views.counts(&site.reports[r].counts),
        })
        .collect();
    let departments: Vec<CountsRow> = (0..site.departments.len())
        .filter(|d| !site.departments[*d].indicators.is_empty())
        .map(|d| CountsRow { link: views.department_link(d), counts: views.counts(&site.departments[d].counts) })
        .collect();
    context.insert("counts", &views.counts(&site.counts));
    context.insert("plans", &plans);
    context.insert("years", &years);
    context.insert("departments", &departments);
    context.insert("statuses", &ProgressStatus::ALL.iter().map(|s| views.status(*s)).collect::<Vec<_>>());
    views.ui("nav_progress")
}
