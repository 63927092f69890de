//! Files that hold a list of small records: departments (per issuing body) and tags.

use serde::Deserialize;

use crate::i18n::Localized;
use crate::model::vocabulary::Level;
use crate::yaml::Spanned;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DepartmentsFile {
    /// The body the departments belong to, e.g. 常州市教育局.
    pub body: Localized,
    /// The tier the body works at (市级, 区（市）县级 …), for every department unless it says otherwise.
    #[serde(default)]
    pub level: Option<Level>,
    pub departments: Vec<DepartmentFile>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DepartmentFile {
    pub id: Spanned<String>,
    pub name: Localized,
    #[serde(default)]
    pub short: Option<Localized>,
    /// The tier this department works at, when it is not its body's.
    #[serde(default)]
    pub level: Option<Level>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TagsFile {
    pub tags: Vec<TagFile>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TagFile {
    pub id: Spanned<String>,
    pub name: Localized,
}
