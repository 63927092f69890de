//! The page plan: every page of the site, in every language, with its route and template.

use crate::config::ReadingMode;
use crate::i18n::Lang;
use crate::model::Site;

/// What a page shows. Indices point into the [`Site`]'s lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PageKind {
    Home,
    Plans,
    Plan(usize),
    /// A plan's milestones in date order, each deadline with its status.
    Timeline(usize),
    /// An annex of a plan (附件).
    Annex(usize),
    /// The policy interpretations (政策解读) of every plan.
    Interpretations,
    Interpretation(usize),
    Indicators,
    Indicator(usize),
    Schools,
    School(usize),
    /// Showcases index, 1-based page number.
    Showcases(usize),
    Showcase(usize),
    Tags,
    Tag(usize),
    Results,
    Report(usize),
    Departments,
    Department(usize),
    Progress,
    Methodology,
    /// 网站地图: every section and page, as a page (sitemap.xml is for crawlers).
    SiteMap,
    /// 站内搜索: the search form and, with JavaScript, its results (see [`super::search`]).
    Search,
    NotFound,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PagePlan {
    pub mode: ReadingMode,
    pub lang: Lang,
    pub kind: PageKind,
}

impl PagePlan {
    /// The file the page is written to, below the output folder.
    pub fn file(self, site: &Site) -> String {
        format!("{}{}{}", self.mode.dir(), self.lang.dir(), self.kind.file(site))
    }
}

impl PageKind {
    /// The page's path below its language's root, `""` for the home page.
    pub fn path(self, site: &Site) -> String {
        match self {
            PageKind::Home => String::new(),
            PageKind::Plans => "plans/".into(),
            PageKind::Plan(i) => format!("plans/{}/", site.plans[i].id),
            PageKind::Timeline(i) => format!("plans/{}/timeline/", site.plans[i].id),
            PageKind::Annex(i) => {
                let annex = &site.annexes[i];
                format!("plans/{}/annex-{}/", site.plans[annex.plan].id, annex.number)
            }
            PageKind::Interpretations => "interpretations/".into(),
            PageKind::Interpretation(i) => format!("interpretations/{}/", site.interpretations[i].id),
            PageKind::Indicators => "indicators/".into(),
            PageKind::Indicator(i) => format!("indicators/{}/", site.indicators[i].id),
            PageKind::Schools => "schools/".into(),
            PageKind::School(i) => format!("schools/{}/", site.schools[i].id),
            PageKind::Showcases(1) => "showcases/".into(),
            PageKind::Showcases(n) => format!("showcases/page/{n}/"),
            PageKind::Showcase(i) => format!("showcases/{}/", site.showcases[i].id),
            PageKind::Tags => "tags/".into(),
            PageKind::Tag(i) => format!("tags/{}/", site.tags[i].id),
            PageKind::Results => "results/".into(),
            PageKind::Report(i) => format!("results/{}/", site.reports[i].year),
            PageKind::Departments => "departments/".into(),
            PageKind::Department(i) => format!("departments/{}/", site.departments[i].id),
            PageKind::Progress => "progress/".into(),
            PageKind::Methodology => "methodology/".into(),
            PageKind::SiteMap => "sitemap/".into(),
            PageKind::Search => "search/".into(),
            PageKind::NotFound => "404.html".into(),
        }
    }

    /// The template that renders the page; every one of them is in [`ALL_TEMPLATES`].
    pub fn template(self) -> &'static str {
        match self {
            PageKind::Home => "index.html",
            PageKind::Plans => "plans.html",
            PageKind::Plan(_) => "plan.html",
            PageKind::Timeline(_) => "timeline.html",
            PageKind::Annex(_) => "annex.html",
            PageKind::Interpretations => "interpretations.html",
            PageKind::Interpretation(_) => "interpretation.html",
            PageKind::Indicators => "indicators.html",
            PageKind::Indicator(_) => "indicator.html",
            PageKind::Schools => "schools.html",
            PageKind::School(_) => "school.html",
            PageKind::Showcases(_) => "showcases.html",
            PageKind::Showcase(_) => "showcase.html",
            PageKind::Tags => "tags.html",
            PageKind::Tag(_) => "tag.html",
            PageKind::Results => "results.html",
            PageKind::Report(_) => "report.html",
            PageKind::Departments => "departments.html",
            PageKind::Department(_) => "department.html",
            PageKind::Progress => "progress.html",
            PageKind::Methodology => "methodology.html",
            PageKind::SiteMap => "sitemap.html",
            PageKind::Search => "search.html",
            PageKind::NotFound => "404.html",
        }
    }

    /// The file the page is written to, relative to the language's root.
    pub fn file(self, site: &Site) -> String {
        let path = self.path(site);
        if path.ends_with(".html") { path } else { format!("{path}index.html") }
    }
}

