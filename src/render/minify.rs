//! `build --minify`: the one place that configures minify-html. Only spec-compliant
//! minifications are on, and the `<html>` and `<head>` tags stay, so `lang` is never lost. Closing
//! tags stay too: the search index reads the written pages with pagefind, whose streaming parser
//! (lol_html) does not infer the end of an element whose closing tag was left out.

/// The minified copy of a rendered page.
pub fn html(page: &[u8]) -> Vec<u8> {
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_html_and_head_opening_tags = true;
    cfg.keep_closing_tags = true;
    cfg.minify_css = true;
    // The theme has no scripts; pages never carry JavaScript from content.
    cfg.minify_js = false;
    minify_html::minify(page, &cfg)
}
