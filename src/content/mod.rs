//! Stage 1, load: walk the site once, read each file once, parse it into the records of this module
//! (ids still unresolved). Files are read and parsed in parallel; every problem becomes a
//! [`Diagnostic`] and loading goes on with the other files. `serve` keeps what was read in a
//! [`SourceCache`] and reads again only the files that changed.

mod cache;
pub mod document;
pub mod grid;
pub mod indicator;
pub mod plan;
pub mod registry;
pub mod school;
pub mod symlinks;
pub mod table;
pub mod tidy;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::config::ConfigFile;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::i18n::{TextKeys, collect_texts};
use crate::markdown::SharedHtml;
use crate::yaml;
pub use cache::SourceCache;
use document::{AnnexFront, Document, InterpretationFront, ResultsFront, ShowcaseFront, TranslationFront};
use indicator::IndicatorFile;
use plan::PlanFile;
use registry::{DepartmentsFile, TagsFile};
use school::SchoolFile;
use table::DataTable;
use tidy::TidyFile;

pub const CONFIG_FILE: &str = "gongkai.yaml";
/// Content files larger than this are refused: no plan needs it, and it keeps a stray data dump from
/// stalling a build.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// One file as read from disk, kept for error snippets. `path` is relative to the site root. The
/// text is shared, so that a rebuild in `serve` does not copy every file of the site.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: Arc<str>,
}

/// A record and the index of the file it came from in [`RawSite::sources`]. The record is shared
/// with the [`SourceCache`] it came from, so that putting a site together copies no record.
#[derive(Debug)]
pub struct Loaded<T> {
    pub file: usize,
    pub record: Arc<T>,
}

/// A document in the site's default language and its translations, each under the key of its
/// language (from the file name, `x.en.md`), in file-name order.
#[derive(Debug)]
pub struct DocumentPair<F> {
    pub id: String,
    pub original: Document<F>,
    pub translations: Vec<(String, Document<TranslationFront>)>,
}

/// Everything read from disk, as written.
#[derive(Debug, Default)]
pub struct RawSite {
    pub sources: Vec<SourceFile>,
    pub config: Option<Loaded<ConfigFile>>,
    pub plans: Vec<Loaded<PlanFile>>,
    pub indicators: Vec<Loaded<IndicatorFile>>,
    pub schools: Vec<Loaded<SchoolFile>>,
    pub departments: Vec<Loaded<DepartmentsFile>>,
    pub tags: Vec<Loaded<TagsFile>>,
    pub showcases: Vec<DocumentPair<ShowcaseFront>>,
    pub results: Vec<DocumentPair<ResultsFront>>,
    pub annexes: Vec<DocumentPair<AnnexFront>>,
    pub interpretations: Vec<DocumentPair<InterpretationFront>>,
    /// Data files (`content/data/`) with an `indicator` column: figures of many indicators, in path
    /// order.
    pub data: Vec<Loaded<DataTable>>,
    /// The other data files: tidy tables of one indicator each, in path order.
    pub tidy: Vec<Loaded<TidyFile>>,
    /// The language keys of the texts of each file (by its index in `sources`), checked against
    /// the site's languages once the config is known.
    pub texts: Vec<(usize, Arc<[TextKeys]>)>,
    /// Ids that files which failed to parse would probably have defined, by kind. A reference to
    /// one of them is not reported again: the parse error already explains it.
    pub unparsed_ids: Vec<(ContentKind, String)>,
}

impl RawSite {
    pub fn path(&self, file: usize) -> &Path {
        &self.sources[file].path
    }
}

/// What a content file is, from the folder it sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentKind {
    Config,
    Plan,
    Indicator,
    School,
    Departments,
    Tags,
    Showcase,
    Results,
    Annex,
    Interpretation,
    Data,
}

impl ContentKind {
    /// Whether files of this kind are Markdown documents with translations beside them.
    fn is_document(self) -> bool {
        matches!(self, ContentKind::Showcase | ContentKind::Results | ContentKind::Annex | ContentKind::Interpretation)
    }
}

