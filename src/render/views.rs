//! Per-page template contexts: small views that borrow from the [`Site`] and hold only what one
//! page shows. Every text goes through the page's [`Localizer`], so the page knows whether it fell
//! back to Chinese anywhere; every record is reached through [`Views`], which logs it in the page's
//! [`Reads`], so the page knows what it depends on.

use std::cell::Cell;

use serde::Serialize;

use super::format;
use super::links::LinkRoots;
use super::pages::{PageKind, showcase_page_count, url_in};
use super::records::{Collection, Reads, Record};
use crate::config::{Config, ReadingMode};
use crate::i18n::{Lang, Localized, Localizer, Text};
use crate::model::{Annex, Department, Html, Indicator, Interpretation, Plan, School, Showcase, Site, Tag, YearReport};
use crate::progress::{Measure, ProgressStatus, StatusCounts};
use crate::theme::Strings;

#[derive(Serialize)]
pub struct Link {
    pub url: String,
    pub text: Text,
}

#[derive(Serialize)]
pub struct StatusView {
    pub key: &'static str,
    pub label: String,
}

#[derive(Serialize)]
pub struct CountView {
    pub key: &'static str,
    pub label: String,
    pub count: usize,
    /// Share of the total, for the width of a bar segment.
    pub percent: f64,
    /// Where the bar segment starts and ends, in percent of the bar: the segments sit side by side.
    pub offset: f64,
    pub end: f64,
}

#[derive(Serialize)]
pub struct CountsView {
    pub items: Vec<CountView>,
    pub total: usize,
}

pub struct Views<'a> {
    /// Private: a context reaches records through the methods below, which log them.
    site: &'a Site,
    pub mode: ReadingMode,
    pub lang: Lang,
    pub loc: Localizer,
    pub strings: &'a Strings,
    /// Set when anything on the page is sample data, so that the page carries the sample banner.
    sample_shown: Cell<bool>,
    links: LinkRoots,
    reads: Reads,
}

/// One record of a kind, logged as read.
macro_rules! record {
    ($name:ident, $field:ident, $record:ident, $type:ty) => {
        pub fn $name(&self, index: usize) -> &'a $type {
            self.reads.note(Record::$record(index));
            &self.site.$field[index]
        }
    };
}

/// The indices of the records of a kind, their number logged as read.
macro_rules! records {
    ($name:ident, $field:ident, $collection:ident) => {
        pub fn $name(&self) -> std::ops::Range<usize> {
            self.reads.note(Record::Count(Collection::$collection));
            0..self.site.$field.len()
        }
    };
}

impl<'a> Views<'a> {
    /// The views of a page; the config is read by every page.
    pub fn new(site: &'a Site, mode: ReadingMode, lang: Lang, strings: &'a Strings) -> Self {
        let links = LinkRoots::new(site, mode, lang);
        let reads = Reads::default();
        reads.note(Record::Config);
        Views { site, mode, lang, loc: Localizer::new(lang), strings, sample_shown: Cell::new(false), links, reads }
    }

    /// The records read so far.
    pub fn into_reads(self) -> Vec<Record> {
        self.reads.into_records()
    }

