//! Test harness: a copy of a fixture site in a temporary folder, built by the real binary.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

pub mod open_sdg;

pub struct TestSite {
    dir: Dir,
}

/// A temporary folder owned by the test site, or one owned by the test.
enum Dir {
    Owned(tempfile::TempDir),
    Borrowed(PathBuf),
}

pub struct Run {
    pub success: bool,
    pub code: Option<i32>,
    pub stderr: String,
    pub stdout: String,
}

impl TestSite {
    /// A copy of `tests/fixtures/<name>` (the theme comes from the binary).
    pub fn fixture(name: &str) -> Self {
        let site = TestSite { dir: Dir::Owned(tempfile::tempdir().unwrap()) };
        copy_dir(&repo().join("tests/fixtures").join(name), site.root());
        site
    }

    /// A copy of the repository's example site: config, content and theme.
    pub fn example() -> Self {
        let site = TestSite { dir: Dir::Owned(tempfile::tempdir().unwrap()) };
        std::fs::copy(repo().join("gongkai.yaml"), site.root().join("gongkai.yaml")).unwrap();
        copy_dir(&repo().join("content"), &site.root().join("content"));
        copy_dir(&repo().join("themes"), &site.root().join("themes"));
        site
    }

    /// A site in a folder the test made (and removes).
    pub fn at(root: &Path) -> Self {
        TestSite { dir: Dir::Borrowed(root.to_path_buf()) }
    }

    pub fn root(&self) -> &Path {
        match &self.dir {
            Dir::Owned(dir) => dir.path(),
            Dir::Borrowed(path) => path,
        }
    }

    pub fn write(&self, relative: &str, text: &str) -> &Self {
        let path = self.root().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    pub fn read_source(&self, relative: &str) -> String {
        std::fs::read_to_string(self.root().join(relative)).unwrap()
    }

    /// Replaces `from` by `to` in a source file; panics if `from` is not there, so a test cannot
    /// silently stop testing what it meant to.
    pub fn edit(&self, relative: &str, from: &str, to: &str) -> &Self {
        let text = self.read_source(relative);
        assert!(text.contains(from), "`{from}` is not in {relative}");
        self.write(relative, &text.replacen(from, to, 1))
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_env(args, &[])
    }

    pub fn run_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_gongkai"));
        command.args(args).arg("--root").arg(self.root());
        for (key, value) in env {
            command.env(key, value);
        }
        let output = command.output().unwrap();
        Run {
            success: output.status.success(),
            code: output.status.code(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        }
    }

    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    /// A built page, e.g. `en/plans/test-plan/index.html`.
    pub fn page(&self, relative: &str) -> String {
        let path = self.public().join(relative);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    /// Every file of the built site with its bytes.
    pub fn snapshot(&self) -> Snapshot {
        snapshot(&self.public())
    }
}

/// Every file below a folder, by its path below it, with its bytes.
pub type Snapshot = BTreeMap<PathBuf, Vec<u8>>;

pub fn snapshot(dir: &Path) -> Snapshot {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect()
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().flatten() {
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Asserts that a run succeeded, showing its messages if not.
pub fn assert_success(run: &Run) {
    assert!(run.success, "the build failed:\n{}", run.stderr);
}