/// What a file holds. Records are behind an `Arc`, so that a [`SourceCache`] hands them out
/// without copying.
#[derive(Debug, Clone)]
enum Parsed {
    Config(Arc<ConfigFile>),
    Plan(Arc<PlanFile>),
    Indicator(Arc<IndicatorFile>),
    School(Arc<SchoolFile>),
    Departments(Arc<DepartmentsFile>),
    Tags(Arc<TagsFile>),
    Showcase(String, DocumentFile<ShowcaseFront>),
    Results(String, DocumentFile<ResultsFront>),
    Annex(String, DocumentFile<AnnexFront>),
    Interpretation(String, DocumentFile<InterpretationFront>),
    Data(Arc<DataTable>),
    Tidy(Arc<TidyFile>),
}

/// A document before it is paired with the others of its id. Which language carries the metadata
/// is configuration, read in the same pass, so the front matter is read both ways (it is short)
/// and [`assemble`] keeps the one that fits the file's language.
#[derive(Debug, Clone)]
struct DocumentFile<F> {
    /// The language key of the file name, in lower case.
    key: String,
    body: SharedHtml,
    original: Result<Arc<F>, Diagnostic>,
    translation: Result<Arc<TranslationFront>, Diagnostic>,
}

/// Reads and parses the site at `root`.
pub fn load(root: &Path, diagnostics: &mut Diagnostics) -> RawSite {
    SourceCache::load(root).into_raw_site(diagnostics)
}

/// A file as read and parsed, before it takes its place in a [`RawSite`].
#[derive(Debug, Clone)]
struct ReadFile {
    kind: ContentKind,
    source: SourceFile,
    parsed: Result<Parsed, Diagnostic>,
    /// The language keys of the texts parsed (see [`crate::i18n::collect_texts`]).
    texts: Arc<[TextKeys]>,
}

fn read_file(root: &Path, kind: ContentKind, path: &Path) -> ReadFile {
    let relative = crate::diagnostics::display_path(root, path);
    if kind == ContentKind::Data && table::is_xlsx(&relative.to_string_lossy()) {
        // A workbook is binary: there is no text to quote in messages.
        let parsed = read_bytes(path, &relative).map(|bytes| read_workbook(&bytes, &relative));
        return ReadFile { kind, source: SourceFile { path: relative, text: "".into() }, parsed, texts: Arc::new([]) };
    }
    match read_source(path, &relative) {
        Ok(text) => {
            let (parsed, texts) = collect_texts(|| parse(kind, &text, &relative));
            ReadFile { kind, source: SourceFile { path: relative, text: text.into() }, parsed, texts: texts.into() }
        }
        // The text (lossy, if it is not UTF-8) is kept so the error can show the line.
        Err(unreadable) => {
            let (diagnostic, text) = *unreadable;
            let source = SourceFile { path: relative, text: text.into() };
            ReadFile { kind, source, parsed: Err(diagnostic), texts: Arc::new([]) }
        }
    }
}

/// Puts the files read, in walking order, together into a [`RawSite`].
fn assemble(root: &Path, files: impl Iterator<Item = ReadFile>, diagnostics: &mut Diagnostics) -> RawSite {
    let mut site = RawSite::default();
    let mut pending = PendingDocuments::default();
    let mut default_key = None;
    for ReadFile { kind, source, parsed, texts } in files {
        let file = site.sources.len();
        if !texts.is_empty() {
            site.texts.push((file, texts));
        }
        if let Ok(Parsed::Config(config)) = &parsed {
            default_key = Some(config.default_language_key());
        }
        if parsed.is_err()
            && let Some(id) = probable_id(kind, &source)
        {
            site.unparsed_ids.push((kind, id));
        }
        site.sources.push(source);
        match parsed {
            Err(diagnostic) => diagnostics.push(diagnostic),
            Ok(Parsed::Data(table)) => {
                table.problems.iter().cloned().for_each(|problem| diagnostics.push(problem));
                site.data.push(Loaded { file, record: table });
            }
            Ok(Parsed::Tidy(tidy)) => {
                tidy.tables.iter().flat_map(|t| &t.problems).cloned().for_each(|problem| diagnostics.push(problem));
                site.tidy.push(Loaded { file, record: tidy });
            }
            Ok(parsed) => site.add(file, parsed, &mut pending),
        }
    }
    // The config comes first in walking order; without one, the language of the earlier versions.
    let default_key = default_key.unwrap_or_else(|| "zh".to_string());
    site.showcases = pair_documents(&site, pending.showcases, &default_key, diagnostics);
    site.results = pair_documents(&site, pending.results, &default_key, diagnostics);
    site.annexes = pair_documents(&site, pending.annexes, &default_key, diagnostics);
    site.interpretations = pair_documents(&site, pending.interpretations, &default_key, diagnostics);
    if site.config.is_none() && !diagnostics.has_errors() {
        diagnostics.push(Diagnostic::global(format!("no {CONFIG_FILE} in `{}`", root.display())).with_hint(
            "run gongkai in the site's folder, pass `--root DIR`, or create a site with `gongkai init DIR`",
        ));
    }
    site
}

