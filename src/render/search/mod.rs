//! Full-text search, built offline with the site: a [pagefind] index of the standard pages of every
//! language, written below `pagefind/` and read by the search page's script (the theme's
//! `static/search.js`). Chinese is segmented into words by pagefind's extended build (ICU4X), the
//! same way the browser's `Intl.Segmenter` splits the query.
//!
//! 1. Once every page is rendered, [`bundle`] reads the [`indexed`] ones back from where they were
//!    written and takes their `<main>` apart into a [`text::Record`] (its text with the weights
//!    of its headings, its title and kind) by the rules of pagefind's parser, on every core, and
//!    gives pagefind the records (with `--minify`, from the `<main>` as rendered, which the build
//!    set aside before minifying: the minifier leaves out closing tags, see
//!    [`super::render_each`]);
//! 2. each language is split into parts of at most [`PART_PAGES`] pages, each a bundle of its
//!    own, and the parts of all languages are indexed at once, one per rayon thread. Within a part
//!    pages go in URL order (pagefind numbers pages in the order they arrive), and the parts are
//!    fixed by the pages alone, so the index is byte-identical whatever the thread count;
//! 3. the files come back as [`OutputFile`]s below `pagefind/` (the first part, with the script)
//!    and `pagefind/part-N/`, each with one `pagefind-entry.json` naming its languages. The search
//!    page merges the parts of its language.
//!
//! [pagefind]: https://pagefind.app/

mod text;

use std::collections::BTreeMap;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use rayon::prelude::*;

use self::text::Record;
use super::OutputFile;
use super::pages::{PageKind, PagePlan};
use crate::config::ReadingMode;
use crate::diagnostics::Diagnostic;
use crate::i18n::Lang;
use crate::model::Site;

/// Where the bundle lives below the site root.
pub const BUNDLE_DIR: &str = "pagefind/";

/// The theme's script that runs a query on the search page, by its name below `static/`.
pub const SCRIPT: &str = "search.js";

/// The file pagefind's script reads first; it names the index of each language.
const ENTRY: &str = "pagefind-entry.json";

/// pagefind's own search interfaces and highlighter: the theme's script lists the results itself, so
/// these are left out of the bundle.
const UNUSED: [&str; 7] = [
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
];

/// Whether a page goes into the index: the standard copy of a page that shows a record or explains
/// the site. Lists, the home page and the progress overview only repeat what those pages say, and
/// the reading-mode copies repeat the standard site.
pub fn indexed(site: &Site, plan: PagePlan) -> bool {
    site.config.search && plan.mode == ReadingMode::Standard && kind_key(plan.kind).is_some()
}

/// The UI string that names a page's kind in the results (指标, 学校 …), for an indexed kind.
pub fn kind_key(kind: PageKind) -> Option<&'static str> {
    match kind {
        PageKind::Plan(_) | PageKind::Annex(_) => Some("nav_plans"),
        PageKind::Interpretation(_) => Some("nav_interpretations"),
        PageKind::Indicator(_) => Some("nav_indicators"),
        PageKind::School(_) => Some("nav_schools"),
        PageKind::Showcase(_) => Some("nav_showcases"),
        PageKind::Report(_) => Some("nav_results"),
        PageKind::Department(_) => Some("nav_departments"),
        PageKind::Methodology => Some("nav_methodology"),
        _ => None,
    }
}

/// Every key of [`kind_key`], in the order the search page offers them as a filter.
pub const KIND_KEYS: [&str; 8] = [
    "nav_plans",
    "nav_interpretations",
    "nav_indicators",
    "nav_schools",
    "nav_showcases",
    "nav_results",
    "nav_departments",
    "nav_methodology",
];

/// One page for the index: its language, its URL below the site root (`/en/plans/x/`; the search
/// page puts its own root in front, so results stay in a reading mode) and the file it was
/// written to.
pub struct Page {
    lang: Lang,
    url: String,
    file: String,
}

impl Page {
    /// The file the page was written to, below the output folder.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// What the index reads of the rendered page `html`: its `<main>`.
    fn record(&self, html: &[u8]) -> Record {
        text::record(&String::from_utf8_lossy(main_of(html)))
    }
}

/// The pages that go into the index, in the order of the page plan.
pub fn pages(site: &Site) -> Vec<Page> {
    super::pages::standard_plan(site)
        .into_iter()
        .filter(|plan| indexed(site, *plan))
        .map(|plan| Page {
            lang: plan.lang,
            url: format!("/{}{}", plan.lang.dir(), plan.kind.path(site)),
            file: plan.file(site),
        })
        .collect()
}

