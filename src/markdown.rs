//! The one place that renders Markdown: pulldown-cmark with tables, footnotes, strikethrough and
//! heading anchors, then ammonia, so that raw HTML in a write-up can never put script on the site.

use std::cell::Cell;
use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use html5ever::tokenizer::{TagKind, Token, TokenSink, TokenSinkResult};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::i18n::{Lang, Localized};

/// Markdown rendered once, with what later stages need from it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rendered {
    pub html: String,
    /// `(level, anchor id, text)` of each heading, for a table of contents.
    pub headings: Vec<(u8, String, String)>,
}

/// Rendered, sanitised HTML shared between the records that show it and between `serve`'s
/// rebuilds, which keep every file's rendering rather than render or copy it again. It carries a
/// digest of its text, so that `serve` can fingerprint a record without hashing its whole body
/// (see `render::incremental`): its `Debug` form is the length and the digest.
#[derive(Clone, PartialEq, Eq)]
pub struct SharedHtml {
    text: Arc<str>,
    digest: u64,
}

impl SharedHtml {
    pub fn new(html: String) -> Self {
        let mut hasher = std::hash::DefaultHasher::new();
        html.hash(&mut hasher);
        SharedHtml { text: html.into(), digest: hasher.finish() }
    }

    /// Renders Markdown; see [`render`].
    pub fn render(source: &str) -> Self {
        Self::new(render(source).html)
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl Default for SharedHtml {
    fn default() -> Self {
        Self::new(String::new())
    }
}

impl std::ops::Deref for SharedHtml {
    type Target = str;

    fn deref(&self) -> &str {
        &self.text
    }
}

impl std::fmt::Debug for SharedHtml {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "[{} bytes #{:016x}]", self.text.len(), self.digest)
    }
}

/// Markdown rendered to sanitised HTML in each language it is written in, under the language's
/// key, in the order written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Html {
    texts: Vec<(String, SharedHtml)>,
}

impl Html {
    /// Renders every language of a Markdown text.
    pub fn render(text: &Localized) -> Self {
        Html { texts: text.texts().map(|(key, text)| (key.to_string(), SharedHtml::render(text))).collect() }
    }

    /// HTML already rendered, under the keys of its languages.
    pub fn from_texts(texts: impl IntoIterator<Item = (String, SharedHtml)>) -> Self {
        Html { texts: texts.into_iter().map(|(key, html)| (key.to_ascii_lowercase(), html)).collect() }
    }

    pub fn exact(&self, key: &str) -> Option<&SharedHtml> {
        self.texts.iter().find(|(k, _)| k == key).map(|(_, html)| html)
    }

    pub fn texts(&self) -> impl Iterator<Item = (&str, &SharedHtml)> {
        self.texts.iter().map(|(k, html)| (k.as_str(), html))
    }

    /// The HTML to show in `lang`, the tag it is marked with and whether it is a fallback, as
    /// [`Localized::pick`] picks a text.
    pub fn pick(&self, lang: Lang) -> (&str, &'static str, bool) {
        lang.pick(|key| self.exact(key).map(SharedHtml::as_str), |html| html.trim().is_empty()).unwrap_or((
            "",
            lang.tag(),
            false,
        ))
    }
}

/// Markdown written in a YAML record (a plan's summary, a goal's description), rendered when the
/// file is parsed, so that `serve` renders it once per edit of that file and not once per rebuild.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
#[serde(from = "Localized")]
pub struct MarkdownText {
    pub html: Html,
}

impl From<Localized> for MarkdownText {
    fn from(text: Localized) -> Self {
        MarkdownText { html: Html::render(&text) }
    }
}