    pub fn config(&self) -> &'a Config {
        &self.site.config
    }

    /// The site for a function that reads only its config and routes: the ids in the paths of
    /// the pages a context links, which [`url`](Self::url) logs.
    pub fn routes(&self) -> &'a Site {
        self.site
    }

    /// The site for a function that counts its pages (the search index's parts): every list's
    /// length is logged as read.
    pub fn every_page(&self) -> &'a Site {
        Collection::ALL.into_iter().for_each(|collection| self.reads.note(Record::Count(collection)));
        self.site
    }

    pub fn site_counts(&self) -> &'a StatusCounts {
        self.reads.note(Record::SiteCounts);
        &self.site.counts
    }

    /// Which sections have records.
    pub fn sections(&self) -> super::pages::Sections {
        self.reads.note(Record::Sections);
        super::pages::Sections::of(self.site)
    }

    pub fn showcase_page_count(&self) -> usize {
        self.reads.note(Record::ShowcasePages);
        showcase_page_count(self.site)
    }

    record!(plan, plans, Plan, Plan);
    record!(indicator, indicators, Indicator, Indicator);
    record!(school, schools, School, School);
    record!(showcase, showcases, Showcase, Showcase);
    record!(tag, tags, Tag, Tag);
    record!(report, reports, Report, YearReport);
    record!(department, departments, Department, Department);
    record!(annex, annexes, Annex, Annex);
    record!(interpretation, interpretations, Interpretation, Interpretation);
    records!(plans, plans, Plans);
    records!(indicators, indicators, Indicators);
    records!(schools, schools, Schools);
    records!(showcases, showcases, Showcases);
    records!(tags, tags, Tags);
    records!(reports, reports, Reports);
    records!(departments, departments, Departments);
    records!(interpretations, interpretations, Interpretations);

    /// The record whose id `kind`'s path names, logged as read.
    fn note_route(&self, kind: PageKind) {
        let record = match kind {
            PageKind::Plan(i) | PageKind::Timeline(i) => Record::Plan(i),
            PageKind::Indicator(i) => Record::Indicator(i),
            PageKind::School(i) => Record::School(i),
            PageKind::Showcase(i) => Record::Showcase(i),
            PageKind::Tag(i) => Record::Tag(i),
            PageKind::Report(i) => Record::Report(i),
            PageKind::Department(i) => Record::Department(i),
            PageKind::Annex(i) => Record::Annex(i),
            PageKind::Interpretation(i) => Record::Interpretation(i),
            _ => return,
        };
        self.reads.note(record);
    }

    /// Records that the page shows a value with this sample flag; returns the flag.
    pub fn sample(&self, sample: bool) -> bool {
        if sample {
            self.sample_shown.set(true);
        }
        sample
    }

    pub fn shows_sample(&self) -> bool {
        self.sample_shown.get()
    }

    pub fn url(&self, kind: PageKind) -> String {
        self.url_in(self.mode, self.lang, kind)
    }

    /// The URL of a page in another reading mode or language.
    pub fn url_in(&self, mode: ReadingMode, lang: Lang, kind: PageKind) -> String {
        self.note_route(kind);
        url_in(self.site, mode, lang, kind)
    }

    /// The absolute URL of a page of the standard site, in `lang`.
    pub fn absolute_url(&self, lang: Lang, kind: PageKind) -> String {
        self.note_route(kind);
        format!("{}{}{}", self.site.config.base_url, lang.dir(), kind.path(self.site))
    }

    /// A UI string. Theme loading guarantees every key exists in every language.
    pub fn t(&self, key: &str) -> String {
        self.strings.get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    /// A UI string with its `{name}` placeholders filled in: `due_by` with `date` reads
    /// 2017年8月10日前 in Chinese and by 10 August 2017 in English.
    pub fn fill<V: AsRef<str>>(&self, key: &str, values: &[(&str, V)]) -> String {
        values.iter().fold(self.t(key), |text, (name, value)| text.replace(&format!("{{{name}}}"), value.as_ref()))
    }

    /// Text that stays in the site's default language on every page, such as a document number
    /// (连区教〔2017〕89号): marked with that language on the pages of another.
    pub fn in_default_language(&self, text: &str) -> Text {
        let default = self.site.config.languages.default_lang();
        let same = self.lang.source() == default;
        Text { text: text.to_string(), lang: if same { self.lang.tag() } else { default.tag() }, fallback: !same }
    }

    /// A language's name in itself: the config's, else the theme's `language_<key>` string, else
    /// its tag.
    pub fn language_name(&self, lang: Lang) -> String {
        let key = format!("language_{}", lang.code());
        let name = lang.language().name.clone();
        name.or_else(|| self.strings.get(&key).cloned()).unwrap_or_else(|| lang.tag().to_string())
    }

    /// A UI string as a [`Text`] in the page's language.
    pub fn ui(&self, key: &str) -> Text {
        Text { text: self.t(key), lang: self.lang.tag(), fallback: false }
    }

    pub fn text(&self, text: &Localized) -> Text {
        self.loc.text(text)
    }

    pub fn opt_text(&self, text: &Option<Localized>) -> Option<Text> {
        text.as_ref().map(|t| self.loc.text(t))
    }

    /// A Markdown body, its root-relative links leading to pages of this language and mode.
    pub fn html(&self, html: &Html) -> Text {
        let (body, tag, fallback) = html.pick(self.lang);
        let mut text = self.loc.picked(body, tag, fallback);
        if let std::borrow::Cow::Owned(resolved) = self.links.resolve(&text.text) {
            text.text = resolved;
        }
        text
    }

    pub fn date(&self, date: jiff::civil::Date) -> String {
        self.style().date(date)
    }

    /// How this page's language writes figures, quantities, targets and dates.
    pub fn style(&self) -> format::Style<'a> {
        format::Style::new(self.lang, self.strings)
    }

    pub fn status(&self, status: ProgressStatus) -> StatusView {
        StatusView { key: status.key(), label: self.t(&format!("status_{}", status.key())) }
    }

    pub fn counts(&self, counts: &StatusCounts) -> CountsView {
        self.counts_among(counts, &ProgressStatus::ALL)
    }

    /// The counts of some statuses only, in their order (the columns of a table).
    pub fn counts_among(&self, counts: &StatusCounts, statuses: &[ProgressStatus]) -> CountsView {
        let tenth = |share: usize| {
            if counts.total == 0 { 0.0 } else { (share as f64 * 1000.0 / counts.total as f64).round() / 10.0 }
        };
        let mut before = 0;
        let items = statuses
            .iter()
            .map(|status| {
                let count = counts.get(*status);
                let (offset, end) = (tenth(before), tenth(before + count));
                before += count;
                let label = self.t(&format!("status_{}", status.key()));
                // The width is end − start, not the rounded share, so the segments tile the bar exactly.
                let percent = ((end - offset) * 10.0).round() / 10.0;
                CountView { key: status.key(), label, count, percent, offset, end }
            })
            .collect();
        CountsView { items, total: counts.total }
    }

    fn link(&self, kind: PageKind, text: &Localized) -> Link {
        Link { url: self.url(kind), text: self.text(text) }
    }

    pub fn plan_link(&self, plan: usize) -> Link {
        self.link(PageKind::Plan(plan), &self.plan(plan).title)
    }

    pub fn indicator_link(&self, indicator: usize) -> Link {
        self.link(PageKind::Indicator(indicator), &self.indicator(indicator).name)
    }

    pub fn school_link(&self, school: usize) -> Link {
        self.link(PageKind::School(school), &self.school(school).name)
    }

    pub fn department_link(&self, department: usize) -> Link {
        self.link(PageKind::Department(department), &self.department(department).name)
    }

    pub fn tag_link(&self, tag: usize) -> Link {
        self.link(PageKind::Tag(tag), &self.tag(tag).name)
    }

    pub fn plan_card(&self, index: usize) -> PlanCard {
        let plan = self.plan(index);
        PlanCard {
            url: self.url(PageKind::Plan(index)),
            title: self.text(&plan.title),
            issuer: self.text(&plan.issuer),
            document_number: plan.document_number.clone(),
            period: format!("{}–{}", plan.start_year, plan.end_year),
            validity: self.t(&format!("validity_{}", validity_key(plan.validity))),
            counts: self.counts(&plan.counts),
            sample: self.sample(plan.has_sample),
        }
    }

    /// An indicator in a table: its target and figure for `year`, or its final target and latest
    /// figure when no year is given.
    pub fn indicator_row(&self, index: usize, year: Option<u16>) -> IndicatorRow {
        let indicator = self.indicator(index);
        let (target, actual, status, expected) = match year.map(|year| super::years::year(indicator, year)) {
            Some(year) => (
                year.target,
                year.actual,
                year.status.map(|s| s.status).unwrap_or(ProgressStatus::NoData),
                year.status.and_then(|s| s.expected),
            ),
            None => (indicator.targets.last(), indicator.latest_assessed_actual(), indicator.headline, None),
        };
        IndicatorRow {
            link: self.indicator_link(index),
            plan: self.plan_link(indicator.plan),
            target: target.map(|t| self.style().target(&t.value, &indicator.unit)),
            expected: expected.map(|v| self.style().quantity(v, &indicator.unit)),
            actual: actual.map(|a| self.figure(indicator, a)),
            actual_year: actual.map(|a| a.year),
            sample: self.sample(actual.is_some_and(|a| a.sample)),
            status: self.status(status),
        }
    }

    /// A reported figure with its unit, as published; or the status an editor set.
    pub fn figure(&self, indicator: &Indicator, actual: &crate::model::Actual) -> String {
        match actual.measure {
            Measure::Value(value) => {
                let style = self.style();
                style.with_unit(style.published(value, indicator.decimals, actual.decimals), &indicator.unit)
            }
            Measure::Status(status) => self.t(&format!("status_{}", ProgressStatus::from(status).key())),
        }
    }

    pub fn showcase_card(&self, index: usize) -> ShowcaseCard {
        let showcase = self.showcase(index);
        ShowcaseCard {
            url: self.url(PageKind::Showcase(index)),
            title: self.text(&showcase.title),
            summary: self.opt_text(&showcase.summary),
            date: self.date(showcase.date),
            iso_date: showcase.date.to_string(),
            schools: showcase.schools.iter().map(|s| self.school_link(*s)).collect(),
            sample: self.sample(showcase.sample),
            draft: showcase.draft,
        }
    }

    pub fn pagination(&self, page: usize) -> Pagination {
        let pages = self.showcase_page_count();
        Pagination {
            current: page,
            total: pages,
            previous: (page > 1).then(|| self.url(PageKind::Showcases(page - 1))),
            next: (page < pages).then(|| self.url(PageKind::Showcases(page + 1))),
            pages: (1..=pages)
                .map(|n| PageNumber { number: n, url: self.url(PageKind::Showcases(n)), current: n == page })
                .collect(),
        }
    }
}

