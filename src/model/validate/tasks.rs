//! The tasks of a plan, their departments and their milestones: ids unique within the plan,
//! departments that exist, deadlines within the plan's period, reports that name a deadline of
//! their milestone and nothing after `as_of`.

use std::path::Path;

use crate::config::parse_date;
use crate::content::plan::{MilestoneFile, PeriodText, ReportFile, TaskFile};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::model::periods::{self, Period};
use crate::model::vocabulary::{EditorStatus, Editorial, Recurrence};
use crate::model::*;
use crate::yaml::Spanned;

use super::{Registries, Registry};

/// What the tasks of one plan are checked against.
pub(super) struct PlanScope<'a> {
    pub(super) file: &'a Path,
    pub(super) start_year: u16,
    pub(super) end_year: u16,
    pub(super) written: Option<Date>,
    pub(super) as_of: Date,
    pub(super) ids: &'a Registries,
    pub(super) task_ids: Registry,
    pub(super) milestone_ids: Registry,
}

impl PlanScope<'_> {
    /// Checks one task and appends it to `tasks`; returns its index, or `None` when its id is unusable.
    pub(super) fn task(
        &mut self,
        task: &TaskFile,
        section: Section,
        tasks: &mut Vec<Task>,
        diagnostics: &mut Diagnostics,
    ) -> Option<usize> {
        let (lead, partners) = self.departments(&task.lead, &task.partners, diagnostics);
        let editorial_departments =
            self.editorial(&task.editorial, !task.lead.is_empty() || !task.partners.is_empty(), diagnostics);
        let milestones = task.milestones.iter().filter_map(|m| self.milestone(m, diagnostics)).collect();
        if !self.task_ids.define(&task.id, self.file, tasks.len(), diagnostics) {
            return None;
        }
        tasks.push(Task {
            id: task.id.value.clone(),
            number: task.number.clone(),
            title: task.title.clone(),
            text: task.text.as_ref().map(|text| text.html.clone()),
            lead,
            partners,
            editorial_departments,
            section,
            milestones,
        });
        Some(tasks.len() - 1)
    }

    /// The lead and partner departments of a goal or a task; a department named as both is
    /// reported, and kept as lead.
    pub(super) fn departments(
        &self,
        lead: &[Spanned<String>],
        partners: &[Spanned<String>],
        diagnostics: &mut Diagnostics,
    ) -> (Vec<usize>, Vec<usize>) {
        let lead_ids = self.ids.departments.resolve_all(lead, self.file, diagnostics);
        let mut partner_ids = Vec::new();
        for partner in partners {
            let Some(index) = self.ids.departments.resolve(partner, self.file, diagnostics) else { continue };
            if lead_ids.contains(&index) {
                diagnostics.push(
                    Diagnostic::error(
                        partner.location(self.file),
                        format!("department `{}` both leads and supports", partner.value),
                    )
                    .with_hint("name it once: among the leads (牵头) or among the partners (配合)"),
                );
            } else if !partner_ids.contains(&index) {
                partner_ids.push(index);
            }
        }
        (lead_ids, partner_ids)
    }

    /// Reads the `editorial` list of a goal or a task: only its departments can be the editors'
    /// reading, and only when it names some.
    pub(super) fn editorial(
        &self,
        fields: &[Spanned<Editorial>],
        has_departments: bool,
        diagnostics: &mut Diagnostics,
    ) -> bool {
        let mut departments = false;
        for field in fields {
            match field.value {
                Editorial::Departments if has_departments => departments = true,
                Editorial::Departments => diagnostics.push(
                    Diagnostic::error(field.location(self.file), "`editorial: [departments]` but no departments are named")
                        .with_hint("name the departments the editors assign (`departments`, `lead`, `partners`), or drop `editorial`"),
                ),
                Editorial::Kind => diagnostics.push(
                    Diagnostic::error(field.location(self.file), "only an indicator has a `kind` to mark as editorial")
                        .with_hint("here `editorial` can only be `[departments]`"),
                ),
            }
        }
        departments
    }

    fn milestone(&mut self, file: &MilestoneFile, diagnostics: &mut Diagnostics) -> Option<Milestone> {
        let at = file.id.location(self.file);
        let occurrences = match (&file.due, &file.every) {
            (Some(due), None) => {
                let extras = [file.by.as_ref().map(|b| b.location(self.file))]
                    .into_iter()
                    .chain([&file.from, &file.to].map(|p| p.as_ref().map(|p| p.location(self.file))));
                for extra in extras.flatten() {
                    diagnostics.push(
                        Diagnostic::error(extra, "`by`, `from` and `to` go with `every`, not with `due`")
                            .with_hint("a one-off deadline is `due: 2017-08-20` or `due: 2021-2022` alone"),
                    );
                }
                let period = self.period(due, diagnostics)?;
                vec![self.in_period(period, period.last_day(), due.location(self.file), diagnostics)?]
            }
            (None, Some(every)) => self.recurring(file, every, diagnostics)?,
            (Some(due), Some(_)) => {
                diagnostics.push(
                    Diagnostic::error(due.location(self.file), "a milestone has either `due` or `every`, not both")
                        .with_hint(
                            "`due: 2017-08-20` for one deadline; `every: year` with `by: 08-20` for one each year",
                        ),
                );
                return None;
            }
            (None, None) => {
                diagnostics.push(
                    Diagnostic::error(at, format!("milestone `{}` has no deadline", file.id.value))
                        .with_hint("add `due: 2017-08-20` (a date or a period such as `2021-2022`) or `every: year` / `school_year` / `term` / `quarter`"),
                );
                return None;
            }
        };
        let mut occurrences: Vec<Occurrence> = occurrences;
        self.reports(&file.reports, &mut occurrences, diagnostics);
        if !self.milestone_ids.define(&file.id, self.file, 0, diagnostics) {
            return None;
        }
        Some(Milestone {
            id: file.id.value.clone(),
            title: file.title.clone(),
            quote: file.quote.clone(),
            every: file.every.as_ref().map(|e| e.value),
            occurrences,
        })
    }

    fn period(&self, text: &Spanned<PeriodText>, diagnostics: &mut Diagnostics) -> Option<Period> {
        Period::parse(&text.value.0)
            .map_err(|message| {
                diagnostics.push(Diagnostic::error(text.location(self.file), message).with_hint(
                    "write a date `2017-08-20` or a period: `2020`, `2020-Q3`, `2021-2022` (school year), `2021-2022-1` (its first term)",
                ))
            })
            .ok()
    }

    /// An occurrence due on `due`, if that lies within the plan's period.
    fn in_period(&self, period: Period, due: Date, at: Location, diagnostics: &mut Diagnostics) -> Option<Occurrence> {
        let year = due.year() as u16;
        if !(self.start_year..=self.end_year).contains(&year) {
            diagnostics.push(
                Diagnostic::error(
                    at,
                    format!(
                        "`{}` is due on {due}, outside the plan's period {}–{}",
                        period.key(),
                        self.start_year,
                        self.end_year
                    ),
                )
                .with_hint("a milestone falls due within the years of the plan's `period`"),
            );
            return None;
        }
        Some(Occurrence { period, due, report: None, status: crate::progress::ProgressStatus::NoData, late: false })
    }

    fn recurring(
        &self,
        file: &MilestoneFile,
        every: &Spanned<Recurrence>,
        diagnostics: &mut Diagnostics,
    ) -> Option<Vec<Occurrence>> {
        let recurrence = every.value;
        let by = match &file.by {
            Some(by) => Some((self.month_day(by, recurrence, diagnostics)?, by)),
            None => None,
        };
        let bound = |text: &Option<Spanned<PeriodText>>, diagnostics: &mut Diagnostics| -> Result<Option<Period>, ()> {
            let Some(text) = text else { return Ok(None) };
            let period = self.period(text, diagnostics).ok_or(())?;
            if period.recurrence() != Some(recurrence) {
                diagnostics.push(
                    Diagnostic::error(
                        text.location(self.file),
                        format!("`{}` is not a period of `every: {}`", period.key(), recurrence_name(recurrence)),
                    )
                    .with_hint(format!(
                        "write a {}, such as `{}`",
                        recurrence_name(recurrence),
                        example(recurrence)
                    )),
                );
                return Err(());
            }
            Ok(Some(period))
        };
        let (from, to) = (bound(&file.from, diagnostics), bound(&file.to, diagnostics));
        let (Ok(from), Ok(to)) = (from, to) else { return None };
        let due_in = |period: Period| match by {
            Some(((month, day), _)) => period.day_within(month, day),
            None => Some(period.last_day()),
        };
        // Unless `from` and `to` say otherwise, every period whose deadline lies within the plan's
        // years, from the day the plan was written.
        let plan_start = Date::new(self.start_year as i16, 1, 1).ok()?;
        let window_start = self.written.map_or(plan_start, |written| written.max(plan_start));
        let window_end = Date::new(self.end_year as i16, 12, 31).ok()?;
        if let (Some(from), Some(to), Some(at)) = (from, to, &file.to)
            && from > to
        {
            diagnostics.push(Diagnostic::error(
                at.location(self.file),
                format!("`to: {}` comes before `from: {}`", to.key(), from.key()),
            ));
            return None;
        }
        let mut period = from.unwrap_or_else(|| periods::containing(recurrence, window_start));
        let mut occurrences = Vec::new();
        while to.map_or(period.first_day() <= window_end, |to| period <= to) {
            let Some(due) = due_in(period) else {
                let (_, by) = by.as_ref()?;
                diagnostics.push(Diagnostic::error(
                    by.location(self.file),
                    format!("{} has no day `{}`", period.key(), by.value),
                ));
                return None;
            };
            if (from.is_some() || due >= window_start) && (to.is_some() || due <= window_end) {
                // Outside the plan's years this reports the error and stops: a far `to` ends here.
                occurrences.push(self.in_period(period, due, every.location(self.file), diagnostics)?);
            }
            period = period.next();
        }
        if occurrences.is_empty() {
            diagnostics.push(
                Diagnostic::error(
                    every.location(self.file),
                    format!(
                        "no {} of the plan's period {}–{} falls due after it was written",
                        recurrence_name(recurrence),
                        self.start_year,
                        self.end_year
                    ),
                )
                .with_hint("check `from` and `to`, or give the deadline with `due`"),
            );
            return None;
        }
        Some(occurrences)
    }

    fn month_day(
        &self,
        by: &Spanned<String>,
        recurrence: Recurrence,
        diagnostics: &mut Diagnostics,
    ) -> Option<(i8, i8)> {
        if !matches!(recurrence, Recurrence::Year | Recurrence::SchoolYear) {
            diagnostics.push(
                Diagnostic::error(
                    by.location(self.file),
                    format!(
                        "`by` goes with `every: year` or `every: school_year`, not `every: {}`",
                        recurrence_name(recurrence)
                    ),
                )
                .with_hint("a term or a quarter falls due on its last day; drop `by`"),
            );
            return None;
        }
        let parsed = by.value.trim().split_once('-').and_then(|(m, d)| {
            let (m, d) = (m.parse::<i8>().ok()?, d.parse::<i8>().ok()?);
            Date::new(2000, m, d).ok().map(|_| (m, d))
        });
        if parsed.is_none() {
            diagnostics.push(
                Diagnostic::error(by.location(self.file), format!("`{}` is not a month and day", by.value))
                    .with_hint("write the day it is due by each year as MM-DD, e.g. `08-10` for 8月10日"),
            );
        }
        parsed
    }

    fn reports(&self, reports: &[Spanned<ReportFile>], occurrences: &mut [Occurrence], diagnostics: &mut Diagnostics) {
        for report in reports {
            let at = report.location(self.file);
            let Some(index) = self.report_target(report, occurrences, diagnostics) else { continue };
            let occurrence = &mut occurrences[index];
            if occurrence.report.is_some() {
                diagnostics.push(
                    Diagnostic::error(at, format!("a second report for `{}`", occurrence.period.key()))
                        .with_hint("give each deadline one report"),
                );
                continue;
            }
            if let Some(report) = self.report(report, occurrence.due, diagnostics) {
                occurrence.report = Some(report);
            }
        }
    }

    /// The occurrence a report is for: the one its `period` names, or the only one.
    fn report_target(
        &self,
        report: &Spanned<ReportFile>,
        occurrences: &[Occurrence],
        diagnostics: &mut Diagnostics,
    ) -> Option<usize> {
        let keys = || occurrences.iter().map(|o| o.period.key()).collect::<Vec<_>>().join(", ");
        let Some(period) = &report.value.period else {
            if occurrences.len() == 1 {
                return Some(0);
            }
            diagnostics.push(
                Diagnostic::error(
                    report.location(self.file),
                    "the milestone falls due more than once: say which `period` this report is for",
                )
                .with_hint(format!("its periods are: {}", keys())),
            );
            return None;
        };
        let parsed = self.period(period, diagnostics)?;
        let found = occurrences.iter().position(|o| o.period == parsed);
        if found.is_none() {
            diagnostics.push(
                Diagnostic::error(
                    period.location(self.file),
                    format!("the milestone has no deadline in `{}`", parsed.key()),
                )
                .with_hint(format!("its periods are: {}", keys())),
            );
        }
        found
    }

    fn report(
        &self,
        report: &Spanned<ReportFile>,
        due: Date,
        diagnostics: &mut Diagnostics,
    ) -> Option<MilestoneReport> {
        let at = report.location(self.file);
        let r = &report.value;
        let done = match &r.done {
            Some(done) => {
                let date = parse_date(done, self.file, diagnostics)?;
                if date > self.as_of {
                    diagnostics.push(
                        Diagnostic::error(done.location(self.file), format!("reported done on {date}, after the site's `as_of` date {}", self.as_of))
                            .with_hint("nothing can be reported done after the date the site's data run to; check the date or `as_of` in gongkai.yaml"),
                    );
                    return None;
                }
                Some(date)
            }
            None => None,
        };
        let status = match (r.status, done) {
            (Some(EditorStatus::Met) | None, Some(_)) => EditorStatus::Met,
            (Some(status), None) => status,
            (Some(status), Some(_)) => {
                diagnostics.push(
                    Diagnostic::error(
                        at,
                        format!("a report with a `done` date is met, not `{}`", editor_status_name(status)),
                    )
                    .with_hint("drop `done`, or drop `status`"),
                );
                return None;
            }
            (None, None) => {
                diagnostics.push(
                    Diagnostic::error(
                        at,
                        "a report needs `done` (the day it was done) or `status` (met, on_track or behind)",
                    )
                    .with_hint(
                        "e.g. `{period: 2018, done: 2018-08-09}` or `{period: 2018, status: behind, note: {zh: …}}`",
                    ),
                );
                return None;
            }
        };
        if status == EditorStatus::OnTrack && due <= self.as_of {
            diagnostics.push(
                Diagnostic::error(
                    at,
                    format!("`on_track` for a deadline that passed on {due}, before `as_of` {}", self.as_of),
                )
                .with_hint("once the deadline has passed the work is done (`done: DATE` or `status: met`) or `behind`"),
            );
            return None;
        }
        Some(MilestoneReport { status, done, sample: r.sample, source: r.source.clone(), note: r.note.clone() })
    }
}

fn recurrence_name(recurrence: Recurrence) -> &'static str {
    match recurrence {
        Recurrence::Year => "year",
        Recurrence::SchoolYear => "school_year",
        Recurrence::Term => "term",
        Recurrence::Quarter => "quarter",
    }
}

fn example(recurrence: Recurrence) -> &'static str {
    match recurrence {
        Recurrence::Year => "2018",
        Recurrence::SchoolYear => "2021-2022",
        Recurrence::Term => "2021-2022-1",
        Recurrence::Quarter => "2020-Q2",
    }
}

fn editor_status_name(status: EditorStatus) -> &'static str {
    match status {
        EditorStatus::Met => "met",
        EditorStatus::OnTrack => "on_track",
        EditorStatus::Behind => "behind",
    }
}
