//! Stage 4, render: plan the pages, then render each with the theme's tera templates, in parallel.
//!
//! Templates are parsed once per build. Each page gets a small context (see [`views`] and
//! [`context`]) plus the shared `site`, `page` and `t` (UI strings) values; templates cannot read
//! files or look anything up, so what a page shows is decided here.

pub mod context;
pub mod format;
pub mod pages;
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
    pub static_files: Vec<(String, Vec<u8>)>,
    /// Template name → its file, for error locations.
    files: HashMap<String, PathBuf>,
}

/// A file of the built site: its path below the output folder and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

pub fn load_theme(root: &Path, diagnostics: &mut Diagnostics) -> Option<Theme> {
    let theme_dir = root.join("themes").join(THEME);
    if !theme_dir.is_dir() {
        diagnostics.push(
            Diagnostic::global(format!("the theme folder `themes/{THEME}` is missing")).with_hint(
                "copy `themes/default` from gongkai's repository, or start a new site with `gongkai init DIR`",
            ),
        );
        return None;
    }
    let relative = |path: &Path| crate::diagnostics::display_path(root, path);
    let mut templates = Vec::new();
    let mut files = HashMap::new();
    let template_dir = theme_dir.join("templates");
    for entry in walkdir::WalkDir::new(&template_dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
    {
        let name =
            entry.path().strip_prefix(&template_dir).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
        match std::fs::read_to_string(entry.path()) {
            Ok(text) => {
                files.insert(name.clone(), relative(entry.path()));
                templates.push((name, text));
            }
            Err(error) => diagnostics
                .push(Diagnostic::error(Location::file(relative(entry.path())), format!("cannot read: {error}"))),
        }
    }
    let mut tera = tera::Tera::default();
    tera.autoescape_on([".html", ".xml"]);
    if let Err(error) = tera.add_raw_templates(templates) {
        diagnostics.push(template_error(&error, &files, None));
        return None;
    }
    let strings = load_strings(&theme_dir.join("i18n"), root, diagnostics)?;
    let static_files = load_static(&theme_dir.join("static"), diagnostics);
    Some(Theme { tera, strings, static_files, files })
}

/// UI strings: Chinese is complete by definition; English falls back to Chinese key by key (with a
/// warning), so no page ever shows a raw key.
fn load_strings(dir: &Path, root: &Path, diagnostics: &mut Diagnostics) -> Option<BTreeMap<Lang, Strings>> {
    let mut strings = BTreeMap::new();
    for lang in Lang::ALL {
        let path = dir.join(format!("{}.yaml", lang.code()));
        let relative = crate::diagnostics::display_path(root, &path);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) => {
                diagnostics.push(Diagnostic::error(
                    Location::file(&relative),
                    format!("cannot read the theme's strings: {error}"),
                ));
                return None;
            }
        };
        match crate::yaml::parse::<Strings>(&text, &relative) {
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
    let en = strings.get_mut(&Lang::En)?;
    for (key, value) in &zh {
        if !en.contains_key(key) {
            diagnostics.push(
                Diagnostic::warning(
                    Location::file(dir.join("en.yaml").strip_prefix(root).unwrap_or(dir)),
                    format!("the English string `{key}` is missing; the Chinese one is used"),
                )
                .with_hint(format!("add `{key}: …` to the English strings")),
            );
            en.insert(key.clone(), value.clone());
        }
    }
    Some(strings)
}

fn load_static(dir: &Path, diagnostics: &mut Diagnostics) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for entry in
        walkdir::WalkDir::new(dir).sort_by_file_name().into_iter().flatten().filter(|e| e.file_type().is_file())
    {
        let name = entry.path().strip_prefix(dir).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
        match std::fs::read(entry.path()) {
            Ok(bytes) => files.push((format!("static/{name}"), bytes)),
            Err(error) => {
                diagnostics.push(Diagnostic::global(format!("cannot read `{}`: {error}", entry.path().display())))
            }
        }
    }
    files
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
    base_path: &'a str,
    home: String,
    organisation: OrganisationView,
    as_of: String,
    nav: Vec<NavItem>,
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
    kind: &'static str,
    url: String,
    canonical: String,
    alternates: Vec<Alternate>,
    fallback: bool,
    sample: bool,
    draft: bool,
}

#[derive(Serialize)]
struct Alternate {
    lang_tag: &'static str,
    label: String,
    url: String,
    absolute: String,
    current: bool,
}

