//! The error overlay: when a save breaks the site, every page keeps showing the last good version
//! with a box on top that holds the same located message `gongkai build` prints. It is plain HTML
//! added as the page is served, so it needs no JavaScript, and it goes with the next good save.

/// The overlay for `message` (the CLI's text, with file, line, column and hint).
pub fn html(message: &str) -> String {
    format!(
        concat!(
            "<div id=\"gongkai-error\" role=\"alert\" lang=\"zh-Hans\" style=\"position:fixed;inset:1rem;z-index:2147483647;",
            "overflow:auto;background:#fff;color:#111;border:4px solid #b00020;border-radius:6px;padding:1rem 1.25rem;",
            "box-shadow:0 0 0 100vmax rgba(0,0,0,.5);font:16px/1.5 system-ui,sans-serif\">",
            "<h2 style=\"margin:0 0 .5rem;color:#b00020\">构建出错 <span lang=\"en\">Build error</span></h2>",
            "<p style=\"margin:0 0 .75rem\">上次保存有错误，下面显示的仍是上一次成功构建的网站。改正后保存即可刷新。",
            " <span lang=\"en\">The last save has errors; the pages below are the last good build. Save a fix and this page reloads.</span></p>",
            "<pre lang=\"en\" style=\"white-space:pre-wrap;margin:0;font:14px/1.45 ui-monospace,monospace;background:#f6f6f6;padding:.75rem\">{}</pre>",
            "</div>"
        ),
        escape(message)
    )
}

/// The message as HTML text: tera's escaping, the same the templates get.
fn escape(message: &str) -> String {
    let mut escaped = Vec::with_capacity(message.len());
    // Writing into a Vec cannot fail.
    let _ = tera::escape_html(message, &mut escaped);
    String::from_utf8_lossy(&escaped).into_owned()
}

/// A page holding only the overlay, for when no build has succeeded yet.
pub fn page(message: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-Hans\"><head><meta charset=\"utf-8\"><title>gongkai: build error</title></head><body>{}</body></html>\n",
        html(message)
    )
}

/// Adds `addition` just before `</body>`, or at the end of a page without one.
pub fn inject(page: &[u8], addition: &str) -> Vec<u8> {
    let at = page.windows(7).rposition(|w| w.eq_ignore_ascii_case(b"</body>")).unwrap_or(page.len());
    let mut out = Vec::with_capacity(page.len() + addition.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(addition.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_is_escaped() {
        let overlay = html("error: <script>alert(1)</script> & more");
        assert!(!overlay.contains("<script>"));
        assert!(overlay.contains("&lt;script&gt;"));
    }

    #[test]
    fn additions_go_before_the_end_of_the_body() {
        assert_eq!(inject(b"<body><p>x</p></body></html>", "<i>"), b"<body><p>x</p><i></body></html>");
        assert_eq!(inject(b"<p>x</p>", "<i>"), b"<p>x</p><i>");
    }
}
