//! The page of a plan and the page of an indicator.

use serde::Serialize;
use tera::Context;

use super::plan_documents::{annex_link, interpretation_link};
use super::tasks::{TaskView, TierView, task_views, tiers};
use super::{DownloadLinks, serde_plain};
use crate::i18n::Text;
use crate::model::{ParentDocument, Plan, Repeal};
use crate::progress::{Basis, Relative, TargetValue};
use crate::render::pages::PageKind;
use crate::render::views::{IndicatorRow, Link, Views};

#[derive(Serialize)]
struct GoalView {
    id: String,
    title: Text,
    description: Option<Text>,
    departments: Vec<TierView>,
    editorial_departments: bool,
    tasks: Vec<TaskView>,
    rows: Vec<IndicatorRow>,
    counts: crate::render::views::CountsView,
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

#[derive(Serialize)]
struct SafeguardsView {
    title: Text,
    tasks: Vec<TaskView>,
}

#[derive(Serialize)]
struct ParentView {
    title: Text,
    number: Option<String>,
    issuer: Option<Text>,
    /// The plan's page on this site, or the document's own address elsewhere.
    url: Option<String>,
    external: bool,
}

pub(super) fn plan(views: &Views, index: usize, context: &mut Context) -> Text {
    let plan = views.plan(index);
    let goals: Vec<GoalView> = plan
        .goals
        .iter()
        .map(|goal| GoalView {
            id: goal.id.clone(),
            title: views.text(&goal.title),
            description: goal.description.as_ref().map(|d| views.html(d)),
            departments: tiers(views, &goal.departments, &goal.partners),
            editorial_departments: goal.editorial_departments,
            tasks: task_views(views, index, &goal.tasks),
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
    let safeguards = plan
        .safeguards
        .as_ref()
        .map(|s| SafeguardsView { title: views.text(&s.title), tasks: task_views(views, index, &s.tasks) });
    let title = views.text(&plan.title);
    context.insert("plan", &views.plan_card(index));
    context.insert("metadata", &metadata(views, plan));
    context.insert("based_on", &plan.based_on.iter().map(|p| parent_view(views, p)).collect::<Vec<_>>());
    context.insert("summary", &views.html(&plan.summary));
    context.insert("sample_note", &views.opt_text(&plan.sample_note));
    context.insert("goals", &goals);
    context.insert("phases", &phases);
    context.insert("safeguards", &safeguards);
    context.insert("annexes", &plan.annexes.iter().map(|a| annex_link(views, *a)).collect::<Vec<_>>());
    let interpretations: Vec<_> = plan.interpretations.iter().map(|i| interpretation_link(views, *i, false)).collect();
    context.insert("interpretations", &interpretations);
    context.insert("milestone_counts", &views.counts(&plan.milestone_counts));
    let timeline = crate::render::pages::has_milestones(plan).then(|| views.url(PageKind::Timeline(index)));
    context.insert("timeline_url", &timeline);
    context.insert("downloads", &plan_downloads(views, plan));
    context.insert("showcases", &plan.showcases.iter().map(|s| views.showcase_card(*s)).collect::<Vec<_>>());
    title
}

/// The plan's 政府信息公开 record, in the order government sites list it.
fn metadata(views: &Views, plan: &Plan) -> Vec<MetadataRow> {
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
    let date_or_not_stated =
        |date: Option<jiff::civil::Date>| date.map_or_else(|| views.t("meta_not_stated"), |d| views.date(d));
    metadata.push(plain_row("meta_written", date_or_not_stated(plan.written)));
    if let Some(number) = &plan.document_number {
        metadata.push(plain_row("meta_document_number", number.clone()));
    }
    metadata.push(plain_row("meta_published", date_or_not_stated(plan.published)));
    if let Some(keywords) = &plan.keywords {
        let words: Vec<String> = keywords.iter().map(|k| views.text(k).text).collect();
        let value =
            if words.is_empty() { views.t("meta_keywords_none") } else { words.join(&views.t("list_separator")) };
        metadata.push(plain_row("meta_keywords", value));
    }
    if let Some(disclosure) = plan.disclosure {
        metadata.push(plain_row("meta_disclosure", views.t(&format!("disclosure_{}", serde_plain(&disclosure)))));
    }
    if let Some(repeal) = plan.repeal {
        let value = match repeal {
            Repeal::NotRepealed => views.t("meta_not_repealed"),
            Repeal::On(date) => views.date(date),
        };
        metadata.push(plain_row("meta_repeal_date", value));
    }
    metadata.push(plain_row(
        "meta_validity",
        views.t(&format!("validity_{}", crate::render::views::validity_key(plan.validity))),
    ));
    metadata.push(plain_row("meta_period", format!("{}–{}", plan.start_year, plan.end_year)));
    if let Some(source) = &plan.source {
        metadata.push(text_row("meta_source", source));
    }
    metadata
}

fn parent_view(views: &Views, parent: &ParentDocument) -> ParentView {
    let internal = parent.plan.map(|p| views.url(PageKind::Plan(p)));
    ParentView {
        title: views.text(&parent.title),
        number: parent.number.clone(),
        issuer: views.opt_text(&parent.issuer),
        external: internal.is_none() && parent.url.is_some(),
        url: internal.or_else(|| parent.url.clone()),
    }
}

/// Where the plan's tasks and milestones can be downloaded.
#[derive(Serialize)]
struct PlanDownloads {
    json: String,
    tasks_csv: String,
    milestones_csv: String,
}

fn plan_downloads(views: &Views, plan: &Plan) -> PlanDownloads {
    let base = &views.config().base_path;
    PlanDownloads {
        json: format!("{base}{}", crate::render::downloads::plan_json_path(plan)),
        tasks_csv: format!("{base}{}", crate::render::downloads::plan_tasks_csv_path(plan)),
        milestones_csv: format!("{base}{}", crate::render::downloads::plan_milestones_csv_path(plan)),
    }
}

#[derive(Serialize)]
struct YearRow {
    year: u16,
    target: Option<String>,
    /// 确保 / 力争, as the plan words the target.
    commitment: Option<String>,
    /// What a relative target compares with, and its figure.
    benchmark: Option<BenchmarkView>,
    quote: Option<Text>,
    expected: Option<String>,
    actual: Option<String>,
    sample: bool,
    source: Option<Text>,
    note: Option<Text>,
    status: crate::render::views::StatusView,
}

#[derive(Serialize)]
struct BenchmarkView {
    name: Text,
    value: Option<String>,
    sample: bool,
    source: Option<Text>,
}

#[derive(Serialize)]
struct IndicatorView {
    id: String,
    name: Text,
    unit: Text,
    plan: Link,
    goal: Text,
    goal_url: String,
    /// 约束性 / 预期性, where the plan or the editors classify it.
    kind: Option<String>,
    editorial_kind: bool,
    editorial_departments: bool,
    direction: String,
    departments: Vec<Link>,
    clause: Option<Text>,
    baseline: Option<String>,
    baseline_sample: bool,
    headline: crate::render::views::StatusView,
    sample: bool,
}

/// The benchmark a relative target compares with, with its figure for the year.
fn benchmark_view(views: &Views, target: &TargetValue, q: impl Fn(f64) -> String) -> Option<BenchmarkView> {
    let TargetValue::Relative(Relative { basis: Basis::Benchmark(benchmark), .. }) = target else { return None };
    Some(BenchmarkView {
        name: views.text(&benchmark.name),
        value: benchmark.value.map(q),
        sample: views.sample(benchmark.sample),
        source: views.opt_text(&benchmark.source),
    })
}

pub(super) fn indicator(views: &Views, index: usize, context: &mut Context) -> Text {
    let indicator = views.indicator(index);
    let plan = views.plan(indicator.plan);
    let style = views.style();
    let q = |v: f64| style.quantity(v, &indicator.unit);
    let years: Vec<YearRow> = crate::render::years::with_history(indicator)
        .map(|crate::render::years::IndicatorYear { year, status, target, actual }| YearRow {
            year,
            target: target.map(|t| style.target(&t.value, &indicator.unit)),
            commitment: target.and_then(|t| t.commitment).map(|c| views.t(&format!("commitment_{}", serde_plain(&c)))),
            benchmark: target.and_then(|t| benchmark_view(views, &t.value, q)),
            quote: target.and_then(|t| views.opt_text(&t.quote)),
            expected: status.and_then(|p| p.expected).map(q),
            actual: actual.map(|a| views.figure(indicator, a)),
            sample: views.sample(actual.is_some_and(|a| a.sample)),
            source: actual.and_then(|a| views.opt_text(&a.source)),
            note: actual.and_then(|a| views.opt_text(&a.note)),
            status: match status {
                Some(p) => views.status(p.status),
                None => crate::render::views::StatusView { key: "history", label: views.t("status_history") },
            },
        })
        .collect();
    let view = IndicatorView {
        id: indicator.id.clone(),
        name: views.text(&indicator.name),
        unit: views.text(&indicator.unit),
        plan: views.plan_link(indicator.plan),
        goal: views.text(&plan.goals[indicator.goal].title),
        goal_url: format!("{}#goal-{}", views.url(PageKind::Plan(indicator.plan)), plan.goals[indicator.goal].id),
        kind: indicator.kind.map(|kind| views.t(&format!("kind_{}", serde_plain(&kind)))),
        editorial_kind: indicator.editorial_kind,
        editorial_departments: indicator.editorial_departments,
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
    let labels = crate::render::charts::ChartLabels {
        title: &title.text,
        description: &description,
        target: &views.t("col_target"),
        actual: &views.t("col_actual"),
        sample: &views.t("sample_label"),
        baseline: &views.t("col_baseline"),
    };
    let years_of_plan: Vec<u16> = plan.years().collect();
    context.insert("chart", &crate::render::charts::indicator_chart(indicator, &years_of_plan, views.style(), &labels));
    context.insert("indicator", &view);
    let base = &views.config().base_path;
    context.insert(
        "downloads",
        &DownloadLinks {
            csv: format!("{base}{}", crate::render::downloads::indicator_csv_path(indicator)),
            json: format!("{base}{}", crate::render::downloads::indicator_json_path(indicator)),
            data_csv: Some(format!("{base}{}", crate::render::downloads::indicator_data_csv_path(indicator))),
        },
    );
    context.insert("years", &years);
    context.insert("data", &super::statistics::data(views, indicator));
    context.insert("showcases", &indicator.showcases.iter().map(|s| views.showcase_card(*s)).collect::<Vec<_>>());
    title
}
