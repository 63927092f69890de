//! What the search index reads of a page: its text with the weights of its headings, and the
//! metadata and filters its `data-pagefind-*` attributes name, taken from the rendered HTML by the
//! rules of pagefind's own parser (pagefind 1.6, `fossick/parser.rs`), to be handed to pagefind as
//! a custom record.
//!
//! pagefind parses a page with lol_html, running a handler with a dozen attribute look-ups and a
//! tree node on every element: a fifth of the indexing time of the bench sites, spent one page
//! after the other within a part. This reads the same text with the html5ever tokenizer the
//! other checks use ([`crate::html_scan`]), on every core, before pagefind takes the pages.
//! pagefind then finds the same words at the same positions with the same weights, so the word
//! index is byte-identical (the `custom_records_index_like_pagefinds_parser` test of the parent
//! module). Left out: the anchors of elements with an `id` (pagefind's sub-results, which only
//! add to the fragments a reader downloads: an anchor still parts the words on either side, as
//! pagefind's marker does) and the first image after the title, which the search page does not
//! show either.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::LazyLock;

use html5ever::LocalName;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{Tag, TagKind, Token, TokenSink, TokenSinkResult};
use regex::Regex;

/// A page as the index reads it.
#[derive(Debug, Default, PartialEq)]
pub struct Record {
    /// The text, with pagefind's markers of weighted passages.
    pub digest: String,
    pub meta: BTreeMap<String, String>,
    pub filters: BTreeMap<String, Vec<String>>,
    pub sort: BTreeMap<String, String>,
    /// Whether an element is `data-pagefind-body`: then only such elements are read.
    pub has_body: bool,
}

/// The record of `html`, a page or the part of it that is indexed.
pub fn record(html: &str) -> Record {
    crate::html_scan::tokenize(Reader::default(), [html]).state.into_inner().finish()
}

/// Elements that end a sentence: their text is set apart from what follows, with a full stop
/// where it ends in a word.
const SENTENCES: [&str; 13] = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "td", "div", "ul", "li", "article", "section"];

/// Elements whose text pagefind leaves out.
const REMOVED: [&str; 11] =
    ["head", "style", "script", "noscript", "label", "form", "svg", "footer", "nav", "iframe", "template"];

/// Elements that have no content and no end tag.
const VOID: [&str; 15] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track",
    "wbr",
];

/// The characters after which pagefind ends a block with a full stop.
static SENTENCE_END: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"[\w'"\)\$\*]"#).expect("a valid pattern"));

#[derive(Clone, Copy, Debug, PartialEq)]
enum Status {
    Indexing,
    /// Its text is left out; its metadata still counts.
    Ignored,
    /// Left out with everything in it, metadata too.
    Excluded,
    Body,
    /// Holds a body: only the text of bodies is added to it.
    ParentOfBody,
}

/// An open element and the text read within it so far.
struct Node {
    tag: LocalName,
    status: Status,
    text: String,
    weight: Option<String>,
    /// `data-pagefind-filter`, `-meta`, `-default-meta` and `-sort`, as `key` or `key:value`.
    specs: [Option<Vec<String>>; 4],
}

const FILTER: usize = 0;
const META: usize = 1;
const DEFAULT_META: usize = 2;
const SORT: usize = 3;
const SPEC_ATTRIBUTES: [&str; 4] =
    ["data-pagefind-filter", "data-pagefind-meta", "data-pagefind-default-meta", "data-pagefind-sort"];

impl Node {
    fn root() -> Self {
        Node {
            tag: LocalName::from(""),
            status: Status::Indexing,
            text: String::new(),
            weight: None,
            specs: Default::default(),
        }
    }
}

struct State {
    /// The open elements, below a root that stands for the document.
    open: Vec<Node>,
    filters: BTreeMap<String, Vec<String>>,
    meta: BTreeMap<String, String>,
    default_meta: BTreeMap<String, String>,
    sort: BTreeMap<String, String>,
    title: Option<String>,
}

impl Default for State {
    fn default() -> Self {
        State {
            open: vec![Node::root()],
            filters: BTreeMap::new(),
            meta: BTreeMap::new(),
            default_meta: BTreeMap::new(),
            sort: BTreeMap::new(),
            title: None,
        }
    }
}

impl State {
    fn current(&mut self) -> &mut Node {
        self.open.last_mut().expect("the root is never closed")
    }