/// The `<main>` element of a page, or the whole page when it has none: all the index reads of it.
pub fn main_of(html: &[u8]) -> &[u8] {
    let find = |needle: &[u8]| html.windows(needle.len()).position(|w| w == needle);
    match (find(b"<main"), find(b"</main>")) {
        (Some(start), Some(end)) if start < end => &html[start..end + b"</main>".len()],
        _ => html,
    }
}

/// Reads a rendered page back, by its [`Page`]; called from many threads at once.
pub type Read<'a> = dyn Fn(&Page) -> Result<Vec<u8>, Diagnostic> + Sync + 'a;

/// Builds the index of `pages`, reading each through `read`, and returns the files of the bundle.
/// The parts of every language are indexed at once on the threads of the rayon pool the caller
/// runs in (`gongkai serve` indexes in a pool of one thread of its own, to keep the other core for
/// rebuilds and pages).
/// `default` is the site's default language, which an index of no page is in.
pub fn bundle(default: Lang, pages: Vec<Page>, read: &Read) -> Result<Vec<OutputFile>, Diagnostic> {
    bundle_in_parts(default, pages, read, PART_PAGES)
}

fn bundle_in_parts(
    default: Lang,
    pages: Vec<Page>,
    read: &Read,
    part_pages: usize,
) -> Result<Vec<OutputFile>, Diagnostic> {
    let languages = by_language(default, pages);
    // One job per part of each language, in a fixed order: which thread indexes a job, and when,
    // changes nothing, since each job is a bundle of its own and the results are taken in this order.
    let jobs: Vec<(usize, Vec<&Page>)> =
        languages.values().flat_map(|pages| split(pages, part_pages).into_iter().enumerate()).collect();
    let bundles = index_costliest_first(&jobs, read);
    let mut parts: BTreeMap<usize, Part> = BTreeMap::new();
    for ((number, _), files) in jobs.iter().zip(bundles) {
        let part = parts.entry(*number).or_default();
        for (path, bytes) in files? {
            part.add(*number, path, bytes);
        }
    }
    let files = parts.into_iter().map(|(number, part)| part.into_files(number));
    Ok(files.collect::<Result<Vec<_>, _>>()?.concat())
}

/// The files of one part's index: name and bytes.
type Bundle = Vec<(String, Vec<u8>)>;

/// The bundle of each job, in the order of `jobs`. Each part is indexed by one thread, the jobs
/// taken by the next free thread in the order of their cost, costliest first: a part of Chinese,
/// where pagefind indexes every pair of characters besides the words, takes about twice as long
/// as one of English. Split between two threads in their own order, the three Chinese parts of
/// the medium bench site went to one thread and the three English ones to the other, which then
/// waited for the last Chinese part a third of the indexing time.
fn index_costliest_first(jobs: &[(usize, Vec<&Page>)], read: &Read) -> Vec<Result<Bundle, Diagnostic>> {
    let cost = |pages: &[&Page]| pages.len() * pages.first().map_or(1, |page| cost_a_page(page.lang));
    let mut order: Vec<usize> = (0..jobs.len()).collect();
    order.sort_by_key(|&job| std::cmp::Reverse(cost(&jobs[job].1)));
    let bundles: Vec<std::sync::Mutex<Option<_>>> = jobs.iter().map(|_| std::sync::Mutex::new(None)).collect();
    rayon::scope_fifo(|scope| {
        for job in order {
            let bundle = &bundles[job];
            let pages = &jobs[job].1;
            scope.spawn_fifo(move |_| *bundle.lock().expect("one job a slot") = Some(index_part(pages, read)));
        }
    });
    bundles.into_iter().map(|bundle| bundle.into_inner().expect("one job a slot").expect("every job ran")).collect()
}

/// The relative cost of indexing a page of `lang`: pagefind indexes every pair of characters
/// besides the words of a language written without spaces between words.
fn cost_a_page(lang: Lang) -> usize {
    match lang.primary() {
        "zh" | "ja" | "th" | "lo" | "km" | "my" | "bo" => 2,
        _ => 1,
    }
}

/// The pages of each language, sorted by URL.
fn by_language(default: Lang, pages: Vec<Page>) -> BTreeMap<Lang, Vec<Page>> {
    let mut by_lang: BTreeMap<Lang, Vec<Page>> = BTreeMap::new();
    for page in pages {
        by_lang.entry(page.lang).or_default().push(page);
    }
    if by_lang.is_empty() {
        // No page to index: an empty index still brings the script and an entry naming no language.
        by_lang.insert(default, Vec::new());
    }
    by_lang.values_mut().for_each(|pages| pages.sort_by(|a, b| a.url.cmp(&b.url)));
    by_lang
}

