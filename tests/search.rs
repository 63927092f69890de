//! The search index at scale: a showcase of 3 MB of Chinese (under the 4 MiB limit on a source
//! file, so accepted) builds and is indexed within the normal time of the test suite.

mod common;

use common::{TestSite, assert_success};

/// The zh page counts that `pagefind-entry.json` names, one per part of the index.
fn zh_pages_indexed(site: &TestSite) -> u64 {
    let entry: serde_json::Value = serde_json::from_str(&site.page("pagefind/pagefind-entry.json")).unwrap();
    entry["languages"]["zh-hans"]["page_count"].as_u64().unwrap()
}

/// The sentences of the example site's Chinese showcases: real text, with its punctuation.
fn example_sentences() -> Vec<String> {
    let mut sentences = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(common::repo().join("content/showcases"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.to_string_lossy().ends_with(".zh.md"))
        .collect();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(file).unwrap();
        let body = text.splitn(3, "---\n").nth(2).unwrap_or_default();
        for line in body.lines().filter(|line| !line.starts_with(['|', '#', '*', '-']) && !line.is_empty()) {
            sentences.extend(line.split_inclusive('。').map(str::to_string).filter(|s| s.chars().count() > 8));
        }
    }
    sentences
}

/// About `bytes` of Chinese prose: the example's sentences in a shuffled order (a fixed seed), in
/// paragraphs of 3 to 9 sentences under a heading every 40 paragraphs.
fn long_chinese_body(bytes: usize) -> String {
    let sentences = example_sentences();
    assert!(sentences.len() > 100, "the example showcases give {} sentences", sentences.len());
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |below: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % below as u64) as usize
    };
    let mut body = String::with_capacity(bytes + 4096);
    let mut paragraphs = 0;
    while body.len() < bytes {
        if paragraphs % 40 == 0 {
            body.push_str(&format!("## 第{}部分\n\n", paragraphs / 40 + 1));
        }
        for _ in 0..3 + next(7) {
            body.push_str(&sentences[next(sentences.len())]);
        }
        body.push_str("\n\n");
        paragraphs += 1;
    }
    body
}

#[test]
fn a_three_megabyte_chinese_showcase_is_built_and_indexed() {
    let site = TestSite::fixture("minimal");
    assert_success(&site.build());
    let before = zh_pages_indexed(&site);

    let body = long_chinese_body(3_000_000);
    assert!(body.len() < 4 * 1024 * 1024);
    let front = "---\ntitle: 长篇报告\ndate: 2020-06-01\nschools: [lead-primary]\ntags: [pairing]\n---\n";
    site.write("content/showcases/long-report.zh.md", &format!("{front}{body}"));
    let front = "---\ntitle: A long report\n---\n";
    site.write("content/showcases/long-report.en.md", &format!("{front}A short English summary.\n"));
    assert_success(&site.build());

    let last_heading = body.rsplit("## ").next().unwrap().lines().next().unwrap();
    let page = site.page("showcases/long-report/index.html");
    assert!(page.contains(last_heading), "the whole showcase is on its page, to {last_heading}");
    assert_eq!(zh_pages_indexed(&site), before + 1, "the long showcase is in the index");
}
