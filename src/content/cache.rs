//! The files of a site as read and parsed, kept between rebuilds. `build` reads the site once
//! through it; `serve` keeps it and, after an edit, reads again only the files the watcher named.
//! Every rebuild still puts all files together into a [`RawSite`] in walking order, so what comes
//! out is what a fresh load would give.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;

use super::{CONFIG_FILE, ContentKind, RawSite, ReadFile, assemble, content_kind, list_files, read_file};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// Every file of a site, read and parsed.
pub struct SourceCache {
    root: PathBuf,
    config: Option<Cached>,
    /// Files below `content/`, by path: a path's components sort the way the walk visits them.
    content: BTreeMap<PathBuf, Cached>,
    /// Problems met while walking (a looping link, an unreadable folder).
    walk_problems: Vec<Diagnostic>,
}

/// A file as read, or the warning that it is not content; and its length and modification time
/// when it was read, to tell on a rescan whether it changed.
struct Cached {
    stamp: Option<Stamp>,
    file: Result<ReadFile, Diagnostic>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

fn stamp(path: &Path) -> Option<Stamp> {
    let metadata = std::fs::metadata(path).ok()?;
    Some(Stamp { len: metadata.len(), modified: metadata.modified().ok() })
}

/// Reads the files in parallel; the stamp is taken first, so an edit made while reading is seen
/// as a change on the next rescan rather than missed.
fn read_all(root: &Path, files: Vec<(PathBuf, Result<ContentKind, Diagnostic>)>) -> Vec<(PathBuf, Cached)> {
    files
        .into_par_iter()
        .map(|(path, kind)| {
            let stamp = stamp(&path);
            let file = kind.map(|kind| read_file(root, kind, &path));
            (path, Cached { stamp, file })
        })
        .collect()
}

impl SourceCache {
    /// Reads and parses every file of the site at `root`.
    pub fn load(root: &Path) -> Self {
        let mut cache =
            SourceCache { root: root.to_path_buf(), config: None, content: BTreeMap::new(), walk_problems: Vec::new() };
        cache.rescan();
        cache
    }

    /// Walks the site again: reads the files that are new or whose length or modification time
    /// changed, and forgets the files that are gone. For when the watcher cannot say what changed.
    pub fn rescan(&mut self) {
        let listing = list_files(&self.root);
        self.walk_problems = listing.problems;
        let mut old = std::mem::take(&mut self.content);
        let mut old_config = self.config.take();
        let mut kept = Vec::new();
        let mut unread = Vec::new();
        for (path, kind) in listing.files {
            let previous = match kind {
                Ok(ContentKind::Config) => old_config.take(),
                _ => old.remove(&path),
            };
            match previous.filter(|cached| cached.stamp.is_some() && cached.stamp == stamp(&path)) {
                Some(cached) => kept.push((path, cached)),
                None => unread.push((path, kind)),
            }
        }
        self.insert(kept);
        self.insert(read_all(&self.root, unread));
    }

    /// Reads again the files at `paths` (relative to the site root, as the watcher reports them),
    /// each changed, added or removed. A folder, or a path with known files below it (a folder
    /// renamed or removed), a symbolic link (which the walk checks), or any save while the last walk
    /// met problems (a refused link, a loop: only a walk can tell they are gone) makes a
    /// [`rescan`](Self::rescan).
    pub fn update<'a>(&mut self, paths: impl IntoIterator<Item = &'a Path>) {
        let mut unread = Vec::new();
        let mut rescan = false;
        for relative in paths {
            let path = self.root.join(relative);
            if relative == Path::new(CONFIG_FILE) {
                self.config = None;
                if path.is_file() {
                    unread.push((path, Ok(ContentKind::Config)));
                }
            } else if !relative.starts_with("content") {
                continue;
            } else if path.is_dir()
                || path.is_symlink()
                || !self.walk_problems.is_empty()
                || self.knows_files_below(&path)
            {
                rescan = true;
            } else {
                self.content.remove(&path);
                match content_kind(&self.root, &path) {
                    Some(kind) if path.is_file() => unread.push((path, kind)),
                    _ => {}
                }
            }
        }
        self.insert(read_all(&self.root, unread));
        if rescan {
            self.rescan();
        }
    }

    fn knows_files_below(&self, folder: &Path) -> bool {
        let mut after = self.content.range(folder.to_path_buf()..).map(|(path, _)| path);
        after.find(|path| path.as_path() != folder).is_some_and(|path| path.starts_with(folder))
    }

    fn insert(&mut self, read: Vec<(PathBuf, Cached)>) {
        for (path, cached) in read {
            match cached.file.as_ref().map(|file| file.kind) {
                Ok(ContentKind::Config) => self.config = Some(cached),
                _ => {
                    self.content.insert(path, cached);
                }
            }
        }
    }

