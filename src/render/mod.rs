//! Stage 4, render: plan the pages, then render each with the theme's tera templates, in parallel.
//!
//! Templates are parsed once per build. Each page gets a small context (see [`views`] and
//! [`context`]) plus the shared `site`, `page` and `t` (UI strings) values; templates cannot read
//! files or look anything up, so what a page shows is decided here.

pub mod assets;
pub mod charts;
pub mod context;
pub mod downloads;
pub mod feeds;
pub mod format;
pub mod govsite;
pub mod incremental;
pub mod links;
pub mod minify;
pub mod pages;
pub mod search;
pub mod sitemap;
pub mod views;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::i18n::{Lang, Text};
use crate::model::Site;
use pages::{PageKind, PagePlan};
use views::{Strings, Views};

pub const THEME: &str = "default";

/// A parsed theme: templates, UI strings per language, static files.
pub struct Theme {
    pub tera: tera::Tera,
    pub strings: BTreeMap<Lang, Strings>,
    /// Static files under their fingerprinted paths (`static/style.3f2a9c1b.css`).
    pub static_files: Vec<(String, Vec<u8>)>,
    /// Name below `static/` → fingerprinted path below the site root; see [`assets`].
    pub assets: BTreeMap<String, String>,
    /// Template name → its file, for error locations.
    files: HashMap<String, PathBuf>,
    /// Template name → fingerprint of what pages using it are rendered from (see [`incremental`]).
    template_fingerprints: HashMap<String, u64>,
    strings_fingerprints: BTreeMap<Lang, u64>,
}

impl Theme {
    /// Changes whenever an edit to the theme's templates could change pages using `template`.
    pub fn template_fingerprint(&self, template: &str) -> u64 {
        self.template_fingerprints.get(template).copied().unwrap_or_default()
    }

    pub fn strings_fingerprint(&self, lang: Lang) -> u64 {
        self.strings_fingerprints.get(&lang).copied().unwrap_or_default()
    }
}

/// A file of the built site: its path below the output folder and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_theme.rs"));
}

/// The default theme as built into the binary: path below the theme folder, contents.
pub fn embedded_theme() -> &'static [(&'static str, &'static [u8])] {
    embedded::FILES
}

/// One file of a theme: its path below the theme folder, the path shown in errors, its bytes.
struct ThemeFile {
    relative: String,
    shown: PathBuf,
    bytes: Vec<u8>,
}

/// Loads `themes/default` from the site, or the built-in copy when the site has none.
pub fn load_theme(root: &Path, diagnostics: &mut Diagnostics) -> Option<Theme> {
    let theme_dir = root.join("themes").join(THEME);
    let files = if theme_dir.is_dir() {
        read_theme_dir(&theme_dir, root, diagnostics)
    } else {
        embedded_theme()
            .iter()
            .map(|(relative, bytes)| ThemeFile {
                relative: relative.to_string(),
                shown: PathBuf::from(format!("<built-in theme>/{relative}")),
                bytes: bytes.to_vec(),
            })
            .collect()
    };
    let mut templates = Vec::new();
    let mut names = HashMap::new();
    let mut strings_files = BTreeMap::new();
    let mut static_files = Vec::new();
    for file in files {
        if let Some(name) = file.relative.strip_prefix("templates/") {
            match String::from_utf8(file.bytes) {
                Ok(text) => {
                    names.insert(name.to_string(), file.shown);
                    templates.push((name.to_string(), text));
                }
                Err(_) => {
                    diagnostics.push(Diagnostic::error(Location::file(file.shown), "the template is not valid UTF-8"))
                }
            }
        } else if let Some(name) = file.relative.strip_prefix("i18n/") {
            strings_files.insert(name.to_string(), file);
        } else if let Some(name) = file.relative.strip_prefix("static/") {
            static_files.push((name.to_string(), file.bytes));
        }
    }
    let template_fingerprints = incremental::template_fingerprints(&templates);
    let mut tera = tera::Tera::default();
    tera.autoescape_on([".html", ".xml"]);
    if let Err(error) = tera.add_raw_templates(templates) {
        diagnostics.push(template_error(&error, &names, None));
        return None;
    }
    let strings = load_strings(&strings_files, diagnostics)?;
    let assets = assets::fingerprint(static_files);
    let strings_fingerprints = incremental::strings_fingerprints(&strings);
    Some(Theme {
        tera,
        strings,
        static_files: assets.files,
        assets: assets.names,
        files: names,
        template_fingerprints,
        strings_fingerprints,
    })
}

