//! Watching the site for edits: `gongkai.yaml`, `content/` and `themes/`.
//!
//! notify's debouncer turns an editor's burst of events (write a temporary file, rename it over the
//! original, touch a backup) into one batch. The batch is then reduced to what matters here
//! ([`Changes`]): the site's files that changed, and whether the theme did. A batch that touches
//! only editors' temporary and backup files is dropped, as zola's `fs_utils::filter_events` does,
//! so that only a save of a real file rebuilds.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, DebouncedEvent, Debouncer, RecommendedCache, new_debouncer};

use crate::content::CONFIG_FILE;

/// Events closer together than this are one save. An editor's save (write, or write a temporary
/// file and rename it over) takes a few milliseconds; every millisecond here is one more before
/// the browser reloads.
pub const DEBOUNCE: Duration = Duration::from_millis(20);

/// What an edit touched.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// `gongkai.yaml` and files (or folders) below `content/` that were changed, added or removed,
    /// relative to the site's root.
    pub files: BTreeSet<PathBuf>,
    /// A template, UI strings or static file below `themes/`.
    pub theme: bool,
    /// Events were lost: anything may have changed.
    pub unknown: bool,
}

impl Changes {
    /// Everything may have changed.
    pub fn unknown() -> Self {
        Changes { unknown: true, ..Changes::default() }
    }

    /// Whether nothing but editors' temporary files changed.
    pub fn is_empty(&self) -> bool {
        !self.theme && !self.unknown && self.files.iter().all(|path| is_temporary(path))
    }

    fn merge(&mut self, other: Changes) {
        self.files.extend(other.files);
        self.theme |= other.theme;
        self.unknown |= other.unknown;
    }
}

/// A running watcher; dropping it stops watching.
pub struct Watcher {
    _debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    batches: Receiver<DebounceEventResult>,
    root: PathBuf,
}

impl Watcher {
    pub fn start(root: &Path) -> Result<Watcher, notify::Error> {
        let root = root.canonicalize().map_err(notify::Error::io)?;
        let (sender, batches) = channel();
        let mut debouncer = new_debouncer(DEBOUNCE, None, sender)?;
        // The root only for the config file: public/ and the rest of the folder are not watched.
        debouncer.watch(&root, RecursiveMode::NonRecursive)?;
        for folder in ["content", "themes"] {
            let path = root.join(folder);
            if path.is_dir() {
                debouncer.watch(&path, RecursiveMode::Recursive)?;
            }
        }
        Ok(Watcher { _debouncer: debouncer, batches, root })
    }

    /// Blocks until an edit that matters, and returns what it touched. `None` when the watcher
    /// has stopped.
    pub fn next_change(&self) -> Option<Changes> {
        loop {
            let mut changes = self.changes_in(self.batches.recv().ok()?);
            // A burst may arrive as several batches: take what is already queued too.
            while let Ok(batch) = self.batches.try_recv() {
                changes.merge(self.changes_in(batch));
            }
            if !changes.is_empty() {
                return Some(changes);
            }
        }
    }

    fn changes_in(&self, batch: DebounceEventResult) -> Changes {
        match batch {
            Ok(events) => classify(&self.root, edited_paths(&events)),
            // A lost event (queue overflow …) may hide any change.
            Err(_) => Changes::unknown(),
        }
    }
}

/// The paths of events that change a file. Reading a file is an event too (rebuilding reads every
/// file), so access events are left out, or each rebuild would start the next.
fn edited_paths(events: &[DebouncedEvent]) -> impl Iterator<Item = &PathBuf> {
    events.iter().filter(|e| is_edit(&e.kind)).flat_map(|e| e.paths.iter())
}