    fn start(&mut self, tag: &Tag) {
        let attribute = |name: &str| tag.attrs.iter().find(|a| &*a.name.local == name).map(|a| &*a.value);
        let own = if attribute("data-pagefind-body").is_some() {
            Status::Body
        } else {
            match attribute("data-pagefind-ignore").map(str::to_ascii_lowercase).as_deref() {
                None => Status::Indexing,
                Some("" | "index" | "true") => Status::Ignored,
                Some(_) => Status::Excluded,
            }
        };
        let parent = self.current();
        let shown = !matches!(own, Status::Excluded | Status::Ignored);
        let outside_bodies =
            parent.status == Status::ParentOfBody && !matches!(own, Status::Body | Status::ParentOfBody);
        if shown && attribute("id").is_some() && !outside_bodies {
            // pagefind marks an anchor here, which parts the words on either side.
            parent.text.push(' ');
        }
        if own != Status::Excluded {
            for name in attribute("data-pagefind-index-attrs").into_iter().flat_map(|names| names.split(',')) {
                let mut value = attribute(name.trim()).unwrap_or_default().to_string();
                if value.chars().last().is_some_and(ends_sentence) {
                    value.push('.');
                }
                parent.text.push_str(&format!(" {value} "));
            }
            if &*tag.name == "br" {
                parent.text.push(' ');
            }
        }
        let inherited = if parent.status == Status::Excluded { Status::Excluded } else { own };
        let node = Node {
            tag: tag.name.clone(),
            status: if REMOVED.contains(&&*tag.name) { Status::Ignored } else { inherited },
            text: String::new(),
            weight: attribute("data-pagefind-weight").map(str::to_string),
            specs: SPEC_ATTRIBUTES.map(|name| attribute(name).map(|value| specs(value, &attribute))),
        };
        if VOID.contains(&&*tag.name) {
            if node.status != Status::Excluded {
                self.take_specs(&node);
            }
        } else {
            self.open.push(node);
        }
    }

    fn end(&mut self, name: &LocalName) {
        // An end tag closes its element and whatever is still open in it; one that closes
        // nothing open is left alone.
        if let Some(depth) = self.open.iter().skip(1).rposition(|node| node.tag == *name) {
            while self.open.len() > depth + 1 {
                let node = self.open.pop().expect("deeper than the root");
                self.close(node);
            }
        }
    }

    fn close(&mut self, node: Node) {
        if node.status == Status::Excluded {
            return;
        }
        self.take_specs(&node);
        if &*node.tag == "h1" && self.title.is_none() && !node.text.trim().is_empty() {
            self.title = Some(normalize(&node.text));
        }
        if node.status == Status::Ignored {
            return;
        }
        let mut text = node.text;
        if SENTENCES.contains(&&*node.tag) {
            text.insert(0, ' ');
            if text.chars().last().is_some_and(ends_sentence) {
                text.push('.');
            }
            text.push(' ');
        }
        let text = match (&node.weight, heading_weight(&node.tag)) {
            (Some(weight), _) => [" ___PAGEFIND_WEIGHT___", weight, " ", &text, " ___END_PAGEFIND_WEIGHT___ "].concat(),
            (None, Some(weight)) => {
                [" ___PAGEFIND_AUTO_WEIGHT___", weight, " ", &text, " ___END_PAGEFIND_WEIGHT___ "].concat()
            }
            (None, None) => text,
        };
        add_to(self.current(), node.status, &text);
    }

    /// The filters, metadata and sort keys an element names, once its text has been read.
    fn take_specs(&mut self, node: &Node) {
        let pairs = |kind: usize| {
            let specs = node.specs[kind].iter().flatten();
            specs.filter_map(|spec| match spec.split_once(':') {
                Some((key, value)) => Some((key.to_string(), normalize(value))),
                None if node.text.is_empty() => None,
                None => Some((spec.clone(), normalize(&node.text))),
            })
        };
        for (key, value) in pairs(FILTER) {
            self.filters.entry(key).or_default().push(normalize(&value));
        }
        self.sort.extend(pairs(SORT));
        self.meta.extend(pairs(META));
        self.default_meta.extend(pairs(DEFAULT_META));
    }

    fn finish(mut self) -> Record {
        // Elements left open at the end are closed into their parents as they are.
        while self.open.len() > 1 {
            let node = self.open.pop().expect("deeper than the root");
            let parent = self.current();
            if parent.status != Status::ParentOfBody {
                add_to(parent, node.status, &node.text);
            }
        }
        if let Some(title) = self.title.take() {
            self.meta.entry("title".to_string()).or_insert(title);
        }
        self.default_meta.append(&mut self.meta);
        let root = self.open.pop().expect("the root");
        Record {
            digest: root.text,
            meta: self.default_meta,
            filters: self.filters,
            sort: self.sort,
            has_body: root.status == Status::ParentOfBody,
        }
    }
}

/// Adds the text of a closed element to its parent; a body's text replaces what the parent read
/// outside bodies.
fn add_to(parent: &mut Node, status: Status, text: &str) {
    if parent.status == Status::ParentOfBody && !matches!(status, Status::Body | Status::ParentOfBody) {
        return;
    }
    match status {
        Status::Ignored | Status::Excluded => {}
        Status::Indexing => parent.text.push_str(text),
        Status::Body | Status::ParentOfBody => {
            if parent.status != Status::ParentOfBody {
                parent.text.clear();
            }
            parent.text.push_str(text);
            parent.status = Status::ParentOfBody;
        }
    }
}

fn heading_weight(tag: &str) -> Option<&'static str> {
    match tag {
        "h1" => Some("7"),
        "h2" => Some("6"),
        "h3" => Some("5"),
        "h4" => Some("4"),
        "h5" => Some("3"),
        "h6" => Some("2"),
        _ => None,
    }
}