/// The most pages one part of a language's index holds. pagefind keeps every word position of the
/// pages it indexes in memory until it writes the index (about 150 KB a page of the bench sites,
/// with Chinese pairs of characters), and each thread holds one part: a language of the medium
/// bench site (4,500 pages) in one piece took the build's peak RSS from 270 MB to 1.45 GB, in
/// parts of 2,000 pages to 830 MB, and this does not grow with the site. A search loads every
/// part of its language (pagefind's `mergeIndex`), so parts are as large as memory allows: 3 a
/// language on the medium site, where parts of 250 pages made 19.
pub const PART_PAGES: usize = 2_000;

/// A language's pages in parts. Part `n` takes every `count`-th page from the `n`-th on, so each
/// part is a sample of the whole language: a word is about as rare in every part, and the scores of
/// results from different parts, which weigh that, compare.
fn split(pages: &[Page], part_pages: usize) -> Vec<Vec<&Page>> {
    let count = pages.len().div_ceil(part_pages).max(1);
    (0..count).map(|number| pages.iter().skip(number).step_by(count).collect()).collect()
}

/// How many parts the index of `lang` has, for the search page to merge them all.
pub fn part_count(site: &Site, lang: Lang) -> usize {
    let plans = super::pages::standard_plan(site).into_iter();
    plans.filter(|plan| plan.lang == lang && indexed(site, *plan)).count().div_ceil(PART_PAGES).max(1)
}

/// Where part `number` of the index lives below the site root.
pub fn part_dir(number: usize) -> String {
    match number {
        0 => BUNDLE_DIR.to_string(),
        n => format!("{BUNDLE_DIR}part-{n}/"),
    }
}

/// The files of one part of the index: its own data, with the entries of its languages merged.
#[derive(Default)]
struct Part {
    files: BTreeMap<String, Vec<u8>>,
    entries: Vec<Vec<u8>>,
}

impl Part {
    fn add(&mut self, number: usize, path: String, bytes: Vec<u8>) {
        // Later parts are read by the first part's script, with its stemming code.
        let script = path.ends_with(".js") || path.starts_with("wasm.");
        if path == ENTRY {
            self.entries.push(bytes);
        } else if !UNUSED.contains(&path.as_str()) && (number == 0 || !script) {
            // The script and stemming files are the same whichever language brought them.
            self.files.insert(path, bytes);
        }
    }

    fn into_files(mut self, number: usize) -> Result<Vec<OutputFile>, Diagnostic> {
        self.files.insert(ENTRY.to_string(), merge_entries(&self.entries)?);
        let dir = part_dir(number);
        Ok(self.files.into_iter().map(|(path, bytes)| OutputFile { path: format!("{dir}{path}"), bytes }).collect())
    }
}

/// The bundle of one part of a language's index, on the calling thread. The pages are read and
/// taken apart on any free thread of the pool first (so a thread whose own parts are done helps
/// with the last ones), then given to pagefind one after the other, in URL order.
fn index_part(pages: &[&Page], read: &Read) -> Result<Bundle, Diagnostic> {
    let records: Vec<Record> = pages.par_iter().map(|page| Ok(page.record(&read(page)?))).collect::<Result<_, _>>()?;
    // Where some pages mark the part to index (`data-pagefind-body`), pagefind leaves out those
    // that mark none; so does this, within a part as pagefind does.
    let any_body = records.iter().any(|record| record.has_body);
    let records = pages.iter().zip(records).filter(|(_, record)| record.has_body || !any_body);
    let runtime = tokio::runtime::Builder::new_current_thread().build().map_err(failed)?;
    runtime.block_on(index_records(records))
}

/// The bundle of some pages of one language.
async fn index_records<'a>(records: impl Iterator<Item = (&'a &'a Page, Record)>) -> Result<Bundle, Diagnostic> {
    let options = PagefindServiceConfig::builder().build();
    let mut index = PagefindIndex::new(Some(options)).map_err(failed)?;
    for (page, record) in records {
        let Record { digest, meta, filters, sort, .. } = record;
        let language = page.lang.tag().to_ascii_lowercase();
        index
            .add_custom_record(page.url.clone(), digest, language, Some(meta), Some(filters), Some(sort))
            .await
            .map_err(failed)?;
    }
    let files = index.get_files().await.map_err(failed)?;
    Ok(files.into_iter().map(|f| (f.filename.to_string_lossy().replace('\\', "/"), f.contents)).collect())
}

/// One `pagefind-entry.json` naming the index of every language, from one per language: the first,
/// with the languages of the others added.
fn merge_entries(entries: &[Vec<u8>]) -> Result<Vec<u8>, Diagnostic> {
    let mut parsed = entries.iter().map(|entry| serde_json::from_slice::<serde_json::Value>(entry).map_err(failed));
    let mut merged = parsed.next().ok_or_else(|| failed("pagefind wrote no entry file"))??;
    for value in parsed {
        let more = value?.get("languages").and_then(|l| l.as_object()).cloned().unwrap_or_default();
        if let Some(languages) = merged.get_mut("languages").and_then(|l| l.as_object_mut()) {
            languages.extend(more);
        }
    }
    serde_json::to_vec(&merged).map_err(failed)
}

