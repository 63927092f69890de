//! Chinese government-site conventions: the `<meta>` tags of the 政府网站网页设计规范
//! (SiteName, SiteDomain, SiteIDCode on every page; ColumnName and ColumnType for the section;
//! ArticleTitle, PubDate and ContentSource for the page itself), the date every page carries and
//! the registration details of the footer.

use serde::Serialize;

use super::pages::PageKind;
use super::views::Views;
use crate::config::Filing;
use crate::i18n::Text;

/// The values of a page's government-site `<meta>` tags and of its visible date.
#[derive(Serialize)]
pub struct PageMeta {
    pub column_name: String,
    pub column_type: &'static str,
    /// `YYYY-MM-DD`, for `PubDate` and `<time datetime>`.
    pub pub_date: String,
    /// The date as shown on the page.
    pub date: String,
    /// The label before the date: a published document has a 发布日期, a data page is as of a date.
    pub date_label: String,
    pub content_source: String,
}

/// The registration details shown in the footer.
#[derive(Serialize)]
pub struct RegistrationView {
    pub site_code: Option<String>,
    pub domain: String,
    pub icp: Option<FilingView>,
    pub public_security: Option<FilingView>,
}

/// A filing number as issued, in the site's default language on every page (苏ICP备…号).
#[derive(Serialize)]
pub struct FilingView {
    pub number: Text,
    pub url: String,
}

pub fn registration(views: &Views) -> RegistrationView {
    let registration = &views.config().registration;
    let filing =
        |filing: &Filing| FilingView { number: views.in_default_language(&filing.number), url: filing.url.clone() };
    RegistrationView {
        site_code: registration.site_code.clone(),
        domain: registration.domain.clone(),
        icp: registration.icp.as_ref().map(filing),
        public_security: registration.public_security.as_ref().map(filing),
    }
}

/// The section a page belongs to, as the main navigation names it.
pub fn section(kind: PageKind) -> PageKind {
    match kind {
        PageKind::Plan(_) | PageKind::Timeline(_) | PageKind::Annex(_) => PageKind::Plans,
        PageKind::Interpretation(_) => PageKind::Interpretations,
        PageKind::Indicator(_) => PageKind::Indicators,
        PageKind::School(_) => PageKind::Schools,
        PageKind::Showcases(_) | PageKind::Showcase(_) | PageKind::Tags | PageKind::Tag(_) => PageKind::Showcases(1),
        PageKind::Report(_) => PageKind::Results,
        PageKind::Department(_) => PageKind::Departments,
        other => other,
    }
}

/// The UI string that names a section.
fn section_key(kind: PageKind) -> &'static str {
    match section(kind) {
        PageKind::Plans => "nav_plans",
        PageKind::Interpretations => "nav_interpretations",
        PageKind::Indicators => "nav_indicators",
        PageKind::Progress => "nav_progress",
        PageKind::Results => "nav_results",
        PageKind::Showcases(_) => "nav_showcases",
        PageKind::Schools => "nav_schools",
        PageKind::Departments => "nav_departments",
        PageKind::Methodology => "nav_methodology",
        PageKind::SiteMap => "nav_sitemap",
        PageKind::Search => "search_title",
        PageKind::NotFound => "not_found_title",
        _ => "nav_home",
    }
}

/// `ColumnType` is a controlled vocabulary of the government-website standard, the same in every
/// language of the site: the 政务公开 category a section falls under.
fn column_type(kind: PageKind) -> &'static str {
    match section(kind) {
        PageKind::Home => "首页",
        PageKind::Plans => "规划计划",
        PageKind::Interpretations => "政策解读",
        PageKind::Indicators | PageKind::Progress | PageKind::Results | PageKind::Methodology => "统计信息",
        PageKind::Showcases(_) => "工作动态",
        PageKind::Schools => "概况信息",
        PageKind::Departments => "机构职能",
        PageKind::SiteMap => "网站地图",
        _ => "其他",
    }
}

pub fn page_meta(views: &Views, kind: PageKind) -> PageMeta {
    let own_date = match kind {
        PageKind::Plan(i) => views.plan(i).published,
        PageKind::Showcase(i) => Some(views.showcase(i).date),
        PageKind::Report(i) => Some(views.report(i).date),
        PageKind::Interpretation(i) => Some(views.interpretation(i).date),
        _ => None,
    };
    let date = own_date.unwrap_or(views.config().as_of);
    let source: Text = match kind {
        PageKind::Plan(i) => {
            let plan = views.plan(i);
            views.text(plan.source.as_ref().unwrap_or(&plan.issuer))
        }
        _ => views.text(&views.config().organisation.name),
    };
    PageMeta {
        column_name: views.t(section_key(kind)),
        column_type: column_type(kind),
        pub_date: date.to_string(),
        date: views.date(date),
        date_label: views.t(if own_date.is_some() { "page_published" } else { "page_as_of" }),
        content_source: source.text,
    }
}