/// Renders every page; pages that fail become diagnostics and are left out.
pub fn render(site: &Site, theme: &Theme, diagnostics: &mut Diagnostics) -> Vec<OutputFile> {
    let plans = pages::plan(site);
    let results: Vec<Result<OutputFile, Diagnostic>> =
        plans.par_iter().map(|plan| render_page(site, theme, *plan)).collect();
    let mut files = Vec::with_capacity(results.len() + theme.static_files.len());
    for result in results {
        match result {
            Ok(file) => files.push(file),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    files
        .extend(theme.static_files.iter().map(|(path, bytes)| OutputFile { path: path.clone(), bytes: bytes.clone() }));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

pub fn render_page(site: &Site, theme: &Theme, plan: PagePlan) -> Result<OutputFile, Diagnostic> {
    let strings = &theme.strings[&plan.lang];
    let views = Views::new(site, plan.lang, strings);
    let mut context = tera::Context::new();
    let title = context::fill(&views, plan.kind, &mut context);
    context.insert("site", &site_view(&views, plan.kind));
    context.insert("page", &page_view(&views, plan.kind, title));
    context.insert("t", strings);
    let path = format!("{}{}", plan.lang.dir(), plan.kind.file(site));
    theme
        .tera
        .render(plan.kind.template(), &context)
        .map(|html| OutputFile { path: path.clone(), bytes: html.into_bytes() })
        .map_err(|error| template_error(&error, &theme.files, Some(&path)))
}

fn section(kind: PageKind) -> PageKind {
    match kind {
        PageKind::Plan(_) => PageKind::Plans,
        PageKind::Indicator(_) => PageKind::Indicators,
        PageKind::School(_) => PageKind::Schools,
        PageKind::Showcases(_) | PageKind::Showcase(_) | PageKind::Tags | PageKind::Tag(_) => PageKind::Showcases(1),
        PageKind::Report(_) => PageKind::Results,
        PageKind::Department(_) => PageKind::Departments,
        other => other,
    }
}

fn site_view<'a>(views: &Views<'a>, kind: PageKind) -> SiteView<'a> {
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
    .map(|(target, key)| NavItem { url: views.url(target), label: views.t(key), current: section(kind) == target })
    .collect();
    let organisation = &site.config.organisation;
    SiteView {
        title: views.text(&site.config.title),
        lang: views.lang.code(),
        lang_tag: views.lang.tag(),
        base_path: &site.config.base_path,
        home: views.url(PageKind::Home),
        organisation: OrganisationView {
            name: views.text(&organisation.name),
            address: views.opt_text(&organisation.address),
            phone: organisation.phone.clone(),
            email: organisation.email.clone(),
        },
        as_of: views.date(site.config.as_of),
        nav,
    }
}

fn page_view(views: &Views, kind: PageKind, title: String) -> PageView {
    let site = views.site;
    let absolute = |lang: Lang| format!("{}{}{}", site.config.base_url, lang.dir(), kind.path(site));
    let alternates = site
        .config
        .languages
        .iter()
        .map(|lang| Alternate {
            lang_tag: lang.tag(),
            label: views.t(&format!("language_{}", lang.code())),
            url: views::url_in(site, *lang, kind),
            absolute: absolute(*lang),
            current: *lang == views.lang,
        })
        .collect();
    PageView {
        title,
        kind: kind.template().trim_end_matches(".html"),
        url: views.url(kind),
        canonical: absolute(views.lang),
        alternates,
        fallback: views.loc.used_fallback(),
        sample: page_has_sample(site, kind),
        draft: matches!(kind, PageKind::Showcase(i) if site.showcases[i].draft),
    }
}

/// Whether the page shows sample data, so that it carries the sample-data banner.
fn page_has_sample(site: &Site, kind: PageKind) -> bool {
    match kind {
        PageKind::Home | PageKind::Plans | PageKind::Indicators | PageKind::Progress | PageKind::Results => {
            site.indicators.iter().any(|i| i.has_sample) || site.showcases.iter().any(|s| s.sample)
        }
        PageKind::Plan(i) => site.plans[i].has_sample,
        PageKind::Indicator(i) => site.indicators[i].has_sample,
        PageKind::School(i) => {
            site.schools[i].sample || site.schools[i].showcases.iter().any(|s| site.showcases[*s].sample)
        }
        PageKind::Showcases(_) | PageKind::Tags => site.showcases.iter().any(|s| s.sample),
        PageKind::Showcase(i) => {
            site.showcases[i].sample || site.showcases[i].indicators.iter().any(|i| site.indicators[*i].has_sample)
        }
        PageKind::Tag(i) => site.tags[i].showcases.iter().any(|s| site.showcases[*s].sample),
        PageKind::Report(i) => site.reports[i].has_sample,
        PageKind::Department(i) => site.departments[i].indicators.iter().any(|i| site.indicators[*i].has_sample),
        PageKind::Schools => site.schools.iter().any(|s| s.sample),
        PageKind::Departments | PageKind::Methodology | PageKind::NotFound => false,
    }
}
