//! Entry points for the fuzz targets in `fuzz/`, also replayed over the committed corpora by
//! `tests/fuzz_corpus.rs`. Each takes arbitrary bytes and must never panic.

use std::cell::RefCell;
use std::path::Path;

use html5ever::tokenizer::{TagKind, Token, TokenSink, TokenSinkResult, states::RawKind};

use crate::config::{self, ConfigFile};
use crate::content::document::{self, ShowcaseFront};
use crate::content::indicator::IndicatorFile;
use crate::diagnostics::Diagnostics;
use crate::{markdown, yaml};

const FILE: &str = "fuzz.yaml";

/// An indicator file, parsed as YAML into its typed record.
pub fn indicator_yaml(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = yaml::parse::<IndicatorFile>(text, Path::new(FILE));
    }
}

/// A showcase: front matter split off and parsed, the body rendered and sanitised. The sanitised
/// HTML must be inert (see [`active_content`]).
pub fn front_matter_and_markdown(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok((front, body)) = document::split_front_matter(text, Path::new("fuzz.zh.md")) {
        let _ = yaml::parse::<ShowcaseFront>(&front, Path::new("fuzz.zh.md"));
        let html = markdown::render(body).html;
        let active = active_content(&html);
        assert!(active.is_empty(), "{active:?} survived sanitising:\n{html}");
    }
    let inline = markdown::render_inline(text);
    let active = active_content(&inline);
    assert!(active.is_empty(), "{active:?} survived sanitising:\n{inline}");
}

/// The site config, parsed and checked.
pub fn config(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(file) = yaml::parse::<ConfigFile>(text, Path::new("gongkai.yaml")) {
        let _ = config::validate(file, Path::new("gongkai.yaml"), &mut Diagnostics::new());
    }
}

/// Everything in `html` that could run script, load a frame or a plug-in, or leave the page through
/// a scheme other than the ones a reader can see in a link: script-like elements, event-handler
/// attributes, `javascript:`, `vbscript:` and `data:` addresses, and style attributes beyond a table
/// cell's alignment. Each finding is one line, e.g. `<img onerror="…">`. Empty means inert.
///
/// Tests run it over every built page of a hostile site, the fuzz target over every rendering.
pub fn active_content(html: &str) -> Vec<String> {
    let sink = ActiveSink { found: RefCell::new(Vec::new()) };
    crate::html_scan::tokenize(sink, [html]).found.into_inner()
}

const ACTIVE_ELEMENTS: &[&str] = &["script", "iframe", "frame", "object", "embed", "applet", "base", "portal"];

struct ActiveSink {
    found: RefCell<Vec<String>>,
}

impl TokenSink for ActiveSink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else { return TokenSinkResult::Continue };
        if tag.kind != TagKind::StartTag {
            return TokenSinkResult::Continue;
        }
        let element = tag.name.as_ref();
        let mut found = self.found.borrow_mut();
        if ACTIVE_ELEMENTS.contains(&element) {
            found.push(format!("<{element}>"));
        }
        for attribute in &tag.attrs {
            let (name, value): (&str, &str) = (&attribute.name.local, &attribute.value);
            let refresh = element == "meta" && name == "http-equiv" && value.eq_ignore_ascii_case("refresh");
            if name.starts_with("on") || refresh || runs_script(name, value) || styles_freely(element, name, value) {
                found.push(format!("<{element} {name}=\"{value}\">"));
            }
        }
        // Without a tree builder the tokenizer does not know which elements hold raw text; these do.
        match element {
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "style" | "xmp" | "noembed" | "noframes" => TokenSinkResult::RawData(RawKind::Rawtext),
            "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
            _ => TokenSinkResult::Continue,
        }
    }
}

/// An address attribute whose scheme runs code or embeds a document. The scheme is read as a
/// browser reads it (the WHATWG URL parser): C0 controls and spaces trimmed at both ends, tabs and
/// newlines dropped anywhere (`java\tscript:` runs), then letters, digits, `+`, `-` and `.` up to
/// the colon. Any other character before the colon (`dat\u{19}a:`) makes the address relative.
fn runs_script(name: &str, value: &str) -> bool {
    const ADDRESSES: &[&str] = &["href", "src", "action", "formaction", "data", "poster", "background", "srcset"];
    if !ADDRESSES.contains(&name) && !name.ends_with(":href") {
        return false;
    }
    // `srcset` lists several addresses, each after a comma.
    let addresses: Vec<&str> = if name == "srcset" { value.split(',').collect() } else { vec![value] };
    addresses.iter().any(|address| {
        scheme(address).is_some_and(|scheme| ["javascript", "vbscript", "data"].contains(&scheme.as_str()))
    })
}

/// The scheme of `address`, lower-cased, as the WHATWG URL parser finds it; `None` for a relative
/// address.
fn scheme(address: &str) -> Option<String> {
    let address: String =
        address.trim_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let (scheme, _) = address.split_once(':')?;
    let mut chars = scheme.chars();
    let valid =
        chars.next()?.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// A `style` attribute is only expected where Markdown puts it, the alignment of a table cell; any
/// other style could lay a fake page over the real one.
fn styles_freely(element: &str, name: &str, value: &str) -> bool {
    name == "style" && !(matches!(element, "th" | "td") && markdown::is_alignment_style(value))
}

#[cfg(test)]
mod tests {
    use super::active_content;

    #[test]
    fn finds_every_kind_of_active_content() {
        for html in [
            "<script>x</script>",
            "<img src=x onerror=alert(1)>",
            "<a href=\"java\tscript:alert(1)\">a</a>",
            "<a href=\" \u{1}java\nscript:alert(1)\">a</a>",
            "<a href=\"JavaScript&colon;alert(1)\">a</a>",
            "<img src=\"data:image/svg+xml,x\">",
            "<img srcset=\"a.png 1x, data:image/png,x 2x\">",
            "<iframe src=\"https://example.org/\"></iframe>",
            "<meta http-equiv=\"refresh\" content=\"0;url=https://example.org/\">",
            "<div style=\"position:fixed\">x</div>",
            "<td style=\"text-align: left; position: fixed\">x</td>",
            "<svg><a xlink:href=\"javascript:alert(1)\">x</a></svg>",
        ] {
            assert!(!active_content(html).is_empty(), "{html} was taken for inert");
        }
    }

    #[test]
    fn leaves_inert_markup_alone() {
        for html in [
            "<p>onerror=alert(1) javascript:alert(1) &lt;script&gt;</p>",
            "<a href=\"https://example.org/?q=javascript:x\" rel=\"noopener\">a</a>",
            "<a href=\"/data/indicators.csv\">csv</a>",
            // Not a scheme: a control character other than tab or newline stops it, as in browsers.
            "<a href=\"dat\u{19}a:text/html,x\">a</a>",
            "<a href=\"java script:alert(1)\">a</a>",
            "<td style=\"text-align: center\">x</td>",
            "<title><script>x</script></title>",
        ] {
            assert_eq!(active_content(html), Vec::<String>::new(), "{html}");
        }
    }
}
