//! `sitemap.xml` (every page, with its language alternates) and `robots.txt`, from the page plan.

use std::fmt::Write;

use super::OutputFile;
use super::pages::{self, PageKind};
use crate::model::Site;

pub fn sitemap(site: &Site) -> OutputFile {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    let kinds: Vec<PageKind> = pages::standard_plan(site)
        .into_iter()
        // Neither the 404 page nor the search page is worth a crawler's visit.
        .filter(|p| p.lang == site.config.languages[0] && !matches!(p.kind, PageKind::NotFound | PageKind::Search))
        .map(|p| p.kind)
        .collect();
    for kind in kinds {
        for lang in &site.config.languages {
            let _ = writeln!(xml, "  <url>\n    <loc>{}</loc>", escape(&absolute(site, *lang, kind)));
            for alternate in &site.config.languages {
                let _ = writeln!(
                    xml,
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    alternate.tag(),
                    escape(&absolute(site, *alternate, kind))
                );
            }
            xml.push_str("  </url>\n");
        }
    }
    xml.push_str("</urlset>\n");
    OutputFile { path: "sitemap.xml".into(), bytes: xml.into_bytes() }
}

pub fn robots(site: &Site) -> OutputFile {
    let text = format!("User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n", site.config.base_url);
    OutputFile { path: "robots.txt".into(), bytes: text.into_bytes() }
}

fn absolute(site: &Site, lang: crate::i18n::Lang, kind: PageKind) -> String {
    format!("{}{}{}", site.config.base_url, lang.dir(), kind.path(site))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}
