//! The example site built twice — with different thread counts and from copies whose folders list
//! their entries in opposite orders — gives byte-identical output.
//!
//! tmpfs (`/dev/shm` on Linux) lists a folder's entries by when they were made (newest first on
//! older kernels, oldest first on newer ones), so copying the same files in opposite orders into two
//! tmpfs folders gives two different directory orders for one site. Any
//! output that depends on the order of `read_dir`, of a hash map, or on which thread finishes first
//! shows up as a difference.

mod common;

use std::path::{Path, PathBuf};

use common::{TestSite, assert_success, snapshot};

/// The example site's files (config, content, theme) below the repository, in path order.
fn example_files() -> Vec<PathBuf> {
    let repo = common::repo();
    let mut files = vec![PathBuf::from("gongkai.yaml")];
    for folder in ["content", "themes"] {
        let walker = walkdir::WalkDir::new(repo.join(folder)).sort_by_file_name();
        files.extend(
            walker
                .into_iter()
                .map(Result::unwrap)
                .filter(|e| e.file_type().is_file())
                .map(|e| e.path().strip_prefix(&repo).unwrap().to_path_buf()),
        );
    }
    files
}

/// Copies `files` into `root` in the given order, creating each folder just before its first file.
fn copy_in_order(files: &[PathBuf], root: &Path) {
    for file in files {
        let target = root.join(file);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(common::repo().join(file), target).unwrap();
    }
}

fn listing(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect()
}

#[test]
fn builds_are_byte_identical_across_thread_counts_and_directory_orders() {
    let shm = Path::new("/dev/shm");
    if !shm.is_dir() {
        println!("skipped: /dev/shm is missing, so there is no tmpfs to vary the directory order");
        return;
    }
    let forward = tempfile::tempdir_in(shm).unwrap();
    let backward = tempfile::tempdir_in(shm).unwrap();
    let mut files = example_files();
    copy_in_order(&files, forward.path());
    files.reverse();
    copy_in_order(&files, backward.path());

    // The test only means something if the two copies really list their folders differently.
    let folder = Path::new("content/showcases");
    let (first, second) = (listing(&forward.path().join(folder)), listing(&backward.path().join(folder)));
    if first == second {
        println!("skipped: this /dev/shm lists both copies in the same order ({} entries)", first.len());
        return;
    }

    let one = TestSite::at(forward.path());
    assert_success(&one.run_with_env(&["build"], &[("RAYON_NUM_THREADS", "1")]));
    let other = TestSite::at(backward.path());
    assert_success(&other.run_with_env(&["build"], &[("RAYON_NUM_THREADS", "4")]));

    let (a, b) = (snapshot(&one.public()), snapshot(&other.public()));
    assert!(a.len() > 100, "only {} files were built", a.len());
    let differing: Vec<_> = a.keys().chain(b.keys()).filter(|path| a.get(*path) != b.get(*path)).collect();
    assert!(
        differing.is_empty(),
        "{} of {} files differ, e.g. {:?}",
        differing.len(),
        a.len(),
        &differing[..differing.len().min(5)]
    );
}