type Pending<F> = BTreeMap<String, Vec<(usize, DocumentFile<F>)>>;

/// Documents of each kind waiting to be paired with their translations.
#[derive(Default)]
struct PendingDocuments {
    showcases: Pending<ShowcaseFront>,
    results: Pending<ResultsFront>,
    annexes: Pending<AnnexFront>,
    interpretations: Pending<InterpretationFront>,
}

impl RawSite {
    fn add(&mut self, file: usize, parsed: Parsed, pending: &mut PendingDocuments) {
        match parsed {
            Parsed::Config(record) => self.config = Some(Loaded { file, record }),
            Parsed::Plan(record) => self.plans.push(Loaded { file, record }),
            Parsed::Indicator(record) => self.indicators.push(Loaded { file, record }),
            Parsed::School(record) => self.schools.push(Loaded { file, record }),
            Parsed::Departments(record) => self.departments.push(Loaded { file, record }),
            Parsed::Tags(record) => self.tags.push(Loaded { file, record }),
            Parsed::Showcase(id, document) => add_pending(&mut pending.showcases, id, document, file),
            Parsed::Results(id, document) => add_pending(&mut pending.results, id, document, file),
            Parsed::Annex(id, document) => add_pending(&mut pending.annexes, id, document, file),
            Parsed::Interpretation(id, document) => add_pending(&mut pending.interpretations, id, document, file),
            Parsed::Data(record) => self.data.push(Loaded { file, record }),
            Parsed::Tidy(record) => self.tidy.push(Loaded { file, record }),
        }
    }
}

fn add_pending<F>(pending: &mut Pending<F>, id: String, document: DocumentFile<F>, file: usize) {
    pending.entry(id).or_default().push((file, document));
}

/// The id a file defines, read without parsing it: the file name for documents, the first `id:` line
/// for YAML records.
fn probable_id(kind: ContentKind, source: &SourceFile) -> Option<String> {
    if kind.is_document() {
        let name = source.path.file_name()?.to_str()?;
        return document::split_document_name(name).map(|(id, _)| id.to_string());
    }
    source
        .text
        .lines()
        .find_map(|line| line.strip_prefix("id:"))
        .map(|id| id.trim().trim_matches(['"', '\'']).to_string())
}

/// Joins each document in the default language with its translations; a translation without an
/// original is an error (unless the original exists but failed to parse, which is already
/// reported). Each file's front matter is taken as what its language makes it.
fn pair_documents<F>(
    site: &RawSite,
    pending: Pending<F>,
    default_key: &str,
    diagnostics: &mut Diagnostics,
) -> Vec<DocumentPair<F>> {
    let mut pairs = Vec::new();
    for (id, files) in pending {
        let mut original = None;
        let mut translations = Vec::new();
        let mut original_failed =
            site.unparsed_ids.iter().any(|(kind, unparsed)| kind.is_document() && *unparsed == id);
        for (file, document) in files {
            if document.key == default_key {
                match document.original {
                    Ok(front) => original = Some(Document { file, front, body: document.body }),
                    Err(diagnostic) => {
                        original_failed = true;
                        diagnostics.push(diagnostic);
                    }
                }
            } else {
                match document.translation {
                    Ok(front) => translations.push((document.key, Document { file, front, body: document.body })),
                    Err(diagnostic) => diagnostics.push(translation_hint(diagnostic, default_key)),
                }
            }
        }
        match original {
            Some(original) => pairs.push(DocumentPair { id, original, translations }),
            None if original_failed => {}
            None => {
                if let Some((_, translation)) = translations.first() {
                    let path = site.path(translation.file);
                    diagnostics.push(
                        Diagnostic::error(Location::file(path), format!("`{}` has no original", path.display()))
                            .with_hint(format!(
                                "every document needs `{id}.{default_key}.md`, in the site's default language; the other files are its translations"
                            )),
                    );
                }
            }
        }
    }
    pairs
}

