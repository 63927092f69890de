//! The pages of published documents (showcases, yearly reports) and the progress overview.

use serde::Serialize;
use tera::Context;

use super::PlanIndicators;
use crate::i18n::Text;
use crate::progress::ProgressStatus;
use crate::render::pages::PageKind;
use crate::render::views::{IndicatorRow, Link, Views};

pub(super) fn showcase(views: &Views, index: usize, context: &mut Context) -> Text {
    let showcase = views.showcase(index);
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
    counts: crate::render::views::CountsView,
    sample: bool,
}

fn report_card(views: &Views, index: usize) -> ReportCard {
    let report = views.report(index);
    ReportCard {
        year: report.year,
        url: views.url(PageKind::Report(index)),
        title: views.text(&report.title),
        summary: views.opt_text(&report.summary),
        counts: views.counts(&report.counts),
        sample: views.sample(report.has_sample),
    }
}

pub(super) fn results(views: &Views, context: &mut Context) -> Text {
    context.insert("reports", &views.reports().rev().map(|i| report_card(views, i)).collect::<Vec<_>>());
    views.ui("nav_results")
}

pub(super) fn report(views: &Views, index: usize, context: &mut Context) -> Text {
    let report = views.report(index);
    let groups: Vec<PlanIndicators> = views
        .plans()
        .filter_map(|p| {
            let rows: Vec<IndicatorRow> = report
                .indicators
                .iter()
                .filter(|i| views.indicator(**i).plan == p)
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
struct CountsRow {
    link: Link,
    counts: crate::render::views::CountsView,
}

pub(super) fn progress(views: &Views, context: &mut Context) -> Text {
    let plans: Vec<CountsRow> = views
        .plans()
        .map(|p| CountsRow { link: views.plan_link(p), counts: views.counts(&views.plan(p).counts) })
        .collect();
    let years: Vec<CountsRow> = views
        .reports()
        .map(|r| CountsRow {
            link: Link {
                url: views.url(PageKind::Report(r)),
                text: crate::i18n::Text {
                    text: views.report(r).year.to_string(),
                    lang: views.lang.tag(),
                    fallback: false,
                },
            },
            counts: views.counts(&views.report(r).counts),
        })
        .collect();
    let departments: Vec<CountsRow> = views
        .departments()
        .filter(|d| !views.department(*d).indicators.is_empty())
        .map(|d| CountsRow { link: views.department_link(d), counts: views.counts(&views.department(d).counts) })
        .collect();
    context.insert("counts", &views.counts(views.site_counts()));
    context.insert("plans", &plans);
    context.insert("years", &years);
    context.insert("departments", &departments);
    context.insert("statuses", &ProgressStatus::ALL.iter().map(|s| views.status(*s)).collect::<Vec<_>>());
    views.ui("nav_progress")
}
