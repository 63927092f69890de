//! Links in the rendered site: every internal link and anchor must lead somewhere, external links are
//! listed (nothing here goes on the network).
//!
//! The check works on the rendered files, not on the sources, because that is what a reader follows:
//! a link may come from a template, from Markdown, or from data, and only the built page shows the
//! address it really ends up with. Each page is read with html5ever's tokenizer (the parser ammonia
//! already uses), collecting its `id`s and the addresses in its `href`, `src` and form `action`
//! attributes.
//!
//! 1. [`scan`] every HTML page: its anchors, its links with their line and column;
//! 2. resolve each link against the page's address and the site's `base_url`;
//! 3. an internal link must name a file of the site (a folder means its `index.html`), and its
//!    `#fragment`, if any, an `id` on that page.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::PathBuf;

use html5ever::tokenizer::{TagKind, Token, TokenSink, TokenSinkResult, states::RawKind};

use crate::content::SourceFile;
use crate::diagnostics::{Diagnostic, Location};
use crate::model::Site;
use crate::render::OutputFile;
use crate::theme::Template;

/// Where the site lives: links to `base_url` are internal, and root-relative links start with
/// `base_path`.
#[derive(Debug, Clone)]
pub struct SiteAddress {
    /// `https://example.org/gongkai/`, with the trailing slash.
    pub base_url: String,
    /// `/gongkai/` (or `/`).
    pub base_path: String,
}

/// A link from one page, as written in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The page, as a path in the built site (`en/plans/x/index.html`).
    pub page: String,
    pub href: String,
    pub line: u32,
    pub column: u32,
}

/// What the check found.
#[derive(Debug, Default)]
pub struct LinkReport {
    /// Internal links that lead nowhere, with what is wrong and a hint.
    pub broken: Vec<Diagnostic>,
    /// External addresses → the pages that link to them (sorted, for a stable listing).
    pub external: BTreeMap<String, BTreeSet<String>>,
    /// How many internal links were followed.
    pub internal_count: usize,
}

impl LinkReport {
    /// One line for the end of a run.
    pub fn summary(&self) -> String {
        format!(
            "checked {} internal links: {} broken; {} external addresses listed, not fetched",
            self.internal_count,
            self.broken.len(),
            self.external.len()
        )
    }
}

/// The link check of a rendered site, ready for the report: what was found, the problems as
/// diagnostics, and the rendered pages they point into (so the report can quote the line).
pub struct SiteLinks {
    pub report: LinkReport,
    pub diagnostics: Vec<Diagnostic>,
    pub pages: Vec<SourceFile>,
}

/// Checks the links of a rendered site. Broken internal links are errors; external links are
/// errors only with `deny_external`. `sources` are the content files; the theme's `templates` are
/// searched too, to say where a broken address was written.
pub fn check_site(
    site: &Site,
    files: &[OutputFile],
    sources: &[SourceFile],
    templates: &[Template],
    deny_external: bool,
) -> SiteLinks {
    let address = SiteAddress { base_url: site.config.base_url.clone(), base_path: site.config.base_path.clone() };
    let mut written: Vec<SourceFile> = sources.to_vec();
    written.extend(templates.iter().map(|t| SourceFile { path: t.file.clone(), text: t.text.as_str().into() }));
    let report = check(files, &address, &written);
    let mut diagnostics = report.broken.clone();
    if deny_external {
        diagnostics.extend(report.external.iter().flat_map(|(url, pages)| {
            pages.iter().map(move |page| {
                Diagnostic::error(Location::file(page), format!("link to `{url}` leaves the site"))
                    .with_hint("`--deny-external` was given: remove the link or drop the flag")
            })
        }));
    }
    let mut pages: Vec<SourceFile> = Vec::new();
    for location in diagnostics.iter().filter_map(|d| d.location.as_ref()) {
        if pages.iter().any(|p| p.path == location.file) {
            continue;
        }
        if let Some(file) = files.iter().find(|f| location.file.as_os_str() == f.path.as_str()) {
            pages.push(SourceFile {
                path: location.file.clone(),
                text: String::from_utf8_lossy(&file.bytes).into_owned().into(),
            });
        }
    }
    SiteLinks { report, diagnostics, pages }
}