/// The files of a site in walking order (the config first, then `content/` by name, folder by
/// folder), each with its kind or, for a file of no kind, the warning that says so; and the problems
/// met while walking.
struct Listing {
    files: Vec<(PathBuf, Result<ContentKind, Diagnostic>)>,
    problems: Vec<Diagnostic>,
}

fn list_files(root: &Path) -> Listing {
    let mut listing = Listing { files: Vec::new(), problems: Vec::new() };
    let config = root.join(CONFIG_FILE);
    if config.is_file() {
        listing.files.push((config, Ok(ContentKind::Config)));
    }
    let content = root.join("content");
    let site = symlinks::SiteFolder::new(root);
    let mut walker = walkdir::WalkDir::new(&content).follow_links(true).sort_by_file_name().into_iter();
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path =
                    error.path().map(|p| crate::diagnostics::display_path(root, p)).unwrap_or_else(|| content.clone());
                if error.loop_ancestor().is_some() {
                    listing.problems.push(
                        Diagnostic::error(
                            Location::file(path),
                            "this symbolic link leads back into a folder that contains it",
                        )
                        .with_hint("remove the link: gongkai follows links and this one loops"),
                    );
                } else if error.path() != Some(content.as_path()) || content.exists() {
                    listing.problems.push(Diagnostic::error(Location::file(path), format!("cannot read: {error}")));
                }
                continue;
            }
        };
        if let Some(refused) = site.link_leaving(&entry) {
            listing.problems.push(refused);
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        if entry.file_type().is_file()
            && let Some(kind) = content_kind(root, entry.path())
        {
            listing.files.push((entry.path().to_path_buf(), kind));
        }
    }
    listing
}

/// What a file below `content/` is: `None` for editors' hidden and backup files, which are not
/// part of the site; an error (a warning) for a file of no content type.
fn content_kind(root: &Path, path: &Path) -> Option<Result<ContentKind, Diagnostic>> {
    let content = root.join("content");
    let relative = path.strip_prefix(&content).unwrap_or(path);
    let name = path.file_name()?.to_string_lossy();
    if name.starts_with('.') || name.ends_with('~') {
        return None; // editors' hidden and backup files
    }
    Some(classify(relative, &name).ok_or_else(|| {
        Diagnostic::warning(Location::file(crate::diagnostics::display_path(root, path)), "this file is not part of any content type and is ignored")
            .with_hint("YAML records go in content/{plans,indicators,schools,departments,tags}/ (*.yaml), documents in content/{showcases,results,annexes,interpretations}/ (*.<language>.md, e.g. *.zh.md), figures in content/data/ (*.csv, *.xlsx)")
    }))
}

fn classify(relative: &Path, name: &str) -> Option<ContentKind> {
    let folder = relative.components().next()?.as_os_str().to_str()?;
    let yaml = name.ends_with(".yaml") || name.ends_with(".yml");
    let markdown = name.ends_with(".md");
    match folder {
        "plans" if yaml => Some(ContentKind::Plan),
        "indicators" if yaml => Some(ContentKind::Indicator),
        "schools" if yaml => Some(ContentKind::School),
        "departments" if yaml => Some(ContentKind::Departments),
        "tags" if yaml => Some(ContentKind::Tags),
        "showcases" if markdown => Some(ContentKind::Showcase),
        "results" if markdown => Some(ContentKind::Results),
        "annexes" if markdown => Some(ContentKind::Annex),
        "interpretations" if markdown => Some(ContentKind::Interpretation),
        "data" if table::is_data_file(name) => Some(ContentKind::Data),
        _ => None,
    }
}

/// Reads a file as UTF-8 text (a byte-order mark is dropped), or explains why it cannot.
pub fn read_text(path: &Path, relative: &Path) -> Result<String, Diagnostic> {
    read_source(path, relative).map_err(|unreadable| unreadable.0)
}

/// [`read_text`], keeping what text could be recovered (lossy) for showing the error's line.
fn read_source(path: &Path, relative: &Path) -> Result<String, Box<(Diagnostic, String)>> {
    let bytes = read_bytes(path, relative).map_err(|diagnostic| Box::new((diagnostic, String::new())))?;
    match String::from_utf8(bytes) {
        // A byte-order mark is harmless but would otherwise shift every column on the first line.
        Ok(text) => Ok(text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text)),
        Err(error) => {
            let valid = std::str::from_utf8(&error.as_bytes()[..error.utf8_error().valid_up_to()]).unwrap_or_default();
            let line = valid.matches('\n').count() as u32 + 1;
            let column = valid.rsplit('\n').next().unwrap_or("").chars().count() as u32 + 1;
            let diagnostic = Diagnostic::error(Location::new(relative, line, column), "the file is not valid UTF-8")
                .with_hint("save the file as UTF-8 (files saved as GBK or GB18030 must be converted)");
            Err(Box::new((diagnostic, String::from_utf8_lossy(error.as_bytes()).into_owned())))
        }
    }
}

