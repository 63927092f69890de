//! Milestone status: whether a deadline was kept, on the site's `as_of` date.
//!
//! The rules, also explained on the methodology page:
//! - A deadline with a report that it was done is **met**; done after the deadline, it is met
//!   **late**. A report may also say met without a day.
//! - A report that the work is behind makes it **behind**, before or after the deadline.
//! - A report that it is on track (only possible before the deadline) makes it **on track**.
//! - Without a report, a deadline after `as_of` is **not yet due**, and one on or before it has
//!   **no data**: the site does not know whether it was kept.

use jiff::civil::Date;

use super::ProgressStatus;
use crate::model::vocabulary::EditorStatus;

/// What was reported about one deadline.
#[derive(Debug, Clone, Copy)]
pub struct Reported {
    pub status: EditorStatus,
    pub done: Option<Date>,
}

/// The status of a deadline on `as_of`, and whether it was kept late.
pub fn milestone_status(due: Date, reported: Option<Reported>, as_of: Date) -> (ProgressStatus, bool) {
    match reported {
        Some(Reported { status: EditorStatus::Met, done }) => {
            (ProgressStatus::Met, done.is_some_and(|done| done > due))
        }
        Some(Reported { status, .. }) => (status.into(), false),
        None if due > as_of => (ProgressStatus::NotYetDue, false),
        None => (ProgressStatus::NoData, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        text.parse().unwrap()
    }

    const AS_OF: &str = "2020-12-31";

    #[test]
    fn a_deadline_done_in_time_is_met_and_done_after_it_is_met_late() {
        let due = date("2018-08-10");
        let done = |day: &str| Some(Reported { status: EditorStatus::Met, done: Some(date(day)) });
        assert_eq!(milestone_status(due, done("2018-08-09"), date(AS_OF)), (ProgressStatus::Met, false));
        assert_eq!(milestone_status(due, done("2018-08-10"), date(AS_OF)), (ProgressStatus::Met, false));
        assert_eq!(milestone_status(due, done("2018-08-25"), date(AS_OF)), (ProgressStatus::Met, true));
    }

    #[test]
    fn without_a_report_a_deadline_is_not_yet_due_until_it_passes_then_has_no_data() {
        assert_eq!(milestone_status(date("2021-01-31"), None, date(AS_OF)).0, ProgressStatus::NotYetDue);
        assert_eq!(milestone_status(date("2020-12-31"), None, date(AS_OF)).0, ProgressStatus::NoData);
    }

    #[test]
    fn an_editors_status_is_kept() {
        let reported = |status| Some(Reported { status, done: None });
        let due = date("2021-07-31");
        assert_eq!(milestone_status(due, reported(EditorStatus::OnTrack), date(AS_OF)).0, ProgressStatus::OnTrack);
        assert_eq!(milestone_status(due, reported(EditorStatus::Behind), date(AS_OF)).0, ProgressStatus::Behind);
        assert_eq!(milestone_status(due, reported(EditorStatus::Met), date(AS_OF)), (ProgressStatus::Met, false));
    }
}
