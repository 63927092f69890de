//! A build killed at any moment leaves a complete site: the previous one or the new one, never a mix.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::{TestSite, assert_success, snapshot};

#[test]
fn a_build_killed_at_any_moment_leaves_the_old_or_the_new_site_complete() {
    let site = TestSite::fixture("minimal");
    assert_success(&site.build());
    let old = site.snapshot();
    // Every page shows the site title, so the new site differs from the old one on every page.
    site.edit("gongkai.yaml", "title: {zh: 测试站点,", "title: {zh: 测试站点（修订）,");
    let new_dir = site.root().join("expected-new");
    let started = std::time::Instant::now();
    assert_success(&site.run(&["build", "--output", new_dir.to_str().unwrap()]));
    // Kill points spread over the whole length of a build, swap included, whatever this machine's speed.
    let build_time = started.elapsed();
    let new = snapshot(&new_dir);
    assert_ne!(old, new);

    let mut outcomes = vec![format!("a full build took {} ms", build_time.as_millis())];
    // Kills timed by the clock may all miss the write step on a fast or a slow machine, so these wait
    // for the build's own progress: the staging folder holding a first page, then half the new pages.
    // They come first, while public/ still holds the old site.
    let new_pages = new.keys().filter(|path| is_page(path)).count();
    for written in [1, new_pages / 2] {
        let staged = kill_once_staged(&site, written);
        assert!(staged >= written, "the kill was meant to land once {written} pages were staged, but {staged} were");
        assert!(site.snapshot() == old, "killed with {staged} pages staged, public/ is no longer the old site");
        outcomes.push(format!("killed with {staged} of {new_pages} pages staged: old"));
    }
    for step in 0..=36u32 {
        let delay_ms = (build_time * step / 24).as_millis() as u64;
        let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .args(["build", "--root"])
            .arg(site.root())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL: no cleanup code runs
        let _ = child.wait();
        let now = site.snapshot();
        let outcome = if now == old {
            "old"
        } else if now == new {
            "new"
        } else {
            panic!("after a kill at {delay_ms} ms, public/ is neither the old nor the new site")
        };
        outcomes.push(format!("{delay_ms} ms: {outcome}"));
    }
    println!("{}", outcomes.join("\n"));

    assert_success(&site.build());
    assert_eq!(site.snapshot(), new);
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".public."))
        .collect();
    assert!(leftovers.is_empty(), "staging folders left behind: {leftovers:?}");
}

/// Starts a build and kills it (SIGKILL) as soon as its staging folder holds `written` pages;
/// returns how many pages the staging folder held after the kill.
fn kill_once_staged(site: &TestSite, written: usize) -> usize {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["build", "--root"])
        .arg(site.root())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let staging = site.root().join(format!(".public.staging-{}", child.id()));
    let pages_in = |dir: &Path| {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file() && is_page(e.path()))
            .count()
    };
    while pages_in(&staging) < written {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the build ended ({status}) before {written} pages were staged in {}", staging.display());
        }
        std::thread::yield_now();
    }
    let _ = child.kill();
    let _ = child.wait();
    pages_in(&staging)
}

fn is_page(path: &Path) -> bool {
    path.extension().is_some_and(|extension| extension == "html")
}
