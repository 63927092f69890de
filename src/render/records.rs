//! The records of the site a page reads while its context is filled. [`super::views::Views`] logs
//! each one it is asked for, so a page's dependencies are exactly what its context read: a context
//! that reads one more record depends on it without any list being edited. `serve` renders a page
//! again only when one of them (or its template, or the UI strings) changed; see
//! [`super::incremental`].

use std::cell::RefCell;

/// A record of the site that a page shows. Derived data lives in the records (a plan's counts, a
/// school's showcases …), so a record changes when anything it shows changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Record {
    /// `gongkai.yaml`: shown on every page (title, organisation, reporting date, languages).
    Config,
    /// The headline counts over all indicators.
    SiteCounts,
    /// How many pages the showcase index has.
    ShowcasePages,
    /// Which sections have records ([`super::pages::Sections`]): read by every page's menu.
    Sections,
    Plan(usize),
    Indicator(usize),
    School(usize),
    Showcase(usize),
    Tag(usize),
    Report(usize),
    Department(usize),
    Annex(usize),
    Interpretation(usize),
    /// How many records of a kind there are: read by a page that lists them, so that a record
    /// added at the end of the list renders it again.
    Count(Collection),
}

/// A list of records of the [`crate::model::Site`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Collection {
    Plans,
    Indicators,
    Schools,
    Showcases,
    Tags,
    Reports,
    Departments,
    Annexes,
    Interpretations,
}

impl Collection {
    pub const ALL: [Collection; 9] = [
        Collection::Plans,
        Collection::Indicators,
        Collection::Schools,
        Collection::Showcases,
        Collection::Tags,
        Collection::Reports,
        Collection::Departments,
        Collection::Annexes,
        Collection::Interpretations,
    ];
}

/// The records one page has read so far. A page is filled on one thread, hence the `RefCell`.
#[derive(Debug, Default)]
pub struct Reads(RefCell<Vec<Record>>);

impl Reads {
    pub fn note(&self, record: Record) {
        self.0.borrow_mut().push(record);
    }

    /// Every record read, each once, in a fixed order.
    pub fn into_records(self) -> Vec<Record> {
        let mut records = self.0.into_inner();
        records.sort_unstable();
        records.dedup();
        records
    }
}