/// The templates that render pages, as named by [`PageKind::template`]. Any other template of a
/// theme is shared between pages.
pub const ALL_TEMPLATES: &[&str] = &[
    "index.html",
    "plans.html",
    "plan.html",
    "timeline.html",
    "annex.html",
    "interpretations.html",
    "interpretation.html",
    "indicators.html",
    "indicator.html",
    "schools.html",
    "school.html",
    "showcases.html",
    "showcase.html",
    "tags.html",
    "tag.html",
    "results.html",
    "report.html",
    "departments.html",
    "department.html",
    "progress.html",
    "methodology.html",
    "sitemap.html",
    "search.html",
    "404.html",
];

/// Which sections of the site have records. A section without any has no pages, and leaves the
/// menu, the home page, the site map and the progress tables: an empty list helps nobody.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Sections {
    pub showcases: bool,
    pub schools: bool,
    pub reports: bool,
    pub departments: bool,
    pub tags: bool,
}

impl Sections {
    pub fn of(site: &Site) -> Self {
        Sections {
            showcases: !site.showcases.is_empty(),
            schools: !site.schools.is_empty(),
            reports: !site.reports.is_empty(),
            departments: !site.departments.is_empty(),
            tags: !site.tags.is_empty(),
        }
    }

    /// Whether the site has pages of this kind's section.
    pub fn shows(self, kind: PageKind) -> bool {
        match kind {
            PageKind::Showcases(_) | PageKind::Showcase(_) => self.showcases,
            PageKind::Schools | PageKind::School(_) => self.schools,
            PageKind::Results | PageKind::Report(_) => self.reports,
            PageKind::Departments | PageKind::Department(_) => self.departments,
            PageKind::Tags | PageKind::Tag(_) => self.tags,
            _ => true,
        }
    }
}

/// The root-relative URL of a page in a reading mode and language.
pub fn url_in(site: &Site, mode: ReadingMode, lang: Lang, kind: PageKind) -> String {
    format!("{}{}{}{}", site.config.base_path, mode.dir(), lang.dir(), kind.path(site))
}

/// Whether a plan has deadlines, and so a timeline page.
pub fn has_milestones(plan: &crate::model::Plan) -> bool {
    plan.tasks.iter().any(|task| !task.milestones.is_empty())
}

pub fn showcase_page_count(site: &Site) -> usize {
    site.showcases.len().div_ceil(site.config.showcases_per_page).max(1)
}

/// Every page of the site in every reading mode, in a fixed order. The 404 page exists once per
/// language: the web server serves it for any missing path.
pub fn plan(site: &Site) -> Vec<PagePlan> {
    let standard = standard_plan(site);
    let mut all = standard.clone();
    for mode in site.config.reading_modes.iter().skip(1) {
        all.extend(standard.iter().filter(|p| p.kind != PageKind::NotFound).map(|p| PagePlan { mode: *mode, ..*p }));
    }
    all
}

/// Every page of the standard site (what crawlers see), in a fixed order.
pub fn standard_plan(site: &Site) -> Vec<PagePlan> {
    let mut kinds = vec![
        PageKind::Home,
        PageKind::Plans,
        PageKind::Indicators,
        PageKind::Schools,
        PageKind::Tags,
        PageKind::Results,
    ];
    kinds.extend([PageKind::Departments, PageKind::Progress, PageKind::Methodology, PageKind::NotFound]);
    if !site.interpretations.is_empty() {
        kinds.push(PageKind::Interpretations);
    }
    kinds.push(PageKind::SiteMap);
    if site.config.search {
        kinds.push(PageKind::Search);
    }
    kinds.extend((0..site.plans.len()).map(PageKind::Plan));
    kinds.extend((0..site.plans.len()).filter(|p| has_milestones(&site.plans[*p])).map(PageKind::Timeline));
    kinds.extend((0..site.annexes.len()).map(PageKind::Annex));
    kinds.extend((0..site.interpretations.len()).map(PageKind::Interpretation));
    kinds.extend((0..site.indicators.len()).map(PageKind::Indicator));
    kinds.extend((0..site.schools.len()).map(PageKind::School));
    kinds.extend((1..=showcase_page_count(site)).map(PageKind::Showcases));
    kinds.extend((0..site.showcases.len()).map(PageKind::Showcase));
    kinds.extend((0..site.tags.len()).map(PageKind::Tag));
    kinds.extend((0..site.reports.len()).map(PageKind::Report));
    kinds.extend((0..site.departments.len()).map(PageKind::Department));
    let sections = Sections::of(site);
    kinds.retain(|kind| sections.shows(*kind));
    site.config
        .languages
        .iter()
        .flat_map(|lang| {
            kinds.iter().map(move |kind| PagePlan { mode: ReadingMode::Standard, lang: *lang, kind: *kind })
        })
        .collect()
}