    /// The folder of the site.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// How many files are known (content files, files of no content type, the config).
    pub fn len(&self) -> usize {
        self.content.len() + usize::from(self.config.is_some())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The site as a fresh load would read it; the records are copied, the texts shared.
    pub fn raw_site(&self, diagnostics: &mut Diagnostics) -> RawSite {
        self.report_listing(diagnostics);
        let files = self.config.iter().chain(self.content.values()).filter_map(|cached| cached.file.as_ref().ok());
        assemble(&self.root, files.cloned(), diagnostics)
    }

    /// [`raw_site`](Self::raw_site) without copying, for a build that reads the site once.
    pub fn into_raw_site(self, diagnostics: &mut Diagnostics) -> RawSite {
        self.report_listing(diagnostics);
        let files = self.config.into_iter().chain(self.content.into_values()).filter_map(|cached| cached.file.ok());
        assemble(&self.root, files, diagnostics)
    }

    fn report_listing(&self, diagnostics: &mut Diagnostics) {
        self.walk_problems.iter().cloned().for_each(|problem| diagnostics.push(problem));
        for cached in self.content.values() {
            if let Err(warning) = &cached.file {
                diagnostics.push(warning.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    const SCHOOL: &str = "content/schools/a.yaml";

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        write(&dir, "gongkai.yaml", "title: {zh: 站}\n");
        write(&dir, SCHOOL, "id: a\n");
        write(&dir, "content/schools/b.yaml", "id: b\n");
        dir
    }

    fn write(dir: &tempfile::TempDir, relative: &str, text: &str) {
        let path = dir.path().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// The text of a file as the cache holds it, to tell whether it was read again.
    fn text(cache: &SourceCache, relative: &str) -> Arc<str> {
        let cached = &cache.content[&cache.root.join(relative)];
        cached.file.as_ref().unwrap().source.text.clone()
    }

    #[test]
    fn reads_again_only_the_files_named() {
        let dir = site();
        let mut cache = SourceCache::load(dir.path());
        let (a, b) = (text(&cache, SCHOOL), text(&cache, "content/schools/b.yaml"));
        write(&dir, SCHOOL, "id: a2\n");
        write(&dir, "content/schools/b.yaml", "id: b2\n");
        cache.update([Path::new(SCHOOL)]);
        assert_eq!(&*text(&cache, SCHOOL), "id: a2\n");
        assert!(!Arc::ptr_eq(&a, &text(&cache, SCHOOL)));
        assert!(Arc::ptr_eq(&b, &text(&cache, "content/schools/b.yaml")), "b was not named, so not read");
    }

    #[test]
    fn a_rescan_reads_the_files_whose_length_changed_and_keeps_the_others() {
        let dir = site();
        let mut cache = SourceCache::load(dir.path());
        let b = text(&cache, "content/schools/b.yaml");
        write(&dir, SCHOOL, "id: a-longer\n");
        cache.rescan();
        assert_eq!(&*text(&cache, SCHOOL), "id: a-longer\n");
        assert!(Arc::ptr_eq(&b, &text(&cache, "content/schools/b.yaml")));
    }

    #[test]
    fn files_added_removed_or_ignored_are_as_a_fresh_load_finds_them() {
        let dir = site();
        let mut cache = SourceCache::load(dir.path());
        write(&dir, "content/schools/c.yaml", "id: c\n");
        write(&dir, "content/schools/.c.yaml.swp", "swap");
        write(&dir, "content/notes.txt", "notes");
        std::fs::remove_file(dir.path().join(SCHOOL)).unwrap();
        let named = [SCHOOL, "content/schools/c.yaml", "content/schools/.c.yaml.swp", "content/notes.txt"];
        cache.update(named.iter().map(Path::new));
        let fresh = SourceCache::load(dir.path());
        let paths = |cache: &SourceCache| cache.content.keys().cloned().collect::<Vec<_>>();
        assert_eq!(paths(&cache), paths(&fresh));
        let (mut found, mut expected) = (Diagnostics::new(), Diagnostics::new());
        cache.raw_site(&mut found);
        fresh.raw_site(&mut expected);
        assert_eq!(found.sorted(), expected.sorted(), "the stray file is reported as by a fresh load");
    }

    #[test]
    fn a_folder_named_makes_a_rescan() {
        let dir = site();
        let mut cache = SourceCache::load(dir.path());
        std::fs::remove_dir_all(dir.path().join("content/schools")).unwrap();
        write(&dir, "content/plans/more/p.yaml", "id: p\n");
        cache.update([Path::new("content/schools"), Path::new("content/plans/more")]);
        let files: Vec<PathBuf> = cache.content.keys().cloned().collect();
        assert_eq!(files, vec![dir.path().join("content/plans/more/p.yaml")]);
    }

    #[test]
    fn the_config_is_read_again_when_named() {
        let dir = site();
        let mut cache = SourceCache::load(dir.path());
        write(&dir, "gongkai.yaml", "title: {zh: 新站}\n");
        cache.update([Path::new(CONFIG_FILE)]);
        let config = cache.config.as_ref().unwrap().file.as_ref().unwrap();
        assert_eq!(&*config.source.text, "title: {zh: 新站}\n");
    }
}