/// Renders `source` to sanitised HTML.
pub fn render(source: &str) -> Rendered {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let events = limit_nesting(Parser::new_ext(source, options).collect());
    let (events, headings) = add_heading_anchors(events);
    let mut html = String::with_capacity(source.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    Rendered { html: sanitize(&html), headings }
}

/// Deeper than this, Markdown nesting (quotes in quotes, lists in lists) is flattened, and raw HTML
/// is shown as text. No write-up comes near it, and the HTML tree builder under ammonia looks
/// through every open element for each new one: unbounded nesting costs time squared, and a 4 MiB
/// file of `>` or `<div>` would stall a build for hours. Browsers flatten deep trees too (Blink at 512).
const MAX_NESTING: usize = 64;

/// Drops the start and end of every Markdown container nested deeper than [`MAX_NESTING`],
/// keeping what is inside; raw HTML that opens more than that many elements becomes text.
fn limit_nesting(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut kept_open: Vec<bool> = Vec::new();
    let mut depth = 0;
    let events: Vec<Event> = events
        .into_iter()
        .filter(|event| match event {
            Event::Start(_) => {
                let keep = depth < MAX_NESTING;
                depth += usize::from(keep);
                kept_open.push(keep);
                keep
            }
            Event::End(_) => {
                let keep = kept_open.pop().unwrap_or(true);
                depth -= usize::from(keep);
                keep
            }
            _ => true,
        })
        .collect();
    if raw_html_depth(&events) <= MAX_NESTING {
        return events;
    }
    events
        .into_iter()
        .map(|event| match event {
            Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
            other => other,
        })
        .collect()
}

/// How deep the raw HTML of a document nests elements, counting each start tag that is not closed
/// before the next one (void and self-closing elements aside).
fn raw_html_depth(events: &[Event<'_>]) -> usize {
    let raw: Vec<&str> = events
        .iter()
        .filter_map(|event| match event {
            Event::Html(html) | Event::InlineHtml(html) => Some(html.as_ref()),
            _ => None,
        })
        .collect();
    // Fewer tags than the limit cannot nest beyond it: most documents stop here.
    if raw.iter().map(|html| html.matches('<').count()).sum::<usize>() <= MAX_NESTING {
        return 0;
    }
    crate::html_scan::tokenize(DepthSink::default(), raw).deepest.get()
}

#[derive(Default)]
struct DepthSink {
    depth: Cell<usize>,
    deepest: Cell<usize>,
}

impl TokenSink for DepthSink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        if let Token::TagToken(tag) = token {
            let depth = self.depth.get();
            match tag.kind {
                TagKind::StartTag if !tag.self_closing && !is_void(&tag.name) => {
                    self.depth.set(depth + 1);
                    self.deepest.set(self.deepest.get().max(depth + 1));
                }
                TagKind::EndTag => self.depth.set(depth.saturating_sub(1)),
                TagKind::StartTag => {}
            }
        }
        TokenSinkResult::Continue
    }
}

