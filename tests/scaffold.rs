//! `gongkai init` and `gongkai new`: what they write builds at once, and nothing is overwritten.

mod common;

use std::process::Command;

use common::{Run, TestSite, assert_success};

fn gongkai(args: &[&str], dir: &std::path::Path) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_gongkai")).args(args).current_dir(dir).output().unwrap();
    Run {
        success: output.status.success(),
        code: output.status.code(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
    }
}

/// A site made by `gongkai init`, in a temporary folder.
fn init() -> (tempfile::TempDir, std::path::PathBuf) {
    let parent = tempfile::tempdir().unwrap();
    let run = gongkai(&["init", "my-site"], parent.path());
    assert_success(&run);
    let root = parent.path().join("my-site");
    (parent, root)
}

#[test]
fn init_writes_a_site_with_every_content_type_that_builds() {
    let (_parent, root) = init();
    for folder in ["plans", "indicators", "schools", "departments", "tags", "showcases", "results"] {
        let files = std::fs::read_dir(root.join("content").join(folder)).unwrap().count();
        assert!(files > 0, "content/{folder} is empty");
    }
    assert!(root.join("themes/default/templates/base.html").is_file());
    let build = gongkai(&["build", "--root", root.to_str().unwrap()], &root);
    assert_success(&build);
    assert!(!build.stderr.contains("warning"), "{}", build.stderr);
    let showcase = std::fs::read_to_string(root.join("public/en/showcases/first-pairing-term/index.html")).unwrap();
    assert!(showcase.contains("the first term of a school pairing"));
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let parent = tempfile::tempdir().unwrap();
    std::fs::create_dir(parent.path().join("taken")).unwrap();
    std::fs::write(parent.path().join("taken/notes.txt"), "keep me").unwrap();
    let run = gongkai(&["init", "taken"], parent.path());
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("is not empty"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(parent.path().join("taken/notes.txt")).unwrap(), "keep me");
}

#[test]
fn new_writes_each_kind_in_both_languages_and_the_site_still_builds() {
    let (_parent, root) = init();
    let root_arg = root.to_str().unwrap();
    for kind in ["showcase", "indicator", "school", "plan"] {
        assert_success(&gongkai(&["new", kind, &format!("new-{kind}"), "--root", root_arg], &root));
    }
    let zh = std::fs::read_to_string(root.join("content/showcases/new-showcase.zh.md")).unwrap();
    let en = std::fs::read_to_string(root.join("content/showcases/new-showcase.en.md")).unwrap();
    assert!(zh.contains("draft: true") && en.contains("title:"));
    // Every field present, each with a comment: the plan file has all of a plan's fields.
    let plan = std::fs::read_to_string(root.join("content/plans/new-plan.yaml")).unwrap();
    for field in ["document_number:", "index_number:", "category:", "source:", "sample_note:", "phases:", "goals:"] {
        assert!(plan.contains(field), "the new plan lacks `{field}`");
    }
    let indicator = std::fs::read_to_string(root.join("content/indicators/new-indicator.yaml")).unwrap();
    assert!(indicator.contains("en:") && indicator.contains("breakdown:") && indicator.matches("\n#").count() > 10);
    let site = TestSite::at(&root);
    assert_success(&site.build());
    // The new showcase is a draft: served, not built.
    assert!(!root.join("public/showcases/new-showcase").exists());
    assert!(root.join("public/schools/new-school/index.html").is_file());
    assert!(root.join("public/en/indicators/new-indicator/index.html").is_file());
}

#[test]
fn new_refuses_to_overwrite_or_reuse_an_id() {
    let (_parent, root) = init();
    let root_arg = root.to_str().unwrap();
    let file = root.join("content/schools/example-primary.yaml");
    let before = std::fs::read_to_string(&file).unwrap();
    let run = gongkai(&["new", "school", "example-primary", "--root", root_arg], &root);
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("already"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);

    // A file with the new name exists but holds no record of that id: still not overwritten.
    std::fs::write(root.join("content/showcases/notes.en.md"), "my notes").unwrap();
    let run = gongkai(&["new", "showcase", "notes", "--root", root_arg], &root);
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("never overwrites"), "{}", run.stderr);
    assert!(!root.join("content/showcases/notes.zh.md").exists(), "a half-written pair was left");
    assert_eq!(std::fs::read_to_string(root.join("content/showcases/notes.en.md")).unwrap(), "my notes");

    let run = gongkai(&["new", "plan", "Bad_Id", "--root", root_arg], &root);
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("not a valid id"), "{}", run.stderr);
}
