//! The ids of each kind of record, and the registry files (departments, tags) that only define ids.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use crate::content::Loaded;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::model::*;
use crate::yaml::Spanned;

use super::PathOf;

/// Ids of one kind of record: where each was defined, and lookups with "did you mean" hints.
pub(super) struct Registry {
    kind: &'static str,
    folder: &'static str,
    ids: HashMap<String, (usize, Location)>,
    /// Ids of files that failed to parse: references to them are not reported a second time.
    pub(super) unparsed: BTreeSet<String>,
}

impl Registry {
    pub(super) fn new(kind: &'static str, folder: &'static str) -> Self {
        Registry { kind, folder, ids: HashMap::new(), unparsed: BTreeSet::new() }
    }

    /// Records a new id; false (with an error) when it is malformed or already taken.
    pub(super) fn define(
        &mut self,
        id: &Spanned<String>,
        file: &Path,
        index: usize,
        diagnostics: &mut Diagnostics,
    ) -> bool {
        let location = id.location(file);
        if !check_id(&id.value, &location, self.kind, diagnostics) {
            return false;
        }
        if let Some((_, first)) = self.ids.get(&id.value) {
            diagnostics.push(
                Diagnostic::error(location, format!("duplicate {} id `{}`", self.kind, id.value))
                    .with_hint(format!("it is already defined at {first}; ids must be unique across all files")),
            );
            return false;
        }
        self.ids.insert(id.value.clone(), (index, location));
        true
    }

    pub(super) fn resolve(&self, id: &Spanned<String>, file: &Path, diagnostics: &mut Diagnostics) -> Option<usize> {
        // The location is made only for a message: most references resolve, and `serve` validates
        // every reference of the site after each save.
        match self.ids.get(&id.value) {
            Some((index, _)) => Some(*index),
            None => self.resolve_at(&id.value, id.location(file), diagnostics),
        }
    }

    pub(super) fn resolve_at(&self, id: &str, location: Location, diagnostics: &mut Diagnostics) -> Option<usize> {
        if let Some((index, _)) = self.ids.get(id) {
            return Some(*index);
        }
        if self.unparsed.contains(id) {
            return None;
        }
        let suggestion = crate::suggest::closest(id, self.ids.keys().map(String::as_str));
        let hint = match suggestion {
            Some(best) => format!("did you mean `{best}`? defined {}s are in {}", self.kind, self.folder),
            None => format!("defined {}s are in {}", self.kind, self.folder),
        };
        diagnostics.push(Diagnostic::error(location, format!("{} `{}` is not defined", self.kind, id)).with_hint(hint));
        None
    }

    pub(super) fn resolve_all(
        &self,
        ids: &[Spanned<String>],
        file: &Path,
        diagnostics: &mut Diagnostics,
    ) -> Vec<usize> {
        let mut resolved: Vec<usize> = ids.iter().filter_map(|id| self.resolve(id, file, diagnostics)).collect();
        let mut seen = BTreeSet::new();
        resolved.retain(|index| seen.insert(*index));
        resolved
    }
}

/// Ids become URL segments, so they are restricted to what is safe and readable in one.
pub(super) fn check_id(id: &str, location: &Location, kind: &str, diagnostics: &mut Diagnostics) -> bool {
    let valid = !id.is_empty()
        && id.len() <= 80
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-');
    if !valid {
        diagnostics.push(
            Diagnostic::error(location.clone(), format!("`{id}` is not a valid {kind} id"))
                .with_hint("ids use lower-case letters a–z, digits and `-` (at most 80), e.g. `xugou-primary`: they become web addresses"),
        );
    }
    valid
}

pub(super) struct Registries {
    pub(super) departments: Registry,
    pub(super) tags: Registry,
    pub(super) schools: Registry,
    pub(super) plans: Registry,
    pub(super) indicators: Registry,
}

pub(super) fn validate_departments(
    files: Vec<Loaded<crate::content::registry::DepartmentsFile>>,
    path: &PathOf<'_>,
    ids: &mut Registries,
    diagnostics: &mut Diagnostics,
) -> Vec<Department> {
    let listed = files.iter().flat_map(|Loaded { file, record }| {
        let file = path(*file);
        record.departments.iter().map(move |department| (file.clone(), (department, record)))
    });
    define_each(
        listed,
        &mut ids.departments,
        diagnostics,
        |(department, _)| &department.id,
        |(department, body), file| Department {
            id: department.id.value.clone(),
            file: file.to_path_buf(),
            name: department.name.clone(),
            short: department.short.clone(),
            body: body.body.clone(),
            level: department.level.or(body.level),
            goals: Vec::new(),
            partner_goals: Vec::new(),
            leads: Vec::new(),
            supports: Vec::new(),
            milestone_counts: Default::default(),
            indicators: Vec::new(),
            counts: Default::default(),
        },
    )
}

pub(super) fn validate_tags(
    files: Vec<Loaded<crate::content::registry::TagsFile>>,
    path: &PathOf<'_>,
    ids: &mut Registries,
    diagnostics: &mut Diagnostics,
) -> Vec<Tag> {
    let listed = files.iter().flat_map(|Loaded { file, record }| {
        let file = path(*file);
        record.tags.iter().map(move |tag| (file.clone(), tag))
    });
    define_each(
        listed,
        &mut ids.tags,
        diagnostics,
        |tag| &tag.id,
        |tag, _| Tag { id: tag.id.value.clone(), name: tag.name.clone(), showcases: Vec::new() },
    )
}

/// Registers the id of every entry of a registry file (departments, tags) in file order and keeps
/// the entries whose id is new; a repeated or malformed id is reported by the registry.
fn define_each<Entry, Item>(
    listed: impl Iterator<Item = (std::path::PathBuf, Entry)>,
    registry: &mut Registry,
    diagnostics: &mut Diagnostics,
    id: impl Fn(&Entry) -> &Spanned<String>,
    make: impl Fn(Entry, &Path) -> Item,
) -> Vec<Item> {
    let mut items = Vec::new();
    for (file, entry) in listed {
        if registry.define(id(&entry), &file, items.len(), diagnostics) {
            items.push(make(entry, &file));
        }
    }
    items
}
