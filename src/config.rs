//! The site config, `gongkai.yaml`: as written ([`ConfigFile`]) and checked ([`Config`]).

use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::{Lang, LanguageEntry, Languages, Localized};
use crate::yaml::Spanned;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    pub title: Localized,
    #[serde(default)]
    pub description: Option<Localized>,
    pub base_url: Spanned<String>,
    /// Data are reported up to this date; targets for later years are "not yet due".
    pub as_of: Spanned<String>,
    /// BCP 47 tags or maps (see [`crate::i18n::languages`]); the first is the default at `/`.
    #[serde(default = "default_languages")]
    pub languages: Spanned<Vec<Spanned<LanguageEntry>>>,
    pub organisation: Organisation,
    #[serde(default = "default_per_page")]
    pub showcases_per_page: Spanned<usize>,
    /// Chinese government-site registration: 网站标识码, ICP and public-security filings.
    #[serde(default)]
    pub registration: Option<RegistrationFile>,
    /// Whether the site follows the Chinese government-website conventions (政府网站网页设计规范):
    /// the eight `<meta>` tags on every page, and a 网站标识码 and ICP filing, which it then
    /// requires. Off unless the site says so, so that no other site carries values it never had.
    #[serde(default)]
    pub government_site: Spanned<bool>,
    /// The reading modes published beside the standard site (适老化); `[]` publishes none.
    #[serde(default = "default_reading_modes")]
    pub reading_modes: Vec<ReadingMode>,
    /// Full-text search: an index built with the site and a search page (the default); `false`
    /// publishes neither, nor the search form in the header.
    #[serde(default = "default_search")]
    pub search: bool,
    /// How many of the newest showcases and reports each Atom feed carries.
    #[serde(default = "default_feed_limit")]
    pub feed_limit: Spanned<usize>,
}

/// A copy of the whole site with another stylesheet class, under its own URL prefix, so that the
/// mode survives every link without JavaScript or cookies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReadingMode {
    Standard,
    LargeText,
    HighContrast,
}

impl ReadingMode {
    /// The modes that are copies of the standard site, each below its own folder.
    pub const COPIES: [ReadingMode; 2] = [ReadingMode::LargeText, ReadingMode::HighContrast];

    /// Where the mode's copy of the site lives below the site root.
    pub fn dir(self) -> &'static str {
        match self {
            ReadingMode::Standard => "",
            ReadingMode::LargeText => "large-text/",
            ReadingMode::HighContrast => "high-contrast/",
        }
    }

    /// The class on `<html>` and the key of the mode's UI label.
    pub fn key(self) -> &'static str {
        match self {
            ReadingMode::Standard => "standard",
            ReadingMode::LargeText => "large-text",
            ReadingMode::HighContrast => "high-contrast",
        }
    }
}

/// Feed readers fetch the whole feed on every poll: the newest entries are what they need, and the
/// showcase list is the archive. Hugo and Zola default to all entries, which on a site with
/// thousands of showcases made a feed of 18 MB per language.
fn default_feed_limit() -> Spanned<usize> {
    Spanned { value: 30, line: 1, column: 1 }
}

fn default_reading_modes() -> Vec<ReadingMode> {
    ReadingMode::COPIES.to_vec()
}

/// The `registration` block as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegistrationFile {
    /// 网站标识码: ten letters or digits, issued by the government-website census.
    #[serde(default)]
    pub site_code: Option<Spanned<String>>,
    /// The `SiteDomain` meta value; the host of `base_url` when not given.
    #[serde(default)]
    pub domain: Option<String>,
    /// ICP备案号 and the page that verifies it.
    #[serde(default)]
    pub icp: Option<FilingFile>,
    /// 公安机关备案号 and the page that verifies it.
    #[serde(default)]
    pub public_security: Option<FilingFile>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FilingFile {
    pub number: String,
    #[serde(default)]
    pub url: Option<Spanned<String>>,
}