fn ends_sentence(c: char) -> bool {
    SENTENCE_END.is_match(c.encode_utf8(&mut [0; 4]))
}

/// `kind:学校`, `kind, title`, `image[src]`: the keys of a `data-pagefind-*` attribute, each with
/// its value where the attribute gives one (after the first colon, for the last key; or another
/// attribute of the element, in brackets).
fn specs<'a>(value: &str, attribute: &impl Fn(&str) -> Option<&'a str>) -> Vec<String> {
    if let Some((keys, literal)) = value.split_once(':') {
        let mut specs = specs(keys, attribute);
        if let Some(last) = specs.last_mut() {
            last.push(':');
            last.push_str(literal);
        }
        return specs;
    }
    let from_attribute = |chunk: &str| {
        let (name, rest) = chunk.split_once('[')?;
        let inner = rest.strip_suffix(']')?;
        let plain = !name.is_empty() && !name.contains(']') && !inner.is_empty() && !inner.contains('\n');
        plain.then(|| format!("{name}:{}", attribute(inner).unwrap_or_default()))
    };
    value.split(',').map(str::trim).map(|chunk| from_attribute(chunk).unwrap_or_else(|| chunk.to_string())).collect()
}

/// Text as pagefind keeps it in metadata: trimmed, line breaks and runs of spaces made one space.
fn normalize(text: &str) -> String {
    let mut normal = String::with_capacity(text.len());
    let mut chars = text.trim().chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_whitespace() {
            normal.push(c);
            continue;
        }
        let mut run = vec![c];
        while let Some(next) = chars.next_if(|next| next.is_whitespace()) {
            run.push(next);
        }
        match run.as_slice() {
            ['\n'] | ['\r', '\n'] => normal.push(' '),
            [single] => normal.push(*single),
            _ => normal.push(' '),
        }
    }
    normal
}

/// The tokenizer's sink: every token goes to the state at once.
#[derive(Default)]
struct Reader {
    state: RefCell<State>,
}

impl TokenSink for Reader {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut state = self.state.borrow_mut();
        match token {
            Token::CharacterTokens(text) => state.current().text.push_str(&text),
            Token::TagToken(tag) if tag.kind == TagKind::StartTag => {
                state.start(&tag);
                // The tokenizer alone does not know which elements hold raw text.
                return match &*tag.name {
                    "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                    "style" | "xmp" | "iframe" | "noembed" | "noframes" => TokenSinkResult::RawData(RawKind::Rawtext),
                    "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
                    _ => TokenSinkResult::Continue,
                };
            }
            Token::TagToken(tag) => state.end(&tag.name),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_body_with_heading_weights_and_sentence_ends() {
        let html = r#"<main data-pagefind-body data-pagefind-meta="kind:学校" data-pagefind-filter="kind:学校">
<p data-pagefind-ignore>示例数据</p><h1>梅溪<em>小学</em></h1><div><p>课后服务</p><p>覆盖率 95%</p></div>
<ul><li>one &amp; two</li></ul><nav>skip</nav><p>a<br>b</p></main><footer>out</footer>"#;
        let record = record(html);
        let words: Vec<&str> = record.digest.split_whitespace().collect();
        assert_eq!(
            words,
            [
                "___PAGEFIND_AUTO_WEIGHT___7",
                "梅溪小学.",
                "___END_PAGEFIND_WEIGHT___",
                "课后服务.",
                "覆盖率",
                "95%",
                "one",
                "&",
                "two.",
                "a",
                "b."
            ]
        );
        assert_eq!(record.meta.get("title").map(String::as_str), Some("梅溪小学"));
        assert_eq!(record.meta.get("kind").map(String::as_str), Some("学校"));
        assert_eq!(record.filters.get("kind"), Some(&vec!["学校".to_string()]));
        assert!(record.has_body);
    }

    #[test]
    fn an_anchor_parts_words_and_excluded_elements_keep_no_metadata() {
        let record = record(
            r#"<main>a<span id="x">b</span><div data-pagefind-ignore="all" data-pagefind-meta="m:1">c</div><div data-pagefind-ignore data-pagefind-meta="n:2">d</div></main>"#,
        );
        assert_eq!(record.digest.split_whitespace().collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(record.meta.keys().collect::<Vec<_>>(), ["n"]);
        assert!(!record.has_body);
    }

    #[test]
    fn metadata_keys_take_the_text_or_an_attribute_of_their_element() {
        let record = record(
            r#"<main><h2 data-pagefind-meta="heading">Two  words</h2><img src="/a.png" data-pagefind-meta="image[src], x:1"></main>"#,
        );
        assert_eq!(record.meta.get("heading").map(String::as_str), Some("Two words"));
        assert_eq!(record.meta.get("image").map(String::as_str), Some("/a.png"));
        assert_eq!(record.meta.get("x").map(String::as_str), Some("1"));
    }

    #[test]
    fn normalize_trims_and_joins_lines_and_runs_of_spaces() {
        assert_eq!(normalize("  a\nb  c\td \r\n e "), "a b c\td e");
    }
}
