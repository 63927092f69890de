//! The page of a plan and the page of an indicator.

use serde::Serialize;
use tera::Context;

use super::{DownloadLinks, serde_plain};
use crate::i18n::Text;
use crate::render::format;
use crate::render::pages::PageKind;
use crate::render::views::{IndicatorRow, Link, Views};

#[derive(Serialize)]
struct GoalView {
    id: String,
    title: Text,
    description: Option<Text>,
    departments: Vec<Link>,
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

pub(super) fn plan(views: &Views, index: usize, context: &mut Context) -> Text {
    let plan = views.plan(index);
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
    metadata.push(plain_row(
        "meta_validity",
        views.t(&format!("validity_{}", crate::render::views::validity_key(plan.validity))),
    ));
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
    status: crate::render::views::StatusView,
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
    headline: crate::render::views::StatusView,
    sample: bool,
}

pub(super) fn indicator(views: &Views, index: usize, context: &mut Context) -> Text {
    let indicator = views.indicator(index);
    let plan = views.plan(indicator.plan);
    let q = |v: f64| format::quantity(v, &indicator.unit, views.lang);
    let years: Vec<YearRow> = crate::render::years::with_history(indicator)
        .map(|crate::render::years::IndicatorYear { year, status, target, actual }| YearRow {
            year,
            target: target.map(|t| format::target(&t.value, &indicator.unit, views.lang)),
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
    let labels = crate::render::charts::ChartLabels {
        title: &title.text,
        description: &description,
        target: &views.t("col_target"),
        actual: &views.t("col_actual"),
        sample: &views.t("sample_label"),
        baseline: &views.t("col_baseline"),
    };
    let years_of_plan: Vec<u16> = plan.years().collect();
    context.insert("chart", &crate::render::charts::indicator_chart(indicator, &years_of_plan, views.lang, &labels));
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