/// The checked registration details, shown in the footer and in every page's `<meta>` tags.
#[derive(Debug, Clone, Default)]
pub struct Registration {
    pub site_code: Option<String>,
    pub domain: String,
    pub icp: Option<Filing>,
    pub public_security: Option<Filing>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Filing {
    pub number: String,
    pub url: String,
}

/// Where filing numbers are verified when the config gives no link.
pub const ICP_VERIFY_URL: &str = "https://beian.miit.gov.cn/";
pub const PUBLIC_SECURITY_VERIFY_URL: &str = "https://beian.mps.gov.cn/";

/// The organisation that runs the site (主办单位) and how to reach it.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub name: Localized,
    #[serde(default)]
    pub address: Option<Localized>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

fn default_languages() -> Spanned<Vec<Spanned<LanguageEntry>>> {
    let tag = |tag: &str| Spanned { value: LanguageEntry::Tag(tag.to_string()), line: 1, column: 1 };
    Spanned { value: vec![tag("zh"), tag("en")], line: 1, column: 1 }
}

impl ConfigFile {
    /// The key of the default language as written, before the config is checked: the language
    /// whose documents carry the metadata.
    pub fn default_language_key(&self) -> String {
        self.languages.value.first().map(|entry| entry.value.key()).unwrap_or_default()
    }
}

/// Folders of the site root that a language's folder may not take.
pub const RESERVED_FOLDERS: &[&str] = &[
    "plans",
    "indicators",
    "schools",
    "showcases",
    "tags",
    "results",
    "departments",
    "progress",
    "methodology",
    "sitemap",
    "search",
    "static",
    "data",
    "pagefind",
    "large-text",
    "high-contrast",
    "standard",
];

fn default_search() -> bool {
    true
}

fn default_per_page() -> Spanned<usize> {
    Spanned { value: 10, line: 1, column: 1 }
}

/// The checked config.
#[derive(Debug, Clone)]
pub struct Config {
    pub title: Localized,
    pub description: Option<Localized>,
    /// Always ends with `/`.
    pub base_url: String,
    /// The path part of `base_url` (`/` or `/gongkai/`): every link in the site starts with it.
    pub base_path: String,
    pub as_of: jiff::civil::Date,
    pub languages: Languages,
    pub organisation: Organisation,
    pub showcases_per_page: usize,
    pub registration: Registration,
    /// Whether pages carry the government-website `<meta>` tags (see [`ConfigFile::government_site`]).
    pub government_site: bool,
    /// The standard mode first, then the configured ones, without repeats.
    pub reading_modes: Vec<ReadingMode>,
    /// Whether the site has full-text search (see `crate::render::search`).
    pub search: bool,
    pub feed_limit: usize,
}

impl Config {
    /// The last year whose figures are due: the `as_of` year if it is the year's last day, else
    /// the year before.
    pub fn last_due_year(&self) -> u16 {
        let year = self.as_of.year() as u16;
        if self.as_of.month() == 12 && self.as_of.day() == 31 { year } else { year - 1 }
    }