fn failed(error: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::global(format!("cannot build the search index: {error}")).with_hint(
        "this is a bug in gongkai or pagefind; `search: false` in gongkai.yaml builds the site without search",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Without pagefind's `extended` feature a run of Chinese would be one long word.
    #[test]
    fn chinese_is_segmented_into_words() {
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let mut index = PagefindIndex::new(Some(PagefindServiceConfig::builder().build())).unwrap();
        let Record { digest, meta, .. } = text::record("<main data-pagefind-body>课后服务学校覆盖率</main>");
        let add = index.add_custom_record("/x/".into(), digest, "zh-hans".into(), Some(meta), None, None);
        let page = runtime.block_on(add).unwrap();
        assert!(page.page_word_count >= 3, "{} words", page.page_word_count);
    }

    #[test]
    fn main_of_keeps_only_the_main_element() {
        let html = b"<html><header>nav</header><main id=\"main\"><h1>T</h1></main><footer>f</footer></html>";
        assert_eq!(main_of(html), b"<main id=\"main\"><h1>T</h1></main>");
        assert_eq!(main_of(b"<p>no main</p>"), b"<p>no main</p>");
    }

    #[test]
    fn parts_are_samples_of_the_whole_language_in_url_order() {
        let pages: Vec<Page> = (0..PART_PAGES * 2 + 1)
            .map(|i| Page { lang: languages()[0], url: format!("/p{i:04}/"), file: String::new() })
            .collect();
        let parts = split(&pages, PART_PAGES);
        assert_eq!(parts.len(), 3);
        assert!(parts.iter().all(|part| part.len() <= PART_PAGES));
        assert_eq!(parts.iter().map(Vec::len).sum::<usize>(), pages.len());
        assert_eq!([parts[0][0].url.as_str(), parts[0][1].url.as_str()], ["/p0000/", "/p0003/"]);
        assert_eq!(split(&[], PART_PAGES).len(), 1, "an empty language still has its part");
    }

    fn languages() -> crate::i18n::Languages {
        crate::i18n::Languages::from_tags(&["zh", "en"])
    }

    fn synthetic_pages(count: usize) -> Vec<Page> {
        let langs = languages();
        (0..count)
            .map(|i| Page { lang: langs[i % 2], url: format!("/p{i:03}/"), file: format!("p{i:03}.html") })
            .collect()
    }

    fn synthetic_page(page: &Page) -> Result<Vec<u8>, Diagnostic> {
        let n = &page.file[1..4];
        let text = match page.lang.code() {
            "zh" => format!("第{n}所学校推进课后服务，家长满意度持续提高。"),
            _ => format!("School {n} extends after-school services; parents are more satisfied."),
        };
        Ok(format!("<main data-pagefind-body><h1>{n}</h1><p>{text}</p></main>").into_bytes())
    }

    fn bundle_on_threads(threads: usize) -> Vec<OutputFile> {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        pool.install(|| bundle_in_parts(languages()[0], synthetic_pages(23), &synthetic_page, 4)).unwrap()
    }

    #[test]
    fn parts_indexed_on_many_threads_give_the_same_bytes_as_on_one() {
        let one = bundle_on_threads(1);
        let parts = one.iter().filter(|file| file.path.ends_with(ENTRY)).count();
        assert_eq!(parts, 3, "12 pages of a language in parts of at most 4");
        for threads in [2, 5] {
            let many = bundle_on_threads(threads);
            assert_eq!(many.len(), one.len());
            for (a, b) in one.iter().zip(&many) {
                assert_eq!(a.path, b.path);
                assert!(a.bytes == b.bytes, "{} differs with {threads} threads", a.path);
            }
        }
    }

    #[test]
    fn merges_the_languages_of_each_entry() {
        let zh = br#"{"version":"1.6.0","languages":{"zh-hans":{"hash":"a","wasm":null,"page_count":2}},"include_characters":[]}"#;
        let en = br#"{"version":"1.6.0","languages":{"en":{"hash":"b","wasm":"en","page_count":1}},"include_characters":[]}"#;
        let merged: serde_json::Value =
            serde_json::from_slice(&merge_entries(&[zh.to_vec(), en.to_vec()]).unwrap()).unwrap();
        assert_eq!(merged["languages"]["zh-hans"]["page_count"], 2);
        assert_eq!(merged["languages"]["en"]["wasm"], "en");
        assert_eq!(merged["version"], "1.6.0");
    }
}
