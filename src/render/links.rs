//! Root-relative links written in Markdown, such as `[指标](/indicators/x/)`, name a page as the
//! Chinese edition shows it at the site's root. The same body is shown in every language, reading
//! mode and below any base path (`base_url: https://example.gov.cn/jyj/`), so each link is
//! resolved where the body is shown: a page link goes to that page in the reader's language and
//! mode (a reader in large text stays in large text), a file link (`/data/indicators.csv`) only
//! gains the base path, and a link that already names a language or mode (`/en/…`,
//! `/large-text/…`) is kept as written. Links to other sites and relative links are untouched.
//!
//! The body is sanitised HTML (html5ever's serialiser), so every attribute value is quoted with
//! `"` and a quote inside it is written `&quot;`: scanning for `href="/` and `src="/` finds
//! exactly the link addresses.

use std::borrow::Cow;

use super::pages::{PageKind, url_in};
use crate::config::ReadingMode;
use crate::i18n::Lang;
use crate::model::Site;

/// Where the links of a body shown on one page lead.
pub struct LinkRoots {
    /// The site's base path, e.g. `/` or `/jyj/`: where files are.
    files: String,
    /// The root of the page's language in its reading mode, e.g. `/jyj/large-text/en/`.
    pages: String,
    /// The folders of the site's languages and reading modes (`en/`, `large-text/`): a link into
    /// one of them already names its edition.
    editions: Vec<&'static str>,
}

impl LinkRoots {
    /// The roots of a page of `site` in `mode` and `lang`.
    pub fn new(site: &Site, mode: ReadingMode, lang: Lang) -> Self {
        let languages = site.config.languages.iter().map(|lang| lang.dir());
        Self::at(&site.config.base_path, &url_in(site, mode, lang, PageKind::Home), languages)
    }

    fn at(files: &str, pages: &str, languages: impl IntoIterator<Item = &'static str>) -> Self {
        let editions = languages.into_iter().chain(ReadingMode::COPIES.map(ReadingMode::dir));
        let editions = editions.filter(|dir| !dir.is_empty()).collect();
        LinkRoots { files: files.to_string(), pages: pages.to_string(), editions }
    }

    /// `html` with its root-relative links resolved for this page.
    pub fn resolve<'h>(&self, html: &'h str) -> Cow<'h, str> {
        if self.pages == "/" || !(html.contains("href=\"/") || html.contains("src=\"/")) {
            return Cow::Borrowed(html);
        }
        let mut out = String::with_capacity(html.len() + 64);
        let mut rest = html;
        while let Some(at) = next_address(rest) {
            let (before, address) = rest.split_at(at);
            out.push_str(before);
            let end = address.find('"').unwrap_or(address.len());
            out.push_str(&self.resolve_address(&address[..end]));
            rest = &address[end..];
        }
        out.push_str(rest);
        Cow::Owned(out)
    }

    /// `address` starts with `/`.
    fn resolve_address<'a>(&self, address: &'a str) -> Cow<'a, str> {
        let path = &address[1..];
        if path.starts_with('/') {
            return Cow::Borrowed(address); // `//host/…`: another site
        }
        let root = if is_page(path) && !self.names_edition(path) { &self.pages } else { &self.files };
        Cow::Owned(format!("{root}{path}"))
    }
}

/// Where the next root-relative address (after its opening quote) begins in `html`.
fn next_address(html: &str) -> Option<usize> {
    let href = html.find("href=\"/").map(|at| at + "href=\"".len());
    let src = html.find("src=\"/").map(|at| at + "src=\"".len());
    match (href, src) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// A page's address ends in a folder (`indicators/x/`, `/`); a file's last segment has a dot.
fn is_page(path: &str) -> bool {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    !path.rsplit('/').next().unwrap_or_default().contains('.')
}

impl LinkRoots {
    /// Whether `path` already names a language or a reading mode.
    fn names_edition(&self, path: &str) -> bool {
        let first = path.split(['/', '?', '#']).next().unwrap_or_default();
        self.editions.iter().any(|dir| dir.trim_end_matches('/') == first)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = concat!(
        r#"<p><a href="/indicators/x/">x</a> <a href="/schools/a/#pairing">a</a> "#,
        r#"<a href="/data/indicators.csv">csv</a> <img src="/static/map.png" alt="map"> "#,
        r#"<a href="https://example.org/">o</a> <a href="//cdn.example.org/x">c</a> "#,
        r#"<a href="../y/">y</a> <a href="/en/methodology/">m</a> <a href="/">home</a></p>"#
    );

    #[test]
    fn the_chinese_standard_edition_at_the_root_keeps_the_body_as_written() {
        let roots = LinkRoots::at("/", "/", ["en/"]);
        assert!(matches!(roots.resolve(BODY), Cow::Borrowed(_)));
    }

    #[test]
    fn page_links_stay_in_the_language_and_mode_and_files_gain_only_the_base_path() {
        let roots = LinkRoots::at("/jyj/", "/jyj/large-text/en/", ["en/"]);
        let resolved = roots.resolve(BODY);
        for expected in [
            r#"href="/jyj/large-text/en/indicators/x/""#,
            r#"href="/jyj/large-text/en/schools/a/#pairing""#,
            r#"href="/jyj/data/indicators.csv""#,
            r#"src="/jyj/static/map.png""#,
            r#"href="https://example.org/""#,
            r#"href="//cdn.example.org/x""#,
            r#"href="../y/""#,
            r#"href="/jyj/en/methodology/""#,
            r#"href="/jyj/large-text/en/""#,
        ] {
            assert!(resolved.contains(expected), "no {expected} in {resolved}");
        }
    }

    #[test]
    fn text_that_only_looks_like_a_link_is_not_changed() {
        let roots = LinkRoots::at("/", "/high-contrast/", ["en/"]);
        let text = "<p>write href=&quot;/x/&quot; to link</p><code>src=/a</code>";
        assert_eq!(roots.resolve(text), text);
    }
}
