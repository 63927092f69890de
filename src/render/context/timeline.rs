//! A plan's timeline: every deadline of its milestones in date order, year by year, with its status
//! on `as_of`, and the day the site's data run to marked between the deadlines before and after it.

use serde::Serialize;
use tera::Context;

use super::tasks::{OccurrenceView, deadlines, occurrence_view, task_url};
use crate::i18n::Text;
use crate::render::pages::PageKind;
use crate::render::views::{CountsView, Link, Views};

#[derive(Serialize)]
struct YearView {
    year: i16,
    deadlines: Vec<DeadlineView>,
}

#[derive(Serialize)]
struct DeadlineView {
    milestone: Link,
    task: Link,
    #[serde(flatten)]
    occurrence: OccurrenceView,
    /// The first deadline after `as_of`: the marker of the reporting date goes before it.
    first_after_as_of: bool,
}

#[derive(Serialize)]
struct TimelineView {
    plan: Link,
    years: Vec<YearView>,
    counts: CountsView,
    as_of: String,
    iso_as_of: String,
    /// Whether every deadline lies before `as_of` or every one after it: then no marker is shown
    /// among them, and the page says so above the table.
    marker_shown: bool,
}

pub(super) fn timeline(views: &Views, index: usize, context: &mut Context) -> Text {
    let plan = views.plan(index);
    let as_of = views.config().as_of;
    let all = deadlines(plan);
    let first_after = all.iter().position(|(_, _, occurrence)| occurrence.due > as_of);
    let mut years: Vec<YearView> = Vec::new();
    for (position, (task, milestone, occurrence)) in all.iter().enumerate() {
        let year = occurrence.due.year();
        let deadline = DeadlineView {
            milestone: Link {
                url: format!("{}#milestone-{}", views.url(PageKind::Plan(index)), milestone.id),
                text: views.text(&milestone.title),
            },
            task: Link { url: task_url(views, index, task), text: views.text(&task.title) },
            occurrence: occurrence_view(views, occurrence, milestone.every.is_some()),
            first_after_as_of: Some(position) == first_after && position > 0,
        };
        match years.last_mut() {
            Some(last) if last.year == year => last.deadlines.push(deadline),
            _ => years.push(YearView { year, deadlines: vec![deadline] }),
        }
    }
    let view = TimelineView {
        plan: views.plan_link(index),
        years,
        counts: views.counts(&plan.milestone_counts),
        as_of: views.date(as_of),
        iso_as_of: as_of.to_string(),
        marker_shown: first_after.is_some_and(|p| p > 0),
    };
    context.insert("timeline", &view);
    let title = views.text(&plan.title);
    Text { text: views.fill("timeline_title", &[("plan", &title.text)]), ..title }
}
