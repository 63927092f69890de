//! The files `init` and `new` write: every field present, each with a comment saying what it
//! means. `@name@` marks a value filled in when the file is written.

use std::path::{Path, PathBuf};

pub const CONFIG: &str = include_str!("scaffold/gongkai.yaml");
pub const PLAN: &str = include_str!("scaffold/plan.yaml");
pub const INDICATOR: &str = include_str!("scaffold/indicator.yaml");
pub const SCHOOL: &str = include_str!("scaffold/school.yaml");
pub const DEPARTMENTS: &str = include_str!("scaffold/departments.yaml");
pub const TAGS: &str = include_str!("scaffold/tags.yaml");
pub const SHOWCASE_ZH: &str = include_str!("scaffold/showcase.zh.md");
pub const SHOWCASE_EN: &str = include_str!("scaffold/showcase.en.md");
pub const RESULTS_ZH: &str = include_str!("scaffold/results.zh.md");
pub const RESULTS_EN: &str = include_str!("scaffold/results.en.md");

/// The values filled into the templates.
pub struct Values {
    pub id: String,
    pub plan: String,
    pub goal: String,
    pub department: String,
    pub school: String,
    pub indicator: String,
    pub tag: String,
    /// The partners of a new school: none.
    pub partners: String,
    pub draft: bool,
    pub today: jiff::civil::Date,
    pub year_start: i16,
    pub year_end: i16,
}

impl Values {
    pub fn fill(&self, template: &str) -> String {
        [
            ("@id@", self.id.clone()),
            ("@plan@", self.plan.clone()),
            ("@goal@", self.goal.clone()),
            ("@department@", self.department.clone()),
            ("@school@", self.school.clone()),
            ("@indicator@", self.indicator.clone()),
            ("@tag@", self.tag.clone()),
            ("@partners@", self.partners.clone()),
            ("@draft@", self.draft.to_string()),
            ("@today@", self.today.to_string()),
            ("@year_start@", self.year_start.to_string()),
            ("@year_end@", self.year_end.to_string()),
        ]
        .iter()
        .fold(template.to_string(), |text, (key, value)| text.replace(key, value))
    }
}

/// Today's date in China (UTC+8), where the sites are published.
pub fn today() -> jiff::civil::Date {
    let offset = jiff::tz::Offset::constant(8);
    jiff::Timestamp::now().to_zoned(offset.to_time_zone()).date()
}

/// Writes each file, refusing (before writing anything) if one of them exists.
pub fn write_new(files: &[(PathBuf, String)], root: &Path) -> Result<(), String> {
    if let Some((path, _)) = files.iter().find(|(path, _)| path.exists()) {
        return Err(format!("`{}` exists; gongkai never overwrites a file", shown(root, path)));
    }
    for (path, text) in files {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("cannot create `{}`: {e}", parent.display()))?;
        }
        // `create_new` also refuses a file that appeared since the check above.
        let mut file =
            std::fs::File::create_new(path).map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
        std::io::Write::write_all(&mut file, text.as_bytes())
            .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
    }
    Ok(())
}

pub fn shown(root: &Path, path: &Path) -> String {
    path.strip_prefix(root).unwrap_or(path).display().to_string()
}