pub fn is_edit(kind: &EventKind) -> bool {
    use notify::event::{MetadataKind, ModifyKind};
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

/// What `paths` (below the canonical `root`) change. Files outside the watched places are left
/// out, and so are temporary files below `themes/`. Temporary files below `content/` are kept, so
/// that the site's files stay as a fresh load would find them, but they alone never rebuild (see
/// [`Changes::is_empty`]).
pub fn classify<'a>(root: &Path, paths: impl Iterator<Item = &'a PathBuf>) -> Changes {
    let mut changes = Changes::default();
    for path in paths {
        let Ok(relative) = path.strip_prefix(root) else { continue };
        let first = relative.components().next().and_then(|c| c.as_os_str().to_str());
        match first {
            Some("content") => {
                changes.files.insert(relative.to_path_buf());
            }
            Some("themes") => changes.theme |= !is_temporary(path),
            Some(CONFIG_FILE) if relative.components().count() == 1 => {
                changes.files.insert(relative.to_path_buf());
            }
            _ => {}
        }
    }
    changes
}

/// Editors' swap, backup and temporary files: vim (`.x.swp`, `x~`, `4913`), emacs (`.#x`, `#x#`),
/// JetBrains (`x___jb_tmp___`), and the `.tmp` files many editors write before renaming over.
pub fn is_temporary(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return true;
    };
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        || name == "4913"
        || matches!(extension, "swp" | "swx" | "swo" | "tmp" | "bak" | "crdownload" | "part")
        || name.contains(".tmp.")
        || name.contains(".sb-") // Sublime Text's atomic-save temporary
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(paths: &[&str]) -> Changes {
        let paths: Vec<PathBuf> = paths.iter().map(|p| Path::new("/site").join(p)).collect();
        classify(Path::new("/site"), paths.iter())
    }

    fn files(paths: &[&str]) -> Changes {
        Changes { files: paths.iter().map(PathBuf::from).collect(), ..Changes::default() }
    }

    #[test]
    fn keeps_the_site_files_that_changed_and_whether_the_theme_did() {
        assert_eq!(kinds(&["content/showcases/a.zh.md"]), files(&["content/showcases/a.zh.md"]));
        assert_eq!(kinds(&["themes/default/templates/base.html"]), Changes { theme: true, ..Changes::default() });
        assert_eq!(kinds(&["gongkai.yaml"]), files(&["gongkai.yaml"]));
        assert_eq!(kinds(&["gongkai.yaml", "content/plans/p.yaml"]), files(&["content/plans/p.yaml", "gongkai.yaml"]));
    }

    #[test]
    fn reading_a_file_is_not_an_edit() {
        use notify::event::{AccessKind, AccessMode, CreateKind, DataChange, ModifyKind, RenameMode};
        assert!(!is_edit(&EventKind::Access(AccessKind::Close(AccessMode::Read))));
        assert!(!is_edit(&EventKind::Access(AccessKind::Open(AccessMode::Any))));
        assert!(is_edit(&EventKind::Modify(ModifyKind::Data(DataChange::Any))));
        assert!(is_edit(&EventKind::Modify(ModifyKind::Name(RenameMode::Both))));
        assert!(is_edit(&EventKind::Create(CreateKind::File)));
    }

    #[test]
    fn ignores_output_and_other_files() {
        assert!(kinds(&["public/index.html", "notes.txt", "other/gongkai.yaml"]).is_empty());
    }

    #[test]
    fn ignores_editors_temporary_files_but_not_the_file_renamed_over() {
        let temporary = [
            "content/showcases/.a.zh.md.swp",
            "content/showcases/a.zh.md~",
            "content/showcases/.#a.zh.md",
            "content/showcases/#a.zh.md#",
            "content/showcases/4913",
            "content/showcases/a.zh.md___jb_tmp___",
            "content/showcases/a.zh.md.tmp.1234.5678",
            "themes/default/templates/base.html.tmp",
        ];
        for path in temporary {
            assert!(kinds(&[path]).is_empty(), "{path}");
        }
        // Rename-over: the event names both the temporary file and the file saved.
        let saved = kinds(&["content/showcases/a.zh.md.tmp.1234.5678", "content/showcases/a.zh.md"]);
        assert!(!saved.is_empty());
        assert!(saved.files.contains(Path::new("content/showcases/a.zh.md")));
    }
}
