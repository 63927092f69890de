//! What replacing a tidy data file changes, counted by observation: an observation is known by its
//! series, units, dimension values and period, whatever the order of the columns.

use std::collections::HashMap;

use crate::content::tidy::{self, Observation, Period, Role, TidyTable};

/// Observations added, changed (same key, another value, note or flag) and removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
}

type Key = (Option<String>, Option<String>, Vec<(String, String)>, Period);

pub(super) fn counts(old: &[TidyTable], new: &[TidyTable]) -> Counts {
    let (old, new) = (keyed(old), keyed(new));
    let mut counts = Counts::default();
    for (key, content) in &new {
        match old.get(key) {
            None => counts.added += 1,
            Some(before) if before != content => counts.changed += 1,
            Some(_) => {}
        }
    }
    counts.removed = old.keys().filter(|key| !new.contains_key(*key)).count();
    counts
}

/// Each observation's key and what it says (as text, to compare), the last of a repeated key.
fn keyed(tables: &[TidyTable]) -> HashMap<Key, String> {
    let mut keyed = HashMap::new();
    for table in tables {
        let named = |role: Role| table.columns_with(role).map(|c| tidy::normalise(&c.header)).collect::<Vec<_>>();
        let (dimensions, attributes) = (named(Role::Dimension), named(Role::Attribute));
        for row in &table.observations {
            let key = (row.series.clone(), row.units.clone(), pairs(&dimensions, &row.dimensions), row.period.clone());
            keyed.insert(key, content(row, &attributes));
        }
    }
    keyed
}

/// The filled cells of a row with their column, in column-name order.
fn pairs(headers: &[String], cells: &[Option<String>]) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> =
        headers.iter().zip(cells).filter_map(|(h, c)| Some((h.clone(), c.clone()?))).collect();
    pairs.sort();
    pairs
}

fn content(row: &Observation, attributes: &[String]) -> String {
    format!("{:?} {:?} {} {:?}", row.value, pairs(attributes, &row.attributes), row.sample, row.target)
}
