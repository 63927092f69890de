//! Atom feeds, one per language (`feed.xml`, `en/feed.xml`): the newest showcases, yearly
//! reports and policy interpretations (`feed_limit` of them), newest first. Written with `atom_syndication`, which does the XML escaping.

use atom_syndication::{Category, Content, Entry, Feed, FixedDateTime, Generator, Link, Person, Text, WriteConfig};

use super::OutputFile;
use super::pages::PageKind;
use crate::i18n::{Lang, Localized};
use crate::model::{Date, Html, Site};
use crate::theme::Strings;

/// The feed's path below the site root.
pub fn path(lang: Lang) -> String {
    format!("{}feed.xml", lang.dir())
}

/// One feed per language of the site.
pub fn feeds(site: &Site, strings: &std::collections::HashMap<Lang, Strings>) -> Vec<OutputFile> {
    site.config.languages.iter().map(|lang| feed(site, *lang, &strings[lang])).collect()
}

struct Item<'a> {
    kind: PageKind,
    title: &'a Localized,
    summary: Option<&'a Localized>,
    body: &'a Html,
    date: Date,
    sample: bool,
}

fn feed(site: &Site, lang: Lang, strings: &Strings) -> OutputFile {
    let mut items: Vec<Item> = site
        .showcases
        .iter()
        .enumerate()
        .map(|(i, s)| Item {
            kind: PageKind::Showcase(i),
            title: &s.title,
            summary: s.summary.as_ref(),
            body: &s.body,
            date: s.date,
            sample: s.sample,
        })
        .chain(site.reports.iter().enumerate().map(|(i, r)| Item {
            kind: PageKind::Report(i),
            title: &r.title,
            summary: r.summary.as_ref(),
            body: &r.body,
            date: r.date,
            sample: r.sample || r.has_sample,
        }))
        .chain(site.interpretations.iter().enumerate().map(|(i, r)| Item {
            kind: PageKind::Interpretation(i),
            title: &r.title,
            summary: r.summary.as_ref(),
            body: &r.body,
            date: r.date,
            sample: r.sample,
        }))
        .collect();
    let absolute = |kind: PageKind| format!("{}{}{}", site.config.base_url, lang.dir(), kind.path(site));
    items.sort_by_cached_key(|item| (std::cmp::Reverse(item.date), absolute(item.kind)));
    items.truncate(site.config.feed_limit);
    let string = |key: &str| strings.get(key).cloned().unwrap_or_default();
    let author = Person { name: site.config.organisation.name.get(lang).0.to_string(), ..Person::default() };
    let links = super::links::LinkRoots::new(site, crate::config::ReadingMode::Standard, lang);
    let entries: Vec<Entry> = items
        .iter()
        .map(|item| {
            let url = absolute(item.kind);
            let (title, title_tag, title_fallback) = item.title.pick(lang);
            let summary = item.summary.map(|s| s.get(lang).0.to_string()).unwrap_or_default();
            let summary = if item.sample { format!("{}{}", string("feed_sample_prefix"), summary) } else { summary };
            let (body, body_tag, body_fallback) = item.body.pick(lang);
            let section = match item.kind {
                PageKind::Report(_) => "nav_results",
                PageKind::Interpretation(_) => "nav_interpretations",
                _ => "nav_showcases",
            };
            let mut categories = vec![Category { term: string(section), ..Category::default() }];
            if item.sample {
                categories.push(Category { term: string("sample_label"), ..Category::default() });
            }
            Entry {
                title: Text { lang: title_fallback.then(|| title_tag.to_string()), ..Text::plain(title) },
                id: url.clone(),
                updated: datetime(item.date),
                published: Some(datetime(item.date)),
                links: vec![Link {
                    href: url,
                    rel: "alternate".into(),
                    mime_type: Some("text/html".into()),
                    ..Link::default()
                }],
                summary: (!summary.is_empty()).then(|| Text::plain(summary)),
                content: Some(Content {
                    base: Some(site.config.base_url.clone()),
                    lang: body_fallback.then(|| body_tag.to_string()),
                    value: Some(links.resolve(body).into_owned()),
                    content_type: Some("html".into()),
                    ..Content::default()
                }),
                categories,
                ..Entry::default()
            }
        })
        .collect();
    let home = format!("{}{}", site.config.base_url, lang.dir());
    let self_url = format!("{}{}", site.config.base_url, path(lang));
    let updated = items.iter().map(|i| i.date).max().unwrap_or(site.config.as_of);
    let feed = Feed {
        title: Text::plain(format!("{} · {}", site.config.title.get(lang).0, string("feed_title"))),
        id: self_url.clone(),
        updated: datetime(updated),
        authors: vec![author],
        links: vec![
            Link {
                href: self_url,
                rel: "self".into(),
                mime_type: Some("application/atom+xml".into()),
                ..Link::default()
            },
            Link { href: home, rel: "alternate".into(), mime_type: Some("text/html".into()), ..Link::default() },
        ],
        generator: Some(Generator { value: "gongkai".into(), ..Generator::default() }),
        lang: Some(lang.tag().to_string()),
        entries,
        ..Feed::default()
    };
    let config = WriteConfig { write_document_declaration: true, indent_size: Some(1) };
    let mut bytes = feed.write_with_config(Vec::new(), config).expect("writing to memory cannot fail");
    bytes.push(b'\n');
    OutputFile { path: path(lang), bytes }
}

/// Content dates have no time of day: midnight in China Standard Time, where the bureaus publish.
fn datetime(date: Date) -> FixedDateTime {
    FixedDateTime::parse_from_rfc3339(&format!("{date}T00:00:00+08:00")).expect("a valid date makes a valid timestamp")
}

/// The URL of the feed of `lang`, for `<link rel="alternate">` and the footer.
pub fn url(site: &Site, lang: Lang) -> String {
    format!("{}{}", site.config.base_path, path(lang))
}