fn read_theme_dir(theme_dir: &Path, root: &Path, diagnostics: &mut Diagnostics) -> Vec<ThemeFile> {
    let mut files = Vec::new();
    let site = crate::content::symlinks::SiteFolder::new(root);
    let mut entries = walkdir::WalkDir::new(theme_dir).follow_links(true).sort_by_file_name().into_iter();
    while let Some(entry) = entries.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let shown = error.path().map(|p| crate::diagnostics::display_path(root, p)).unwrap_or_default();
                diagnostics.push(Diagnostic::error(Location::file(shown), format!("cannot read: {error}")));
                continue;
            }
        };
        if let Some(refused) = site.link_leaving(&entry) {
            diagnostics.push(refused);
            if entry.file_type().is_dir() {
                entries.skip_current_dir();
            }
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let relative =
            entry.path().strip_prefix(theme_dir).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
        let shown = crate::diagnostics::display_path(root, entry.path());
        match std::fs::read(entry.path()) {
            Ok(bytes) => files.push(ThemeFile { relative, shown, bytes }),
            Err(error) => diagnostics.push(Diagnostic::error(Location::file(shown), format!("cannot read: {error}"))),
        }
    }
    files
}

/// UI strings: Chinese is complete by definition; English falls back to Chinese key by key (with a
/// warning), so no page ever shows a raw key.
fn load_strings(files: &BTreeMap<String, ThemeFile>, diagnostics: &mut Diagnostics) -> Option<BTreeMap<Lang, Strings>> {
    let mut strings = BTreeMap::new();
    for lang in Lang::WRITTEN {
        let name = format!("{}.yaml", lang.code());
        let Some(file) = files.get(&name) else {
            diagnostics
                .push(Diagnostic::global(format!("the theme has no `i18n/{name}` with its {} strings", lang.code())));
            return None;
        };
        let text = String::from_utf8_lossy(&file.bytes);
        match crate::yaml::parse::<Strings>(&text, &file.shown) {
            Ok(map) => {
                strings.insert(lang, map);
            }
            Err(diagnostic) => {
                diagnostics.push(diagnostic);
                return None;
            }
        }
    }
    let zh = strings[&Lang::Zh].clone();
    let en_file = &files[&format!("{}.yaml", Lang::En.code())].shown;
    let en = strings.get_mut(&Lang::En)?;
    for (key, value) in &zh {
        if !en.contains_key(key) {
            diagnostics.push(
                Diagnostic::warning(
                    Location::file(en_file),
                    format!("the English string `{key}` is missing; the Chinese one is used"),
                )
                .with_hint(format!("add `{key}: …` to the English strings")),
            );
            en.insert(key.clone(), value.clone());
        }
    }
    // Generated languages use the strings of the language they are made from; their pages are
    // converted as a whole after rendering (see `crate::hant`).
    for lang in Lang::ALL.into_iter().filter(|l| l.source() != *l) {
        let source = strings[&lang.source()].clone();
        strings.insert(lang, source);
    }
    Some(strings)
}

/// tera reports `--> name:line:col` in its message; that becomes the diagnostic's location.
fn template_error(error: &tera::Error, files: &HashMap<String, PathBuf>, page: Option<&str>) -> Diagnostic {
    let text = error.to_string();
    let mut message = text.lines().next().unwrap_or("template error").trim_start_matches("error: ").to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    let location = text.lines().find_map(|line| line.trim().strip_prefix("--> ")).and_then(|position| {
        let mut parts = position.rsplitn(3, ':');
        let column = parts.next()?.parse().ok()?;
        let line = parts.next()?.parse().ok()?;
        let name = parts.next()?;
        Some(Location::new(files.get(name).cloned().unwrap_or_else(|| PathBuf::from(name)), line, column))
    });
    let diagnostic = match location {
        Some(location) => Diagnostic::error(location, message),
        None => Diagnostic::global(message),
    };
    match page {
        Some(page) => diagnostic.with_hint(format!(
            "while rendering `{page}`; every variable a template uses must be in its context (see docs/templates.md)"
        )),
        None => diagnostic,
    }
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: Text,
    lang: &'static str,
    lang_tag: &'static str,
    /// The root of this reading mode's copy of the site: links built from it stay in the mode.
    base_path: String,
    /// Where the shared static files are, whatever the mode.
    static_path: &'a str,
    mode: &'static str,
    modes: Vec<NavItem>,
    /// The home of this language in this mode: `site.root ~ "methodology/"` stays in both.
    root: String,
    home: String,
    /// Static file name → its fingerprinted URL, e.g. `style.css` → `/static/style.3f2a9c1b.css`.
    assets: BTreeMap<&'a str, String>,
    organisation: OrganisationView,
    as_of: String,
    nav: Vec<NavItem>,
    registration: govsite::RegistrationView,
    sitemap_url: String,
    feed_url: String,
    /// The search page of this language and mode, when the site has search.
    search_url: Option<String>,
}