fn is_void(element: &str) -> bool {
    matches!(
        element,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Renders a short text (a summary) and strips the outer paragraph.
pub fn render_inline(source: &str) -> String {
    let html = render(source).html;
    let trimmed = html.trim();
    match trimmed.strip_prefix("<p>").and_then(|s| s.strip_suffix("</p>")) {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => trimmed.to_string(),
    }
}

/// Gives every heading a stable id from its text (CJK kept, so Chinese anchors stay readable),
/// numbered when two headings share a text.
fn add_heading_anchors(events: Vec<Event<'_>>) -> (Vec<Event<'_>>, Vec<(u8, String, String)>) {
    let mut used = HashSet::new();
    let mut headings = Vec::new();
    let mut out = Vec::with_capacity(events.len());
    let mut index = 0;
    while index < events.len() {
        if let Event::Start(Tag::Heading { level, id, classes, attrs }) = &events[index] {
            let end = events[index..]
                .iter()
                .position(|e| matches!(e, Event::End(TagEnd::Heading(_))))
                .map(|p| p + index)
                .unwrap_or(events.len() - 1);
            let text: String = events[index + 1..end]
                .iter()
                .filter_map(|e| match e {
                    Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                    _ => None,
                })
                .collect();
            let anchor = match id {
                Some(id) => id.to_string(),
                None => unique_slug(&text, &mut used),
            };
            used.insert(anchor.clone());
            headings.push((heading_number(*level), anchor.clone(), text));
            out.push(Event::Start(Tag::Heading {
                level: *level,
                id: Some(CowStr::from(anchor)),
                classes: classes.clone(),
                attrs: attrs.clone(),
            }));
            out.extend(events[index + 1..=end].iter().cloned());
            index = end + 1;
        } else {
            out.push(events[index].clone());
            index += 1;
        }
    }
    (out, headings)
}

fn heading_number(level: HeadingLevel) -> u8 {
    level as u8
}

fn unique_slug(text: &str, used: &mut HashSet<String>) -> String {
    let base = slug(text);
    let base = if base.is_empty() { "section".to_string() } else { base };
    let mut candidate = base.clone();
    let mut n = 1;
    while used.contains(&candidate) {
        n += 1;
        candidate = format!("{base}-{n}");
    }
    candidate
}

/// Lower-case letters and digits (any script), other characters folded into single dashes.
pub fn slug(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// ammonia's defaults drop scripts, event handlers and `javascript:` URLs; heading ids and
/// footnote anchors are allowed so in-page links keep working. A table cell keeps its `style` only
/// when it is the alignment Markdown writes: any other style could lay a fake page over the site.
fn sanitize(html: &str) -> String {
    ammonia::Builder::default()
        .add_tag_attributes("h1", ["id"])
        .add_tag_attributes("h2", ["id"])
        .add_tag_attributes("h3", ["id"])
        .add_tag_attributes("h4", ["id"])
        .add_tag_attributes("h5", ["id"])
        .add_tag_attributes("h6", ["id"])
        .add_tag_attributes("div", ["id", "class"])
        .add_tag_attributes("sup", ["id", "class"])
        .add_tag_attributes("li", ["id"])
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        .id_prefix(None)
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        .attribute_filter(|element, attribute, value| match (element, attribute) {
            ("th" | "td", "style") if !is_alignment_style(value) => None,
            _ => Some(value.into()),
        })
        .clean(html)
        .to_string()
}

/// The style pulldown-cmark gives an aligned table column: `text-align: left`, `center` or `right`.
pub fn is_alignment_style(style: &str) -> bool {
    let Some(("text-align", value)) = style.split_once(':').map(|(k, v)| (k.trim(), v.trim().trim_end_matches(';')))
    else {
        return false;
    };
    matches!(value.trim(), "left" | "center" | "right")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_html_prints_its_length_and_digest_and_differs_with_its_text() {
        let (a, b) = (SharedHtml::render("两校互派教师。"), SharedHtml::render("两校每学期互派教师。"));
        assert_eq!(a, SharedHtml::render("两校互派教师。"));
        assert_eq!(format!("{a:?}"), format!("{:?}", SharedHtml::render("两校互派教师。")));
        assert_ne!(format!("{a:?}"), format!("{b:?}"));
        assert!(!format!("{a:?}").contains("两校"), "the text is not in the Debug form");
        assert_eq!(&*a, render("两校互派教师。").html);
    }

    #[test]
    fn script_and_event_handlers_are_removed() {
        let html = render("hi <script>alert(1)</script> <img src=x onerror=alert(1)> [a](javascript:alert(1))").html;
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
    }

    #[test]
    fn table_cells_keep_their_alignment_and_no_other_style() {
        let html =
            render("| a |\n|:-:|\n| 1 |\n\n<table><tr><td style=\"position:fixed;inset:0\">x</td></tr></table>").html;
        assert!(html.contains(r#"<th style="text-align: center">"#), "{html}");
        assert!(!html.contains("position"), "{html}");
    }

    #[test]
    fn deep_nesting_is_flattened_and_keeps_its_text() {
        let quotes = render(&format!("{} deep", ">".repeat(10_000))).html;
        assert_eq!(quotes.matches("<blockquote>").count(), MAX_NESTING, "{}", &quotes[..200]);
        assert!(quotes.contains("deep"));
        let divs = render(&format!("{}deep", "<div>".repeat(10_000))).html;
        assert!(!divs.contains("<div>") && divs.contains("&lt;div&gt;") && divs.contains("deep"), "{}", &divs[..200]);
        let shallow = render("<div><div><p>kept</p></div></div>").html;
        assert!(shallow.contains("<div><div><p>kept</p></div></div>"), "{shallow}");
    }

    #[test]
    fn headings_get_readable_unique_anchors() {
        let rendered = render("## 主要做法\n\ntext\n\n## 主要做法\n");
        assert!(rendered.html.contains(r#"<h2 id="主要做法">"#), "{}", rendered.html);
        assert!(rendered.html.contains(r#"<h2 id="主要做法-2">"#), "{}", rendered.html);
    }

    #[test]
    fn tables_and_footnotes_render() {
        let html = render("| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1]\n\n[^1]: Note.\n").html;
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("footnote-definition"), "{html}");
    }
}
