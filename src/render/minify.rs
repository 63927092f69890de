//! `build --minify`: the one place that configures the minifiers. Only spec-compliant
//! minifications are on, and the `<html>` and `<head>` opening tags stay, so `lang` is never lost.
//!
//! minify-html-onepass minifies in place without allocating, which made `build --minify` on the
//! medium bench site cost a fraction of what minify-html's tree did (see BENCHMARKS.md). It is
//! strict: it refuses markup a browser would still accept (an unexpected closing tag in a custom
//! theme, say). Such a page goes through minify-html, which accepts anything, so the output is
//! always minified and never depends on which path was taken for another page.
//!
//! Both leave out the closing tags the standard lets a browser infer (`</p>`, `</li>` …), which
//! pagefind's parser cannot: the search index is therefore made from the pages as rendered, before
//! this runs (see [`super::render_each`]).

/// The minified copy of a rendered page.
pub fn html(page: &[u8]) -> Vec<u8> {
    let mut fast = page.to_vec();
    match minify_html_onepass::truncate(&mut fast, &onepass_config()) {
        Ok(()) => fast,
        Err(_) => minify_html::minify(page, &tolerant_config()),
    }
}

fn onepass_config() -> minify_html_onepass::Cfg {
    // The theme has no scripts and pages never carry JavaScript from content; styles are only in
    // the stylesheet, so neither minifier for embedded code is needed.
    minify_html_onepass::Cfg { minify_js: false, minify_css: false }
}

fn tolerant_config() -> minify_html::Cfg {
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_html_and_head_opening_tags = true;
    cfg.minify_css = true;
    cfg.minify_js = false;
    cfg
}

#[cfg(test)]
mod tests {
    use super::html;

    #[test]
    fn keeps_the_language_of_the_page_and_drops_whitespace() {
        let page = b"<!doctype html>\n<html lang=\"zh-Hans\">\n<head>\n  <title>  \xe5\x85\xac\xe5\xbc\x80 </title>\n</head>\n<body>\n  <p>  a  </p>\n</body>\n</html>\n";
        let minified = String::from_utf8(html(page)).unwrap();
        assert!(minified.starts_with("<!doctype html><html lang=zh-Hans><head>"), "{minified}");
        assert!(minified.len() < page.len());
        assert!(!minified.contains("\n  "), "{minified}");
    }

    #[test]
    fn markup_the_strict_minifier_refuses_is_still_minified() {
        // A stray closing tag: onepass stops at it, minify-html tolerates it like a browser.
        let page = b"<!doctype html><html lang=en><head><title>t</title></head><body><p>a</p></span>\n\n   <p>b</p></body></html>";
        let minified = String::from_utf8(html(page)).unwrap();
        assert!(minified.starts_with("<!doctype html><html lang=en><head>"), "{minified}");
        assert!(minified.contains("<p>b"), "{minified}");
        assert!(minified.len() < page.len(), "{minified}");
    }
}
