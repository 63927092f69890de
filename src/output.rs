//! Stage 5, write: the built site goes into a staging folder beside the output folder, and only
//! when every file is written is it swapped into place. A failed or killed build therefore leaves
//! the previous site complete.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::render::OutputFile;

/// Written into every output folder; gongkai replaces only folders that carry it (or are empty).
pub const MARKER: &str = ".gongkai-output";
const MARKER_TEXT: &str = "This folder is written by gongkai and replaced on every build.\n";

/// A staging folder beside the output folder. Files are written into it as they are rendered
/// (from many threads); [`Staging::commit`] swaps it into place. Dropped without a commit, it is
/// removed, and the previous output is untouched.
pub struct Staging {
    dir: PathBuf,
    /// Beside the staging folder: what a build keeps for itself and never publishes (see
    /// [`Staging::write_aside`]); removed with the staging folder, or when it is committed.
    aside: PathBuf,
    out: PathBuf,
    parent: PathBuf,
    name: String,
    committed: bool,
}

impl Staging {
    pub fn create(out: &Path, force: bool) -> Result<Self, Diagnostic> {
        check_replaceable(out, force)?;
        let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf();
        std::fs::create_dir_all(&parent).map_err(|e| io_error("create", &parent, e))?;
        let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
        remove_leftovers(&parent, &name);
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| io_error("create", &dir, e))?;
        let aside = parent.join(format!(".{name}.aside-{}", std::process::id()));
        Ok(Staging { dir, aside, out: out.to_path_buf(), parent, name, committed: false })
    }

    pub fn write(&self, file: &OutputFile) -> Result<(), Diagnostic> {
        write_file(&self.dir.join(&file.path), &file.bytes)
    }

    /// A file written before, read back from the staging folder.
    pub fn read(&self, path: &str) -> Result<Vec<u8>, Diagnostic> {
        let full = self.dir.join(path);
        std::fs::read(&full).map_err(|e| io_error("read back", &full, e))
    }

    /// Keeps bytes that are not part of the site (the search index's copy of a page as it was before
    /// minifying) in a folder of their own beside the staging folder, to be read back with
    /// [`Staging::read_aside`]. They are never published.
    pub fn write_aside(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        write_file(&self.aside.join(path), bytes)
    }

    /// Bytes kept with [`Staging::write_aside`].
    pub fn read_aside(&self, path: &str) -> Result<Vec<u8>, Diagnostic> {
        let full = self.aside.join(path);
        std::fs::read(&full).map_err(|e| io_error("read back", &full, e))
    }

    pub fn commit(mut self) -> Result<(), Diagnostic> {
        write_file(&self.dir.join(MARKER), MARKER_TEXT.as_bytes())?;
        swap(&self.dir, &self.out, &self.parent, &self.name)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.aside);
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

fn check_replaceable(out: &Path, force: bool) -> Result<(), Diagnostic> {
    if force || !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        return Err(Diagnostic::global(format!("`{}` exists and is not a folder", out.display()))
            .with_hint("choose another `--output`"));
    }
    let empty = std::fs::read_dir(out).map(|mut d| d.next().is_none()).unwrap_or(false);
    if empty || out.join(MARKER).is_file() {
        return Ok(());
    }
    Err(Diagnostic::global(format!(
        "`{}` is not empty and was not written by gongkai; it is left as it is",
        out.display()
    ))
    .with_hint("choose another `--output`, or pass `--force` to replace it"))
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| io_error("create", parent, e))?;
    }
    let file = std::fs::File::create(path).map_err(|e| io_error("write", path, e))?;
    let mut writer = std::io::BufWriter::new(file);
    writer.write_all(bytes).and_then(|()| writer.flush()).map_err(|e| io_error("write", path, e))
}

/// Staging, old and aside folders left by a build that was killed: never the output itself.
fn remove_leftovers(parent: &Path, name: &str) {
    let prefixes = [format!(".{name}.staging-"), format!(".{name}.old-"), format!(".{name}.aside-")];
    let Ok(entries) = std::fs::read_dir(parent) else { return };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if prefixes.iter().any(|prefix| file_name.starts_with(prefix.as_str())) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Puts the staging folder in the output's place. Where the system can exchange two folders in one
/// step (Linux `renameat2`), the output is never missing, even if the process is killed mid-swap;
/// elsewhere the old site moves aside and the new one moves in, two renames.
fn swap(staging: &Path, out: &Path, parent: &Path, name: &str) -> Result<(), Diagnostic> {
    if !out.exists() {
        return std::fs::rename(staging, out).map_err(|e| io_error("move into place", staging, e));
    }
    if exchange(staging, out).is_ok() {
        // `staging` now holds the previous site.
        let _ = std::fs::remove_dir_all(staging);
        return Ok(());
    }
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    std::fs::rename(out, &old).map_err(|e| io_error("move aside", out, e))?;
    if let Err(error) = std::fs::rename(staging, out) {
        let _ = std::fs::rename(&old, out);
        return Err(io_error("move into place", staging, error));
    }
    let _ = std::fs::remove_dir_all(old);
    Ok(())
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

fn io_error(action: &str, path: &Path, error: std::io::Error) -> Diagnostic {
    Diagnostic::global(format!("cannot {action} `{}`: {error}", path.display()))
}