#[derive(Serialize)]
struct OrganisationView {
    name: Text,
    address: Option<Text>,
    phone: Option<String>,
    email: Option<String>,
}

#[derive(Serialize)]
struct NavItem {
    url: String,
    label: String,
    current: bool,
}

#[derive(Serialize)]
struct PageView {
    title: String,
    /// Set when the title fell back to Chinese on a page in another language.
    title_lang: Option<&'static str>,
    kind: &'static str,
    url: String,
    canonical: String,
    alternates: Vec<Alternate>,
    fallback: bool,
    sample: bool,
    draft: bool,
    meta: govsite::PageMeta,
    /// The kind's name in search results (指标, 学校 …) when the page is indexed: the template
    /// marks its main content for the index with it.
    search_kind: Option<String>,
}

#[derive(Serialize)]
struct Alternate {
    lang_tag: &'static str,
    label: String,
    url: String,
    absolute: String,
    current: bool,
}

/// How pages are written.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// Minify every page (see [`minify`]), in the same parallel pass that renders it.
    pub minify: bool,
    /// Build the search index from the rendered pages (when the site has search). `build` does;
    /// `check` does not, as no page links into the index.
    pub search_index: bool,
}

/// Renders every page; pages that fail become diagnostics and are left out.
pub fn render(site: &Site, theme: &Theme, diagnostics: &mut Diagnostics) -> Vec<OutputFile> {
    render_with(site, theme, RenderOptions::default(), diagnostics, &crate::summary::Silent)
}

/// [`render`] with options, advancing `progress` by one for each page.
pub fn render_with(
    site: &Site,
    theme: &Theme,
    options: RenderOptions,
    diagnostics: &mut Diagnostics,
    progress: &dyn crate::summary::Progress,
) -> Vec<OutputFile> {
    let files = InMemory::default();
    render_each(site, theme, options, diagnostics, progress, &files);
    let files = files.files.into_inner().expect("no thread panics while holding it");
    files.into_iter().map(|(path, bytes)| OutputFile { path, bytes }).collect()
}

/// Where [`render_each`] puts the files of the site.
pub trait Sink: Sync {
    /// Takes one file; called from many threads at once.
    fn put(&self, file: OutputFile) -> Result<(), Diagnostic>;

    /// The bytes of a file put before. The search index reads its pages back through this once
    /// they are all rendered, rather than keeping them in memory meanwhile.
    fn get(&self, path: &str) -> Result<Vec<u8>, Diagnostic>;

    /// Keeps bytes under `path` that are not a file of the site and must not be published: with
    /// `--minify`, what the search index reads of a page as it was before minifying.
    fn put_aside(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic>;

    /// The bytes kept with [`Sink::put_aside`].
    fn get_aside(&self, path: &str) -> Result<Vec<u8>, Diagnostic>;
}

/// A sink that keeps every file, by path, and what is set aside apart from them.
#[derive(Default)]
struct InMemory {
    files: std::sync::Mutex<BTreeMap<String, Vec<u8>>>,
    aside: std::sync::Mutex<BTreeMap<String, Vec<u8>>>,
}

impl InMemory {
    fn read(map: &std::sync::Mutex<BTreeMap<String, Vec<u8>>>, path: &str) -> Result<Vec<u8>, Diagnostic> {
        let map = map.lock().expect("no thread panics while holding it");
        map.get(path).cloned().ok_or_else(|| Diagnostic::global(format!("`{path}` was not rendered")))
    }
}

impl Sink for InMemory {
    fn put(&self, file: OutputFile) -> Result<(), Diagnostic> {
        self.files.lock().expect("no thread panics while holding it").insert(file.path, file.bytes);
        Ok(())
    }

    fn get(&self, path: &str) -> Result<Vec<u8>, Diagnostic> {
        Self::read(&self.files, path)
    }

