//! Hot paths of a build, on the example site: load (read + parse), validate + derive, render one
//! page, render every page. Run with `cargo bench --bench pipeline`; compare runs to see regressions.

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use gongkai::diagnostics::Diagnostics;
use gongkai::render::pages::{PageKind, PagePlan};
use gongkai::site::Drafts;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn pipeline(c: &mut Criterion) {
    c.bench_function("load", |b| {
        b.iter(|| gongkai::content::load(root(), &mut Diagnostics::new()));
    });
    c.bench_function("load + validate + derive + theme", |b| {
        b.iter(|| gongkai::site::load(root(), Drafts::Exclude, &mut Diagnostics::new()));
    });
    let mut diagnostics = Diagnostics::new();
    let loaded = gongkai::site::load(root(), Drafts::Exclude, &mut diagnostics);
    let (site, theme) = (loaded.site.expect("the example site loads"), loaded.theme.expect("the theme loads"));
    let indicator = site.indicators.iter().position(|i| i.id == "czq-quality-kindergarten-share").unwrap();
    let page = PagePlan {
        mode: gongkai::config::ReadingMode::Standard,
        lang: site.config.languages.default_lang(),
        kind: PageKind::Indicator(indicator),
    };
    c.bench_function("render one indicator page", |b| {
        let bases = gongkai::render::Bases::new(&site, &theme);
        b.iter(|| gongkai::render::render_page(&site, &theme, &bases, page, None).unwrap());
    });
    c.bench_function("render every page", |b| {
        b.iter(|| gongkai::render::render(&site, &theme, &mut Diagnostics::new()));
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = pipeline
}
criterion_main!(benches);