/// One HTML page read by the tokenizer.
#[derive(Debug, Default)]
struct Scanned {
    ids: HashSet<String>,
    links: Vec<(String, u32)>,
}

/// Checks the links of every HTML file in `files`. `sources` are the site's content files and
/// templates: when a broken address is written in one of them, the hint says where.
pub fn check(files: &[OutputFile], address: &SiteAddress, sources: &[SourceFile]) -> LinkReport {
    let paths: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let pages: HashMap<&str, (Scanned, &str)> = files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .map(|f| {
            let text = std::str::from_utf8(&f.bytes).unwrap_or("");
            (f.path.as_str(), (scan(text), text))
        })
        .collect();
    let mut report = LinkReport::default();
    let mut page_names: Vec<&str> = pages.keys().copied().collect();
    page_names.sort_unstable();
    for page in page_names {
        let (scanned, text) = &pages[page];
        for (href, line) in &scanned.links {
            let link =
                Link { page: page.to_string(), href: href.clone(), line: *line, column: column_of(text, *line, href) };
            match resolve(&link, address) {
                Target::Ignored => {}
                Target::External(url) => {
                    report.external.entry(url).or_default().insert(page.to_string());
                }
                Target::Internal { path, fragment } => {
                    report.internal_count += 1;
                    if let Some(problem) = follow(&path, fragment.as_deref(), &paths, &pages) {
                        report.broken.push(broken_link(&link, &problem, sources));
                    }
                }
            }
        }
    }
    report
}

/// Reads the anchors and links of one page.
fn scan(html: &str) -> Scanned {
    let sink = ScanSink { scanned: RefCell::new(Scanned::default()) };
    crate::html_scan::tokenize(sink, [html]).scanned.into_inner()
}

struct ScanSink {
    scanned: RefCell<Scanned>,
}

impl TokenSink for ScanSink {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else { return TokenSinkResult::Continue };
        if tag.kind != TagKind::StartTag {
            return TokenSinkResult::Continue;
        }
        let name = tag.name.as_ref();
        let mut scanned = self.scanned.borrow_mut();
        for attr in &tag.attrs {
            let attr_name = attr.name.local.as_ref();
            let value = attr.value.as_ref();
            let is_anchor = attr_name == "id" || (name == "a" && attr_name == "name");
            if is_anchor && !value.is_empty() {
                scanned.ids.insert(value.to_string());
            }
            if is_link_attribute(name, attr_name) {
                scanned.links.push((value.trim().to_string(), u32::try_from(line).unwrap_or(u32::MAX)));
            }
        }
        // The tokenizer alone does not know that script and style hold raw text; without this a `<`
        // in a stylesheet would be read as a tag.
        match name {
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "style" => TokenSinkResult::RawData(RawKind::Rawtext),
            _ => TokenSinkResult::Continue,
        }
    }
}

fn is_link_attribute(element: &str, attribute: &str) -> bool {
    matches!(
        (element, attribute),
        ("a" | "area" | "link", "href")
            | ("img" | "script" | "iframe" | "source" | "audio" | "video", "src")
            | ("form", "action")
    )
}

/// The column of `href` on `line` of `text`, in characters; the line's first column if not found.
fn column_of(text: &str, line: u32, href: &str) -> u32 {
    let line_text = text.lines().nth(line.saturating_sub(1) as usize).unwrap_or("");
    let byte = line_text.find(&format!("\"{href}\"")).map(|i| i + 1).or_else(|| line_text.find(href));
    byte.map(|b| line_text[..b].chars().count() as u32 + 1).unwrap_or(1)
}

#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// `mailto:`, `tel:`, `data:` …: nothing to follow.
    Ignored,
    External(String),
    /// A file of the site (path below the output folder, percent-decoded) and an optional anchor.
    Internal {
        path: String,
        fragment: Option<String>,
    },
}

