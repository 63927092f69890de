//! The documents published with a plan: an annex (附件) and a policy interpretation (政策解读) each
//! on a page of its own, linked to and from their plan, and the list of every interpretation.

use serde::Serialize;
use tera::Context;

use crate::i18n::Text;
use crate::render::pages::PageKind;
use crate::render::views::{Link, Views};

/// A plan's annex or interpretation in a list.
#[derive(Serialize)]
pub(super) struct DocumentLink {
    url: String,
    title: Text,
    /// 附件1 for an annex.
    label: Option<String>,
    /// The date of an interpretation.
    date: Option<String>,
    iso_date: Option<String>,
    summary: Option<Text>,
    /// The plan, in a list of interpretations of every plan.
    plan: Option<Link>,
    sample: bool,
}

pub(super) fn annex_link(views: &Views, index: usize) -> DocumentLink {
    let annex = views.annex(index);
    DocumentLink {
        url: views.url(PageKind::Annex(index)),
        title: views.text(&annex.title),
        label: Some(views.fill("annex_number", &[("number", annex.number.to_string())])),
        date: None,
        iso_date: None,
        summary: None,
        plan: None,
        sample: views.sample(annex.sample),
    }
}

pub(super) fn interpretation_link(views: &Views, index: usize, with_plan: bool) -> DocumentLink {
    let interpretation = views.interpretation(index);
    DocumentLink {
        url: views.url(PageKind::Interpretation(index)),
        title: views.text(&interpretation.title),
        label: None,
        date: Some(views.date(interpretation.date)),
        iso_date: Some(interpretation.date.to_string()),
        summary: views.opt_text(&interpretation.summary),
        plan: with_plan.then(|| views.plan_link(interpretation.plan)),
        sample: views.sample(interpretation.sample),
    }
}

/// What a document's page says about its plan: the plan, its document number and its other annexes.
#[derive(Serialize)]
struct PlanOfDocument {
    plan: Link,
    document_number: Option<Text>,
}

fn plan_of(views: &Views, plan: usize) -> PlanOfDocument {
    PlanOfDocument {
        plan: views.plan_link(plan),
        document_number: views.plan(plan).document_number.as_deref().map(|number| views.in_default_language(number)),
    }
}

pub(super) fn annex(views: &Views, index: usize, context: &mut Context) -> Text {
    let annex = views.annex(index);
    let siblings: Vec<DocumentLink> =
        views.plan(annex.plan).annexes.iter().filter(|i| **i != index).map(|i| annex_link(views, *i)).collect();
    context.insert("of", &plan_of(views, annex.plan));
    context.insert("label", &views.fill("annex_number", &[("number", annex.number.to_string())]));
    context.insert("body", &views.html(&annex.body));
    context.insert("sample", &views.sample(annex.sample));
    context.insert("siblings", &siblings);
    let title = views.text(&annex.title);
    Text {
        text: format!(
            "{}{}{}",
            views.fill("annex_number", &[("number", annex.number.to_string())]),
            views.t("annex_title_separator"),
            title.text
        ),
        ..title
    }
}

pub(super) fn interpretation(views: &Views, index: usize, context: &mut Context) -> Text {
    let interpretation = views.interpretation(index);
    context.insert("of", &plan_of(views, interpretation.plan));
    context.insert("date", &views.date(interpretation.date));
    context.insert("iso_date", &interpretation.date.to_string());
    context.insert("summary", &views.opt_text(&interpretation.summary));
    context.insert("body", &views.html(&interpretation.body));
    context.insert("sample", &views.sample(interpretation.sample));
    views.text(&interpretation.title)
}

pub(super) fn interpretations(views: &Views, context: &mut Context) -> Text {
    let items: Vec<DocumentLink> = views.interpretations().map(|i| interpretation_link(views, i, true)).collect();
    context.insert("interpretations", &items);
    views.ui("nav_interpretations")
}
