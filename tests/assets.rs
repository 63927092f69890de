//! Static files are fingerprinted, and pages need nothing the site's Content-Security-Policy forbids.

mod common;

use common::{TestSite, assert_success, repo};

fn stylesheet_href(page: &str) -> &str {
    let link = page.split(r#"<link rel="stylesheet" href=""#).nth(1).expect("the page links no stylesheet");
    &link[..link.find('"').unwrap()]
}

#[test]
fn pages_link_the_fingerprinted_stylesheet_that_was_written() {
    let site = TestSite::fixture("minimal");
    assert_success(&site.build());
    let theme_css = std::fs::read(repo().join("themes/default/static/style.css")).unwrap();
    for page in ["index.html", "en/plans/index.html", "404.html", "en/404.html"] {
        let html = site.page(page);
        let href = stylesheet_href(&html);
        let name = href.strip_prefix("/static/style.").and_then(|rest| rest.strip_suffix(".css"));
        assert!(
            name.is_some_and(|hash| hash.len() == 8 && hash.bytes().all(|b| b.is_ascii_hexdigit())),
            "{page} links `{href}`, not a fingerprinted stylesheet"
        );
        let written = std::fs::read(site.public().join(&href[1..])).unwrap_or_else(|e| panic!("{href}: {e}"));
        assert_eq!(written, theme_css, "{href} is not the theme's stylesheet");
    }
    assert!(!site.public().join("static/style.css").exists(), "the unfingerprinted name is written too");
}

#[test]
fn a_changed_stylesheet_gets_a_new_name() {
    let site = TestSite::example();
    assert_success(&site.build());
    let before = stylesheet_href(&site.page("index.html")).to_string();
    site.edit("themes/default/static/style.css", "body {", "body { letter-spacing: 0;");
    assert_success(&site.build());
    let after = stylesheet_href(&site.page("index.html")).to_string();
    assert_ne!(before, after);
    assert!(site.public().join(&after[1..]).is_file());
}

/// The CSP in docs/nginx.conf allows styles and images only from the site's own files: no `style`
/// attributes or elements, no event handlers, and no script but the search page's own file and,
/// on indicator pages with breakdowns, the selector's file.
#[test]
fn pages_have_no_inline_styles_or_scripts() {
    let site = TestSite::example();
    assert_success(&site.build());
    let (mut search_pages, mut selector_pages) = (0, 0);
    for (path, bytes) in site.snapshot() {
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for forbidden in [" style=\"", " style='", "<style", " onclick=", " onload="] {
            assert!(!html.contains(forbidden), "{} contains `{forbidden}`", path.display());
        }
        let scripts: Vec<&str> = html.split("<script").skip(1).collect();
        if path.ends_with("search/index.html") {
            search_pages += 1;
            assert_eq!(scripts.len(), 1, "{}", path.display());
            let script = scripts[0].split_once("</script>").map(|(tag, _)| tag).unwrap_or_default();
            assert!(
                script.starts_with(" src=\"/static/search.") && script.ends_with(".js\">"),
                "{}: only the search script, from its file: `<script{script}`",
                path.display()
            );
        } else if path.to_string_lossy().contains("indicators/") && !scripts.is_empty() {
            selector_pages += 1;
            assert_eq!(scripts.len(), 1, "{}", path.display());
            let script = scripts[0].split_once("</script>").map(|(tag, _)| tag).unwrap_or_default();
            assert!(
                script.starts_with(" src=\"/static/disaggregation.") && script.ends_with(".js\" defer>"),
                "{}: only the selector's script, from its file: `<script{script}`",
                path.display()
            );
        } else {
            assert!(scripts.is_empty(), "{} contains `<script`", path.display());
        }
    }
    assert_eq!(search_pages, 9, "a search page per language and reading mode");
    assert!(selector_pages >= 9, "the example site's breakdowns have their selector ({selector_pages} pages)");
}
