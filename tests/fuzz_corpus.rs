//! Replays the committed fuzz corpora (`fuzz/corpus/<target>/`) through the same entry points the
//! fuzz targets use, so every input that once mattered keeps being checked by `cargo test`.

mod common;

fn replay(target: &str, run: fn(&[u8])) {
    let dir = common::repo().join("fuzz/corpus").join(target);
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let bytes = std::fs::read(entry.path()).unwrap();
        run(&bytes);
        // Truncations reach the parsers' error paths: unterminated mappings, half a front matter.
        for cut in [bytes.len() / 3, bytes.len() / 2, bytes.len().saturating_sub(1)] {
            run(&bytes[..cut]);
        }
        count += 1;
    }
    assert!(count > 0, "no corpus in {}", dir.display());
}

#[test]
fn indicator_yaml_corpus_never_panics() {
    replay("indicator_yaml", gongkai::fuzzing::indicator_yaml);
}

#[test]
fn front_matter_and_markdown_corpus_never_panics_or_keeps_script() {
    replay("front_matter_markdown", gongkai::fuzzing::front_matter_and_markdown);
}

#[test]
fn config_corpus_never_panics() {
    replay("config", gongkai::fuzzing::config);
}