    fn put_aside(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.aside.lock().expect("no thread panics while holding it").insert(path.to_string(), bytes.to_vec());
        Ok(())
    }

    fn get_aside(&self, path: &str) -> Result<Vec<u8>, Diagnostic> {
        Self::read(&self.aside, path)
    }
}

/// The files beside the pages: the theme's static files, `sitemap.xml`, `robots.txt`, the data
/// downloads and the feeds. The search index is not among them: it is made from the pages (see
/// [`render_each`]).
pub fn site_files(site: &Site, theme: &Theme) -> Vec<OutputFile> {
    // Without search the site has no script at all.
    let search_script = theme.assets.get(search::SCRIPT).filter(|_| !site.config.search);
    let mut files: Vec<OutputFile> = theme
        .static_files
        .iter()
        .filter(|(path, _)| Some(path) != search_script)
        .map(|(path, bytes)| OutputFile { path: path.clone(), bytes: bytes.clone() })
        .collect();
    files.extend(sitemap::sitemaps(site));
    files.push(sitemap::robots(site));
    files.extend(downloads::files(site));
    let feeds = site.config.languages.iter().zip(feeds::feeds(site, &theme.strings));
    files.extend(feeds.map(|(lang, feed)| generated_language(*lang, feed)));
    files
}

/// One page as it is published: rendered, converted for a generated language, minified if asked.
/// The one way a page becomes bytes, for `build`, `check` and `serve` alike.
pub fn render_plan(
    site: &Site,
    theme: &Theme,
    plan: PagePlan,
    options: RenderOptions,
) -> Result<OutputFile, Diagnostic> {
    let file = generated_language(plan.lang, render_page(site, theme, plan)?);
    Ok(if options.minify { OutputFile { bytes: minify::html(&file.bytes), ..file } } else { file })
}

/// Renders every page in parallel and hands each file to `sink` as soon as it is ready, so a build
/// never holds the whole site in memory; then the files beside the pages and, if asked and every
/// page rendered, the search index, made from the pages read back from `sink`. Errors (from
/// rendering or from the sink) become diagnostics; the order in which files reach the sink is not
/// fixed, but their contents are.
pub fn render_each(
    site: &Site,
    theme: &Theme,
    options: RenderOptions,
    diagnostics: &mut Diagnostics,
    progress: &dyn crate::summary::Progress,
    sink: &dyn Sink,
) {
    let plans = pages::plan(site);
    let search_index = options.search_index && site.config.search;
    // The minifier leaves out closing tags the HTML standard lets a browser infer (`</p>`, `</li>`,
    // `</td>` …), and pagefind's streaming parser does not infer them: it loses the text of such
    // elements, and whole pages (7 of 10 on a minified test site). So the index of a minified site
    // is made from each page's `<main>` as rendered, set aside before minifying, and comes out the
    // same as without `--minify`; the pages stay minified by the fast one-pass minifier.
    let aside = search_index && options.minify;
    progress.step(crate::summary::Step::Render, Some(plans.len() as u64));
    let mut failures: Vec<Diagnostic> = plans
        .par_iter()
        .filter_map(|plan| {
            let result = if aside && search::indexed(site, *plan) {
                render_plan(site, theme, *plan, RenderOptions { minify: false, ..options }).and_then(|file| {
                    sink.put_aside(&file.path, search::main_of(&file.bytes))?;
                    sink.put(OutputFile { bytes: minify::html(&file.bytes), ..file })
                })
            } else {
                render_plan(site, theme, *plan, options).and_then(|file| sink.put(file))
            };
            progress.advance(1);
            result.err()
        })
        .collect();
    failures.extend(site_files(site, theme).into_iter().filter_map(|file| sink.put(file).err()));
    if search_index && failures.is_empty() {
        progress.step(crate::summary::Step::Search, None);
        let pages = search::pages(site);
        let read = |page: &search::Page| if aside { sink.get_aside(page.file()) } else { sink.get(page.file()) };
        match search::bundle(pages, &read) {
            Ok(bundle) => failures.extend(bundle.into_iter().filter_map(|file| sink.put(file).err())),
            Err(diagnostic) => failures.push(diagnostic),
        }
    }
    failures.into_iter().for_each(|diagnostic| diagnostics.push(diagnostic));
}

/// A file of a generated language, made from its source language's file.
fn generated_language(lang: Lang, file: OutputFile) -> OutputFile {
    match lang {
        Lang::ZhHant => OutputFile { bytes: crate::hant::file_to_traditional(file.bytes), ..file },
        _ => file,
    }
}

pub fn render_page(site: &Site, theme: &Theme, plan: PagePlan) -> Result<OutputFile, Diagnostic> {
    let strings = &theme.strings[&plan.lang];
    let views = Views::new(site, plan.mode, plan.lang, strings);
    let mut context = tera::Context::new();
    let title = context::fill(&views, plan.kind, &mut context);
    context.insert("site", &site_view(&views, plan.kind, &theme.assets));
    context.insert("page", &page_view(&views, plan.kind, title));
    context.insert("t", strings);
    let path = plan.file(site);
    theme
        .tera
        .render(plan.kind.template(), &context)
        .map(|html| OutputFile { path: path.clone(), bytes: html.into_bytes() })
        .map_err(|error| template_error(&error, &theme.files, Some(&path)))
}

fn site_view<'a>(views: &Views<'a>, kind: PageKind, assets: &'a BTreeMap<String, String>) -> SiteView<'a> {
    let site = views.site;
    let nav = [
        (PageKind::Home, "nav_home"),
        (PageKind::Plans, "nav_plans"),
        (PageKind::Indicators, "nav_indicators"),
        (PageKind::Progress, "nav_progress"),
        (PageKind::Results, "nav_results"),
        (PageKind::Showcases(1), "nav_showcases"),
        (PageKind::Schools, "nav_schools"),
        (PageKind::Departments, "nav_departments"),
    ]
    .into_iter()
    .map(|(target, key)| NavItem {
        url: views.url(target),
        label: views.t(key),
        current: govsite::section(kind) == target,
    })
    .collect();
    let organisation = &site.config.organisation;
    SiteView {
        title: views.text(&site.config.title),
        lang: views.lang.code(),
        lang_tag: views.lang.tag(),
        base_path: format!("{}{}", site.config.base_path, views.mode.dir()),
        static_path: &site.config.base_path,
        mode: views.mode.key(),
        root: format!("{}{}{}", site.config.base_path, views.mode.dir(), views.lang.dir()),
        modes: site
            .config
            .reading_modes
            .iter()
            .filter(|_| kind != PageKind::NotFound && site.config.reading_modes.len() > 1)
            .map(|mode| NavItem {
                url: views::url_in(site, *mode, views.lang, kind),
                label: views.t(&format!("mode_{}", mode.key())),
                current: *mode == views.mode,
            })
            .collect(),
        home: views.url(PageKind::Home),
        assets: assets.iter().map(|(name, path)| (name.as_str(), format!("{}{path}", site.config.base_path))).collect(),
        organisation: OrganisationView {
            name: views.text(&organisation.name),
            address: views.opt_text(&organisation.address),
            phone: organisation.phone.clone(),
            email: organisation.email.clone(),
        },
        as_of: views.date(site.config.as_of),
        nav,
        registration: govsite::registration(views),
        sitemap_url: views.url(PageKind::SiteMap),
        feed_url: feeds::url(site, views.lang),
        search_url: site.config.search.then(|| views.url(PageKind::Search)),
    }
}

fn page_view(views: &Views, kind: PageKind, title: Text) -> PageView {
    let site = views.site;
    let absolute = |lang: Lang| format!("{}{}{}", site.config.base_url, lang.dir(), kind.path(site));
    let alternates = site
        .config
        .languages
        .iter()
        .map(|lang| Alternate {
            lang_tag: lang.tag(),
            label: views.t(&format!("language_{}", lang.code())),
            url: views::url_in(site, views.mode, *lang, kind),
            absolute: absolute(*lang),
            current: *lang == views.lang,
        })
        .collect();
    PageView {
        title_lang: title.fallback.then_some(title.lang),
        title: title.text,
        kind: kind.template().trim_end_matches(".html"),
        url: views.url(kind),
        canonical: absolute(views.lang),
        alternates,
        fallback: views.loc.used_fallback(),
        sample: views.shows_sample(),
        draft: matches!(kind, PageKind::Showcase(i) if site.showcases[i].draft),
        meta: govsite::page_meta(views, kind),
        search_kind: search::kind_key(kind)
            .filter(|_| search::indexed(site, PagePlan { mode: views.mode, lang: views.lang, kind }))
            .map(|key| views.t(key)),
    }
}