    pub fn has(&self, lang: Lang) -> bool {
        self.languages.contains(&lang)
    }
}

pub fn validate(file: ConfigFile, path: &Path, diagnostics: &mut Diagnostics) -> Option<Config> {
    let base_url = file.base_url.value.trim().to_string();
    let base_path = match base_url.split_once("://") {
        Some((scheme, rest)) if (scheme == "http" || scheme == "https") && !rest.is_empty() => {
            let path = rest.find('/').map(|at| &rest[at..]).unwrap_or("/");
            if path.ends_with('/') { path.to_string() } else { format!("{path}/") }
        }
        _ => {
            diagnostics.push(
                Diagnostic::error(file.base_url.location(path), format!("`{base_url}` is not an http(s) URL"))
                    .with_hint("write the address the site is published at, e.g. `https://jyj.example.gov.cn/`"),
            );
            return None;
        }
    };
    let as_of = parse_date(&file.as_of, path, diagnostics)?;
    let languages = crate::i18n::languages::validate(&file.languages, path, RESERVED_FOLDERS, diagnostics);
    if file.showcases_per_page.value == 0 {
        diagnostics
            .push(Diagnostic::error(file.showcases_per_page.location(path), "`showcases_per_page` must be at least 1"));
    }
    if file.feed_limit.value == 0 {
        diagnostics.push(
            Diagnostic::error(file.feed_limit.location(path), "`feed_limit` must be at least 1")
                .with_hint("the number of newest showcases and reports in each feed, e.g. `feed_limit: 30`"),
        );
    }
    let host = base_url.split_once("://").map(|(_, rest)| rest.split('/').next().unwrap_or(rest)).unwrap_or_default();
    let registration = registration(file.registration, host, path, diagnostics);
    if file.government_site.value {
        require_registration(&registration, &file.government_site, path, diagnostics);
    }
    let languages = languages?;
    Some(Config {
        title: file.title,
        description: file.description,
        base_url: if base_url.ends_with('/') { base_url } else { format!("{base_url}/") },
        base_path,
        as_of,
        languages,
        organisation: file.organisation,
        showcases_per_page: file.showcases_per_page.value.max(1),
        feed_limit: file.feed_limit.value.max(1),
        registration,
        government_site: file.government_site.value,
        reading_modes: std::iter::once(ReadingMode::Standard)
            .chain(file.reading_modes.iter().copied().filter(|m| *m != ReadingMode::Standard))
            .fold(Vec::new(), |mut modes, mode| {
                if !modes.contains(&mode) {
                    modes.push(mode);
                }
                modes
            }),
        search: file.search,
    })
}

fn registration(
    file: Option<RegistrationFile>,
    host: &str,
    path: &Path,
    diagnostics: &mut Diagnostics,
) -> Registration {
    let Some(file) = file else {
        return Registration { domain: host.to_string(), ..Registration::default() };
    };
    if let Some(code) = &file.site_code {
        let text = code.value.trim();
        if text.len() != 10 || !text.chars().all(|c| c.is_ascii_alphanumeric()) {
            diagnostics.push(
                Diagnostic::error(code.location(path), format!("`{text}` is not a site identification code"))
                    .with_hint(
                        "网站标识码 has ten letters or digits, e.g. `3204000001`; quote it so YAML keeps leading zeros",
                    ),
            );
        }
    }
    let mut filing = |filing: Option<FilingFile>, default_url: &str| {
        filing.map(|f| {
            let url = match f.url {
                Some(url) if url.value.starts_with("https://") || url.value.starts_with("http://") => url.value,
                Some(url) => {
                    diagnostics.push(
                        Diagnostic::error(url.location(path), format!("`{}` is not an http(s) URL", url.value))
                            .with_hint(format!("link to the page that verifies the filing, e.g. `{default_url}`")),
                    );
                    default_url.to_string()
                }
                None => default_url.to_string(),
            };
            Filing { number: f.number.trim().to_string(), url }
        })
    };
    let icp = filing(file.icp, ICP_VERIFY_URL);
    let public_security = filing(file.public_security, PUBLIC_SECURITY_VERIFY_URL);
    Registration {
        site_code: file.site_code.map(|c| c.value.trim().to_string()),
        domain: file.domain.map(|d| d.trim().to_string()).unwrap_or_else(|| host.to_string()),
        icp,
        public_security,
    }
}

/// A government site is identified by its 网站标识码 and carries its ICP filing: without them its
/// pages would claim a standard they do not meet.
fn require_registration(
    registration: &Registration,
    government_site: &Spanned<bool>,
    path: &Path,
    diagnostics: &mut Diagnostics,
) {
    let missing = [
        (registration.site_code.is_none(), "site_code", "网站标识码, e.g. `site_code: \"3204000001\"`"),
        (registration.icp.is_none(), "icp", "ICP备案号, e.g. `icp: {number: 苏ICP备00000000号}`"),
    ];
    for (_, field, example) in missing.iter().filter(|(absent, ..)| *absent) {
        diagnostics.push(
            Diagnostic::error(
                government_site.location(path),
                format!("a government site needs `registration: {field}`"),
            )
            .with_hint(format!(
                "add the {example} under `registration:`, or leave out `government_site: true` if the site does not follow the government-website conventions"
            )),
        );
    }
}

/// Parses a `YYYY-MM-DD` date, or reports where it is wrong.
pub fn parse_date(value: &Spanned<String>, path: &Path, diagnostics: &mut Diagnostics) -> Option<jiff::civil::Date> {
    let text = value.value.trim();
    let valid_shape = text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-';
    match text.parse::<jiff::civil::Date>() {
        Ok(date) if valid_shape => Some(date),
        _ => {
            diagnostics.push(
                Diagnostic::error(value.location(path), format!("`{text}` is not a date"))
                    .with_hint("write dates as YYYY-MM-DD, e.g. `2020-04-16`"),
            );
            None
        }
    }
}
