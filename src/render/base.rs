//! The values every page has besides its own context: `site` (title, navigation, organisation,
//! the links between languages and reading modes), `page` (title, addresses, government-site
//! metadata) and `t`, the UI strings. What does not depend on the page is worked out once per
//! language and reading mode ([`Bases`]); only the parts that name the page are made per page.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::pages::{PageKind, PagePlan};
use super::records::Record;
use super::views::Views;
use super::{CompiledTheme, ExtraLookup, context, feeds, govsite, search};
use crate::config::ReadingMode;
use crate::i18n::{Lang, Text};
use crate::model::Site;
use crate::theme::Strings;

/// The shared values of every language and reading mode of a site, and the UI strings of each
/// language.
pub struct Bases {
    bases: HashMap<(ReadingMode, Lang), Base>,
    strings: HashMap<Lang, Strings>,
    /// Of each language's UI strings as its pages read them (see [`super::incremental`]).
    strings_fingerprints: HashMap<Lang, u64>,
}

impl Bases {
    pub fn new(site: &Site, theme: &CompiledTheme) -> Self {
        let config = &site.config;
        let strings = theme.ui_strings(&config.languages);
        let pairs =
            config.reading_modes.iter().flat_map(|mode| config.languages.iter().map(move |lang| (*mode, *lang)));
        let bases = pairs.map(|(mode, lang)| ((mode, lang), Base::new(site, theme, &strings[&lang], mode, lang)));
        let strings_fingerprints = strings
            .keys()
            .map(|lang| {
                (*lang, super::fingerprints::fingerprint(&crate::theme::chain_strings(&theme.strings, *lang).0))
            })
            .collect();
        Bases { bases: bases.collect(), strings, strings_fingerprints }
    }

    /// Changes whenever an edit to the theme's UI strings could change the pages of `lang`.
    pub fn strings_fingerprint(&self, lang: Lang) -> u64 {
        self.strings_fingerprints.get(&lang).copied().unwrap_or_default()
    }

    fn get(&self, plan: PagePlan) -> &Base {
        &self.bases[&(plan.mode, plan.lang)]
    }
}

/// What the pages of one language and reading mode share.
struct Base {
    site: SiteBase,
    /// `t`, made a template value once: cloning it shares it.
    context: tera::Context,
    /// Whether a text of `site` fell back to Chinese, which the page says.
    fallback: bool,
}

/// The `site` value without the navigation and reading-mode links, which mark the current page.
#[derive(Serialize)]
struct SiteBase {
    title: Text,
    lang: &'static str,
    lang_tag: &'static str,
    /// `ltr` or `rtl`: the direction of the page's language.
    dir: &'static str,
    /// Whether the page carries the government-website `<meta>` tags.
    government_site: bool,
    /// The root of this reading mode's copy of the site: links built from it stay in the mode.
    base_path: String,
    /// Where the shared static files are, whatever the mode.
    static_path: String,
    mode: &'static str,
    /// The home of this language in this mode: `site.root ~ "methodology/"` stays in both.
    root: String,
    home: String,
    /// Static file name → its fingerprinted URL, e.g. `style.css` → `/static/style.3f2a9c1b.css`.
    assets: BTreeMap<String, String>,
    organisation: OrganisationView,
    as_of: String,
    registration: govsite::RegistrationView,
    sitemap_url: String,
    feed_url: String,
    /// The search page of this language and mode, when the site has search.
    search_url: Option<String>,
    #[serde(skip)]
    nav: Vec<(PageKind, String, String)>,
    /// Each reading mode with its label, when there is more than one.
    #[serde(skip)]
    modes: Vec<(ReadingMode, String)>,
}

#[derive(Serialize)]
struct SiteView<'b> {
    #[serde(flatten)]
    base: &'b SiteBase,
    /// Which sections have records, for links outside the menu (the footer's tags).
    sections: super::pages::Sections,
    nav: Vec<NavItem>,
    modes: Vec<NavItem>,
}

#[derive(Serialize)]
struct OrganisationView {
    name: Text,
    address: Option<Text>,
    phone: Option<String>,
    email: Option<String>,
}

#[derive(Serialize)]
struct NavItem {
    url: String,
    label: String,
    current: bool,
}

/// The sections of the main navigation, with the UI string that names each.
const NAV: [(PageKind, &str); 8] = [
    (PageKind::Home, "nav_home"),
    (PageKind::Plans, "nav_plans"),
    (PageKind::Indicators, "nav_indicators"),
    (PageKind::Progress, "nav_progress"),
    (PageKind::Results, "nav_results"),
    (PageKind::Showcases(1), "nav_showcases"),
    (PageKind::Schools, "nav_schools"),
    (PageKind::Departments, "nav_departments"),
];