pub fn validity_key(validity: crate::model::vocabulary::Validity) -> &'static str {
    match validity {
        crate::model::vocabulary::Validity::InForce => "in_force",
        crate::model::vocabulary::Validity::Expired => "expired",
        crate::model::vocabulary::Validity::Superseded => "superseded",
    }
}

#[derive(Serialize)]
pub struct PlanCard {
    pub url: String,
    pub title: Text,
    pub issuer: Text,
    pub document_number: Option<String>,
    pub period: String,
    pub validity: String,
    pub counts: CountsView,
    pub sample: bool,
}

#[derive(Serialize)]
pub struct IndicatorRow {
    pub link: Link,
    pub plan: Link,
    pub target: Option<String>,
    pub expected: Option<String>,
    pub actual: Option<String>,
    pub actual_year: Option<u16>,
    pub sample: bool,
    pub status: StatusView,
}

#[derive(Serialize)]
pub struct ShowcaseCard {
    pub url: String,
    pub title: Text,
    pub summary: Option<Text>,
    pub date: String,
    pub iso_date: String,
    pub schools: Vec<Link>,
    pub sample: bool,
    pub draft: bool,
}

#[derive(Serialize)]
pub struct Pagination {
    pub current: usize,
    pub total: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub pages: Vec<PageNumber>,
}

#[derive(Serialize)]
pub struct PageNumber {
    pub number: usize,
    pub url: String,
    pub current: bool,
}
