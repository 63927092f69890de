//! A build killed at any moment leaves a complete site: the previous one or the new one, never a mix.

mod common;

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
