//! `sitemap.xml` (every page, with its language alternates; an index of several sitemaps on a big site) and `robots.txt`, from the page plan.

use std::fmt::Write;

use super::OutputFile;
use super::pages::{self, PageKind};
use crate::model::Site;

/// The sitemaps protocol allows 50,000 URLs per file; a bigger site gets `sitemap.xml` as an index
/// of numbered sitemaps. Zola splits at 30,000 too, which keeps each file far below the 50 MB limit
/// even with an alternate per language on every URL.
const URLS_PER_SITEMAP: usize = 30_000;

/// `sitemap.xml`, and `sitemap1.xml`, `sitemap2.xml`, … when the site has more URLs than one file
/// may hold.
pub fn sitemaps(site: &Site) -> Vec<OutputFile> {
    split(&site.config.base_url, url_entries(site), URLS_PER_SITEMAP)
}

/// One `<url>` element per page and language, with the page's alternates in every language.
fn url_entries(site: &Site) -> Vec<String> {
    let kinds = pages::standard_plan(site)
        .into_iter()
        // Neither the 404 page nor the search page is worth a crawler's visit.
        .filter(|p| p.lang == site.config.languages[0] && !matches!(p.kind, PageKind::NotFound | PageKind::Search))
        .map(|p| p.kind);
    let mut entries = Vec::new();
    for kind in kinds {
        for lang in &site.config.languages {
            let mut entry = format!("  <url>\n    <loc>{}</loc>\n", escape(&absolute(site, *lang, kind)));
            for alternate in &site.config.languages {
                let _ = writeln!(
                    entry,
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    alternate.tag(),
                    escape(&absolute(site, *alternate, kind))
                );
            }
            entry.push_str("  </url>\n");
            entries.push(entry);
        }
    }
    entries
}

fn split(base_url: &str, entries: Vec<String>, limit: usize) -> Vec<OutputFile> {
    if entries.len() <= limit {
        return vec![urlset("sitemap.xml".into(), &entries)];
    }
    let parts: Vec<OutputFile> =
        entries.chunks(limit).enumerate().map(|(i, chunk)| urlset(format!("sitemap{}.xml", i + 1), chunk)).collect();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for part in &parts {
        let _ = writeln!(index, "  <sitemap>\n    <loc>{}{}</loc>\n  </sitemap>", escape(base_url), part.path);
    }
    index.push_str("</sitemapindex>\n");
    std::iter::once(OutputFile { path: "sitemap.xml".into(), bytes: index.into_bytes() }).chain(parts).collect()
}

fn urlset(path: String, entries: &[String]) -> OutputFile {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    entries.iter().for_each(|entry| xml.push_str(entry));
    xml.push_str("</urlset>\n");
    OutputFile { path, bytes: xml.into_bytes() }
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

#[cfg(test)]
mod tests {
    use super::split;

    fn entries(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("  <url>\n    <loc>https://x.gov.cn/p{i}/</loc>\n  </url>\n")).collect()
    }

    #[test]
    fn a_site_within_the_limit_has_one_sitemap() {
        let files = split("https://x.gov.cn/", entries(3), 3);
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].path, "sitemap.xml");
        assert_eq!(String::from_utf8_lossy(&files[0].bytes).matches("<url>").count(), 3);
    }

    #[test]
    fn a_bigger_site_gets_an_index_of_numbered_sitemaps_that_keeps_every_url_once() {
        let files = split("https://x.gov.cn/", entries(5), 2);
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["sitemap.xml", "sitemap1.xml", "sitemap2.xml", "sitemap3.xml"]);
        let index = String::from_utf8_lossy(&files[0].bytes);
        assert!(index.contains("<sitemapindex"), "{index}");
        assert!(index.contains("<loc>https://x.gov.cn/sitemap3.xml</loc>"), "{index}");
        let urls: Vec<String> = files[1..]
            .iter()
            .flat_map(|f| String::from_utf8_lossy(&f.bytes).matches("<url>").map(str::to_string).collect::<Vec<_>>())
            .collect();
        assert_eq!(urls.len(), 5);
        assert!(String::from_utf8_lossy(&files[3].bytes).contains("/p4/"));
    }
}
