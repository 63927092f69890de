use std::path::{Path, PathBuf};
use std::process::ExitCode;

use gongkai::content::{self, CONFIG_FILE, RawSite};
use gongkai::diagnostics::Diagnostics;

use super::scaffold::{self, Values};
use crate::cli::{NewArgs, NewKind};

pub fn run(args: NewArgs) -> ExitCode {
    let root = args.site.root;
    match create(&root, args.kind, &args.id) {
        Ok(files) => {
            for path in files {
                eprintln!("created `{}`", scaffold::shown(&root, &path));
            }
            eprintln!("every field has a comment saying what it means; `gongkai serve` shows the result as you edit");
            ExitCode::SUCCESS
        }
        Err((message, hint)) => {
            eprintln!("error: {message}");
            if let Some(hint) = hint {
                eprintln!("\nhint: {hint}");
            }
            ExitCode::from(1)
        }
    }
}

type Failure = (String, Option<String>);

fn create(root: &Path, kind: NewKind, id: &str) -> Result<Vec<PathBuf>, Failure> {
    if !is_valid_id(id) {
        return Err((
            format!("`{id}` is not a valid id"),
            Some("ids use lower-case letters a–z, digits and `-`, e.g. `xugou-reading-club`".into()),
        ));
    }
    if !root.join(CONFIG_FILE).is_file() {
        return Err((
            format!("no {CONFIG_FILE} in `{}`", root.display()),
            Some(
                "run gongkai in the site's folder, pass `--root DIR`, or create a site with `gongkai init DIR`".into(),
            ),
        ));
    }
    // The site as it is, even with errors: the new file points at its first plan, school …
    let site = content::load(root, &mut Diagnostics::new());
    if let Some(existing) = existing_file(&site, kind, id) {
        return Err((
            format!("there is already a {} `{id}` in `{}`", name(kind), existing.display()),
            Some("choose another id; gongkai never overwrites".into()),
        ));
    }
    let values = values(&site, id)?;
    let content = root.join("content");
    let files: Vec<(PathBuf, String)> = match kind {
        NewKind::Showcase => vec![
            (content.join(format!("showcases/{id}.zh.md")), values.fill(scaffold::SHOWCASE_ZH)),
            (content.join(format!("showcases/{id}.en.md")), values.fill(scaffold::SHOWCASE_EN)),
        ],
        NewKind::Indicator => {
            if values.plan.is_empty() {
                return Err((
                    "an indicator belongs to a plan, and the site has none".into(),
                    Some("add a plan first: `gongkai new plan PLAN-ID`".into()),
                ));
            }
            vec![(content.join(format!("indicators/{id}.yaml")), values.fill(scaffold::INDICATOR))]
        }
        NewKind::School => vec![(content.join(format!("schools/{id}.yaml")), values.fill(scaffold::SCHOOL))],
        NewKind::Plan => vec![(content.join(format!("plans/{id}.yaml")), values.fill(scaffold::PLAN))],
    };
    scaffold::write_new(&files, root).map_err(|message| (message, Some("choose another id".into())))?;
    Ok(files.into_iter().map(|(path, _)| path).collect())
}

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn name(kind: NewKind) -> &'static str {
    match kind {
        NewKind::Showcase => "showcase",
        NewKind::Indicator => "indicator",
        NewKind::School => "school",
        NewKind::Plan => "plan",
    }
}

/// The file that already holds a record of `kind` with `id`, if any.
fn existing_file(site: &RawSite, kind: NewKind, id: &str) -> Option<PathBuf> {
    let file = match kind {
        NewKind::Showcase => site.showcases.iter().find(|s| s.id == id).map(|s| s.original.file),
        NewKind::Indicator => site.indicators.iter().find(|i| i.record.id.value == id).map(|i| i.file),
        NewKind::School => site.schools.iter().find(|s| s.record.id.value == id).map(|s| s.file),
        NewKind::Plan => site.plans.iter().find(|p| p.record.id.value == id).map(|p| p.file),
    };
    file.map(|file| site.path(file).to_path_buf())
}

/// The new file's references: the first plan, goal, department, school, indicator and tag of the
/// site, so that it builds at once; the years of that plan, or the current ones.
fn values(site: &RawSite, id: &str) -> Result<Values, Failure> {
    let today = scaffold::today();
    let plan = site.plans.first().map(|p| &p.record);
    let first = |ids: Vec<&String>| ids.first().map(|s| s.to_string()).unwrap_or_default();
    Ok(Values {
        id: id.to_string(),
        plan: plan.map(|p| p.id.value.clone()).unwrap_or_default(),
        goal: plan.and_then(|p| p.goals.first()).map(|g| g.id.value.clone()).unwrap_or_default(),
        department: first(site.departments.iter().flat_map(|d| &d.record.departments).map(|d| &d.id.value).collect()),
        school: first(site.schools.iter().map(|s| &s.record.id.value).collect()),
        indicator: first(site.indicators.iter().map(|i| &i.record.id.value).collect()),
        tag: first(site.tags.iter().flat_map(|t| &t.record.tags).map(|t| &t.id.value).collect()),
        partners: String::new(),
        draft: true,
        today,
        year_start: plan.map(|p| p.period.value.start as i16).unwrap_or(today.year() - 1),
        year_end: plan.map(|p| p.period.value.end as i16).unwrap_or(today.year() + 1),
    })
}