fn resolve(link: &Link, address: &SiteAddress) -> Target {
    let href = link.href.as_str();
    let (without_fragment, fragment) = match href.split_once('#') {
        Some((before, fragment)) => (before, Some(decode(fragment))),
        None => (href, None),
    };
    let without_query = without_fragment.split(['?']).next().unwrap_or("");
    let page_dir = link.page.rsplit_once('/').map(|(dir, _)| format!("{dir}/")).unwrap_or_default();
    let site_path = if without_query.is_empty() {
        link.page.clone()
    } else if let Some(rest) = strip_prefix_ignore_case(without_query, &address.base_url) {
        rest.to_string()
    } else if has_scheme(without_query) || without_query.starts_with("//") {
        return if without_query.starts_with("http:")
            || without_query.starts_with("https:")
            || without_query.starts_with("//")
        {
            Target::External(href.to_string())
        } else {
            Target::Ignored
        };
    } else if let Some(absolute) = without_query.strip_prefix('/') {
        match format!("/{absolute}").strip_prefix(address.base_path.as_str()) {
            Some(rest) => rest.to_string(),
            // Outside the site's folder on the same host: the site cannot know what is there.
            None => return Target::External(href.to_string()),
        }
    } else {
        format!("{page_dir}{without_query}")
    };
    Target::Internal { path: normalise(&decode(&site_path)), fragment: fragment.filter(|f| !f.is_empty()) }
}

fn has_scheme(href: &str) -> bool {
    match href.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && !scheme.contains('/')
        }
        None => false,
    }
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}