pub fn read_bytes(path: &Path, relative: &Path) -> Result<Vec<u8>, Diagnostic> {
    let metadata = std::fs::metadata(path)
        .map_err(|e| Diagnostic::error(Location::file(relative), format!("cannot read: {e}")))?;
    if metadata.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            Location::file(relative),
            format!(
                "the file is {} MiB; content files are limited to {} MiB",
                metadata.len() / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        )
        .with_hint("split it into one file per record, or move data out of content/"));
    }
    std::fs::read(path).map_err(|e| Diagnostic::error(Location::file(relative), format!("cannot read: {e}")))
}

fn parse(kind: ContentKind, text: &str, file: &Path) -> Result<Parsed, Diagnostic> {
    Ok(match kind {
        ContentKind::Config => Parsed::Config(Arc::new(yaml::parse(text, file)?)),
        ContentKind::Plan => Parsed::Plan(Arc::new(yaml::parse(text, file)?)),
        ContentKind::Indicator => Parsed::Indicator(Arc::new(yaml::parse(text, file)?)),
        ContentKind::School => Parsed::School(Arc::new(yaml::parse(text, file)?)),
        ContentKind::Departments => Parsed::Departments(Arc::new(yaml::parse(text, file)?)),
        ContentKind::Tags => Parsed::Tags(Arc::new(yaml::parse(text, file)?)),
        ContentKind::Data if table::csv_names_indicators(text) => Parsed::Data(Arc::new(table::read_csv(text, file))),
        ContentKind::Data => Parsed::Tidy(Arc::new(TidyFile::new(file, vec![tidy::read_csv(text, file)]))),
        ContentKind::Showcase => {
            let (id, body) = parse_document(text, file)?;
            Parsed::Showcase(id, body)
        }
        ContentKind::Results => {
            let (id, body) = parse_document(text, file)?;
            Parsed::Results(id, body)
        }
        ContentKind::Annex => {
            let (id, body) = parse_document(text, file)?;
            Parsed::Annex(id, body)
        }
        ContentKind::Interpretation => {
            let (id, body) = parse_document(text, file)?;
            Parsed::Interpretation(id, body)
        }
    })
}

/// A workbook with an `indicator` column is a sheet of many indicators' figures; any other is a tidy
/// table of one indicator, every sheet of it.
fn read_workbook(bytes: &[u8], path: &Path) -> Parsed {
    let (grids, problems) = grid::xlsx_grids(bytes, path);
    if table::grids_name_indicators(&grids) {
        return Parsed::Data(Arc::new(table::read_xlsx(bytes, path)));
    }
    Parsed::Tidy(Arc::new(TidyFile::new(path, tidy::read_grids(&grids, problems, path))))
}

fn parse_document<F: DeserializeOwned>(text: &str, file: &Path) -> Result<(String, DocumentFile<F>), Diagnostic> {
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let Some((id, lang)) = document::split_document_name(name) else {
        return Err(Diagnostic::error(
            Location::file(file),
            "a document's file name must end in its language, e.g. `.zh.md` or `.en.md`",
        )
        .with_hint("rename it, e.g. `xugou-rotation.zh.md` and `xugou-rotation.en.md`"));
    };
    let (front, body) = document::split_front_matter(text, file)?;
    let document = DocumentFile {
        key: lang.to_ascii_lowercase(),
        body: SharedHtml::render(body),
        original: yaml::parse(&front, file).map(Arc::new),
        translation: yaml::parse(&front, file).map(Arc::new),
    };
    Ok((id.to_string(), document))
}

fn translation_hint(diagnostic: Diagnostic, default_key: &str) -> Diagnostic {
    if diagnostic.message.starts_with("unknown field") {
        diagnostic.with_hint(format!("a translation carries only `title`, `summary` and the text; dates, schools, indicators, tags and `sample` belong in the `.{default_key}.md` file"))
    } else {
        diagnostic
    }
}