impl Base {
    fn new(site: &Site, theme: &CompiledTheme, strings: &Strings, mode: ReadingMode, lang: Lang) -> Self {
        let views = Views::new(site, mode, lang, strings);
        let config = views.config();
        let base = &config.base_path;
        let organisation = &config.organisation;
        let many_modes = config.reading_modes.len() > 1;
        let site_base = SiteBase {
            title: views.text(&config.title),
            lang: lang.code(),
            lang_tag: lang.tag(),
            dir: lang.direction().key(),
            government_site: config.government_site,
            base_path: format!("{base}{}", mode.dir()),
            static_path: base.clone(),
            mode: mode.key(),
            root: format!("{base}{}{}", mode.dir(), lang.dir()),
            home: views.url(PageKind::Home),
            assets: theme.assets.iter().map(|(name, path)| (name.clone(), format!("{base}{path}"))).collect(),
            organisation: OrganisationView {
                name: views.text(&organisation.name),
                address: views.opt_text(&organisation.address),
                phone: organisation.phone.clone(),
                email: organisation.email.clone(),
            },
            as_of: views.date(config.as_of),
            registration: govsite::registration(&views),
            sitemap_url: views.url(PageKind::SiteMap),
            feed_url: feeds::url(views.routes(), lang),
            search_url: config.search.then(|| views.url(PageKind::Search)),
            nav: NAV.iter().map(|(target, key)| (*target, views.url(*target), views.t(key))).collect(),
            modes: config
                .reading_modes
                .iter()
                .filter(|_| many_modes)
                .map(|mode| (*mode, views.t(&format!("mode_{}", mode.key()))))
                .collect(),
        };
        let mut context = tera::Context::new();
        context.insert("t", strings);
        Base { site: site_base, context, fallback: views.loc.used_fallback() }
    }

    fn site_view(&self, views: &Views, kind: PageKind) -> SiteView<'_> {
        let sections = views.sections();
        let nav = self.site.nav.iter().filter(|(target, ..)| sections.shows(*target)).map(|(target, url, label)| {
            NavItem { url: url.clone(), label: label.clone(), current: govsite::section(kind) == *target }
        });
        let modes = self.site.modes.iter().filter(|_| kind != PageKind::NotFound).map(|(mode, label)| NavItem {
            url: views.url_in(*mode, views.lang, kind),
            label: label.clone(),
            current: *mode == views.mode,
        });
        SiteView { base: &self.site, sections, nav: nav.collect(), modes: modes.collect() }
    }
}

#[derive(Serialize)]
struct PageView {
    title: String,
    /// Set when the title fell back to Chinese on a page in another language.
    title_lang: Option<&'static str>,
    kind: &'static str,
    url: String,
    canonical: String,
    alternates: Vec<Alternate>,
    fallback: bool,
    sample: bool,
    draft: bool,
    meta: govsite::PageMeta,
    /// The kind's name in search results (指标, 学校 …) when the page is indexed: the template
    /// marks its main content for the index with it.
    search_kind: Option<String>,
}

#[derive(Serialize)]
struct Alternate {
    lang_tag: &'static str,
    label: String,
    url: String,
    absolute: String,
    current: bool,
}

/// A page's whole template context, and the records it read to fill it.
pub struct PageContext {
    pub context: tera::Context,
    pub reads: Vec<Record>,
}

/// Fills the context of the page `plan` of `site`.
pub fn page_context(site: &Site, bases: &Bases, plan: PagePlan, extra_lookup: Option<ExtraLookup>) -> PageContext {
    let base = bases.get(plan);
    let views = Views::new(site, plan.mode, plan.lang, &bases.strings[&plan.lang]);
    let mut context = base.context.clone();
    let title = context::fill(&views, plan.kind, &mut context);
    if let Some(lookup) = extra_lookup {
        lookup(&views, plan.kind, &mut context);
    }
    context.insert("site", &base.site_view(&views, plan.kind));
    context.insert("page", &page_view(&views, plan.kind, title, base.fallback));
    PageContext { context, reads: views.into_reads() }
}

fn page_view(views: &Views, kind: PageKind, title: Text, base_fallback: bool) -> PageView {
    let alternates = views
        .config()
        .languages
        .iter()
        .map(|lang| Alternate {
            lang_tag: lang.tag(),
            label: views.language_name(*lang),
            url: views.url_in(views.mode, *lang, kind),
            absolute: views.absolute_url(*lang, kind),
            current: *lang == views.lang,
        })
        .collect();
    let plan = PagePlan { mode: views.mode, lang: views.lang, kind };
    PageView {
        title_lang: title.fallback.then_some(title.lang),
        title: title.text,
        kind: kind.template().trim_end_matches(".html"),
        url: views.url(kind),
        canonical: views.absolute_url(views.lang, kind),
        alternates,
        fallback: base_fallback || views.loc.used_fallback(),
        sample: views.shows_sample(),
        draft: matches!(kind, PageKind::Showcase(i) if views.showcase(i).draft),
        meta: govsite::page_meta(views, kind),
        search_kind: search::kind_key(kind).filter(|_| search::indexed(views.routes(), plan)).map(|key| views.t(key)),
    }
}