fn decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// Removes `.` and `..` segments; a `..` above the site's root stays at the root, as in a browser.
fn normalise(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    for (i, segment) in segments.iter().enumerate() {
        match *segment {
            "." => {}
            ".." => {
                parts.pop();
            }
            "" if i + 1 < segments.len() => {}
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    if path.ends_with('/') && !joined.is_empty() && !joined.ends_with('/') { format!("{joined}/") } else { joined }
}

/// What is wrong with a link to `path#fragment`, or `None` when it leads somewhere.
fn follow(
    path: &str,
    fragment: Option<&str>,
    files: &HashSet<&str>,
    pages: &HashMap<&str, (Scanned, &str)>,
) -> Option<String> {
    let candidates = if path.is_empty() || path.ends_with('/') {
        vec![format!("{path}index.html")]
    } else {
        // A server answers `/x` with `/x/index.html` (after a redirect) when `x` is a folder.
        vec![path.to_string(), format!("{path}/index.html")]
    };
    let Some(file) = candidates.iter().find(|c| files.contains(c.as_str())) else {
        return Some(format!("no page or file of the site is at `/{path}`"));
    };
    // HTML defines `#top` as the top of the page even without such an id.
    let fragment = fragment.filter(|f| *f != "top")?;
    match pages.get(file.as_str()) {
        Some((scanned, _)) if scanned.ids.contains(fragment) => None,
        Some(_) => Some(format!("`{file}` has no element with id `{fragment}`")),
        None => Some(format!("`{file}` is not an HTML page, so it has no anchor `{fragment}`")),
    }
}

fn broken_link(link: &Link, problem: &str, sources: &[SourceFile]) -> Diagnostic {
    let location = Location::new(PathBuf::from(&link.page), link.line, link.column);
    let diagnostic = Diagnostic::error(location, format!("broken link `{}`: {problem}", link.href));
    match written_in(&link.href, sources) {
        Some(place) => diagnostic.with_hint(format!("the link is written in `{place}`")),
        None => diagnostic.with_hint(
            "no content file or template contains this address as written, so a template builds it from \
             data: look for the page or id it names",
        ),
    }
}

/// The first content file and line where `href` is written literally, as `file:line`.
fn written_in(href: &str, sources: &[SourceFile]) -> Option<String> {
    let needle = href.split('#').next().filter(|s| !s.is_empty()).unwrap_or(href);
    sources.iter().find_map(|source| {
        let line = source.text.lines().position(|line| line.contains(needle))?;
        Some(format!("{}:{}", source.path.display(), line + 1))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn address() -> SiteAddress {
        SiteAddress { base_url: "https://example.org/site/".into(), base_path: "/site/".into() }
    }

    fn page(path: &str, html: &str) -> OutputFile {
        OutputFile { path: path.into(), bytes: html.as_bytes().to_vec() }
    }

    fn link(page: &str, href: &str) -> Link {
        Link { page: page.into(), href: href.into(), line: 1, column: 1 }
    }

    #[test]
    fn resolves_root_relative_relative_and_absolute_links_to_site_paths() {
        let internal = |path: &str, fragment: Option<&str>| Target::Internal {
            path: path.into(),
            fragment: fragment.map(Into::into),
        };
        let a = address();
        assert_eq!(resolve(&link("en/plans/x/index.html", "/site/en/"), &a), internal("en/", None));
        assert_eq!(resolve(&link("en/plans/x/index.html", "../y/#goals"), &a), internal("en/plans/y/", Some("goals")));
        assert_eq!(resolve(&link("en/plans/x/index.html", "#t"), &a), internal("en/plans/x/index.html", Some("t")));
        assert_eq!(resolve(&link("index.html", "https://EXAMPLE.org/site/plans/"), &a), internal("plans/", None));
        assert_eq!(resolve(&link("index.html", "/site/%E6%A0%87/"), &a), internal("标/", None));
        assert_eq!(resolve(&link("index.html", "mailto:a@b.c"), &a), Target::Ignored);
        assert_eq!(
            resolve(&link("index.html", "https://other.org/"), &a),
            Target::External("https://other.org/".into())
        );
        assert_eq!(resolve(&link("index.html", "/elsewhere/"), &a), Target::External("/elsewhere/".into()));
    }

    #[test]
    fn reports_missing_pages_and_anchors_with_their_line_and_column() {
        let files = vec![
            page(
                "index.html",
                "<!DOCTYPE html>\n<p>\n  <a href=\"/site/plans/\">ok</a> <a href=\"/site/nope/\">x</a>\n<a href=\"/site/plans/#goals\">g</a><a href=\"#missing\">m</a>",
            ),
            page("plans/index.html", "<h2 id=\"goals\">Goals</h2>"),
        ];
        let report = check(&files, &address(), &[]);
        let messages: Vec<String> = report.broken.iter().map(ToString::to_string).collect();
        assert_eq!(report.broken.len(), 2, "{messages:#?}");
        assert!(messages[0].starts_with("error: index.html:3:42: broken link `/site/nope/`"), "{}", messages[0]);
        assert!(messages[1].contains("index.html:4:") && messages[1].contains("no element with id `missing`"));
        assert_eq!(report.internal_count, 4);
    }

    #[test]
    fn lists_external_links_by_address_with_their_pages() {
        let files = vec![
            page("index.html", "<a href=\"https://gov.cn/a\">a</a><a href=\"https://gov.cn/a\">again</a>"),
            page("en/index.html", "<a href=\"https://gov.cn/a\">a</a><img src=\"http://img.org/x.png\" alt=\"\">"),
        ];
        let report = check(&files, &address(), &[]);
        assert!(report.broken.is_empty());
        let pages: Vec<&String> = report.external["https://gov.cn/a"].iter().collect();
        assert_eq!(pages, ["en/index.html", "index.html"]);
        assert!(report.external.contains_key("http://img.org/x.png"));
    }

    #[test]
    fn follows_form_actions() {
        let files = vec![
            page("index.html", "<form action=\"/site/search/\"></form><form action=\"/site/find/\"></form>"),
            page("search/index.html", ""),
        ];
        let report = check(&files, &address(), &[]);
        assert_eq!(report.internal_count, 2);
        assert_eq!(report.broken.len(), 1);
        assert!(report.broken[0].to_string().contains("/site/find/"));
    }

    #[test]
    fn ignores_tags_inside_scripts_and_styles() {
        let files = vec![page(
            "index.html",
            "<style>a::after{content:'<a href=\"/site/no/\">'}</style><script>let s = '<a href=\"/site/no/\">';</script>",
        )];
        assert!(check(&files, &address(), &[]).broken.is_empty());
    }

    #[test]
    fn points_at_the_content_file_that_wrote_a_broken_address() {
        let files = vec![page("index.html", "<a href=\"/site/typo/\">x</a>")];
        let sources =
            vec![SourceFile { path: "content/showcases/a.zh.md".into(), text: "# A\n\nsee [x](/site/typo/)\n".into() }];
        let report = check(&files, &address(), &sources);
        assert_eq!(report.broken[0].hint.as_deref(), Some("the link is written in `content/showcases/a.zh.md:3`"));
    }
}
