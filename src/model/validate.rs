//! Stage 2, validate: from the records as written to the typed [`Site`], ids resolved to indices.
//!
//! Every check pushes a located [`Diagnostic`] and goes on, so one run reports every problem.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use rayon::prelude::*;

use super::*;
use crate::config::{self, parse_date};
use crate::content::document::{Document, TranslationFront};
use crate::content::indicator::{ActualFile, EditorStatus, IndicatorFile, TargetFile};
use crate::content::table::{self, DataRow, DataTable};
use crate::content::{ContentKind, DocumentPair, Loaded, RawSite};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::markdown::SharedHtml;
use crate::yaml::Spanned;

/// The path of a file of the site, by its index in [`RawSite::sources`].
type PathOf<'a> = dyn Fn(usize) -> std::path::PathBuf + Sync + 'a;

/// Ids of one kind of record: where each was defined, and lookups with "did you mean" hints.
struct Registry {
    kind: &'static str,
    folder: &'static str,
    ids: HashMap<String, (usize, Location)>,
    /// Ids of files that failed to parse: references to them are not reported a second time.
    unparsed: BTreeSet<String>,
}

impl Registry {
    fn new(kind: &'static str, folder: &'static str) -> Self {
        Registry { kind, folder, ids: HashMap::new(), unparsed: BTreeSet::new() }
    }

    /// Records a new id; false (with an error) when it is malformed or already taken.
    fn define(&mut self, id: &Spanned<String>, file: &Path, index: usize, diagnostics: &mut Diagnostics) -> bool {
        let location = id.location(file);
        if !check_id(&id.value, &location, self.kind, diagnostics) {
            return false;
        }
        if let Some((_, first)) = self.ids.get(&id.value) {
            diagnostics.push(
                Diagnostic::error(location, format!("duplicate {} id `{}`", self.kind, id.value))
                    .with_hint(format!("it is already defined at {first}; ids must be unique across all files")),
            );
            return false;
        }
        self.ids.insert(id.value.clone(), (index, location));
        true
    }

    fn resolve(&self, id: &Spanned<String>, file: &Path, diagnostics: &mut Diagnostics) -> Option<usize> {
        // The location is made only for a message: most references resolve, and `serve` validates
        // every reference of the site after each save.
        match self.ids.get(&id.value) {
            Some((index, _)) => Some(*index),
            None => self.resolve_at(&id.value, id.location(file), diagnostics),
        }
    }

    fn resolve_at(&self, id: &str, location: Location, diagnostics: &mut Diagnostics) -> Option<usize> {
        if let Some((index, _)) = self.ids.get(id) {
            return Some(*index);
        }
        if self.unparsed.contains(id) {
            return None;
        }
        let suggestion = crate::suggest::closest(id, self.ids.keys().map(String::as_str));
        let hint = match suggestion {
            Some(best) => format!("did you mean `{best}`? defined {}s are in {}", self.kind, self.folder),
            None => format!("defined {}s are in {}", self.kind, self.folder),
        };
        diagnostics.push(Diagnostic::error(location, format!("{} `{}` is not defined", self.kind, id)).with_hint(hint));
        None
    }

    fn resolve_all(&self, ids: &[Spanned<String>], file: &Path, diagnostics: &mut Diagnostics) -> Vec<usize> {
        let mut resolved: Vec<usize> = ids.iter().filter_map(|id| self.resolve(id, file, diagnostics)).collect();
        let mut seen = BTreeSet::new();
        resolved.retain(|index| seen.insert(*index));
        resolved
    }
}

/// Ids become URL segments, so they are restricted to what is safe and readable in one.
fn check_id(id: &str, location: &Location, kind: &str, diagnostics: &mut Diagnostics) -> bool {
    let valid = !id.is_empty()
        && id.len() <= 80
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-');
    if !valid {
        diagnostics.push(
            Diagnostic::error(location.clone(), format!("`{id}` is not a valid {kind} id"))
                .with_hint("ids use lower-case letters a–z, digits and `-` (at most 80), e.g. `xugou-primary`: they become web addresses"),
        );
    }
    valid
}

struct Registries {
    departments: Registry,
    tags: Registry,
    schools: Registry,
    plans: Registry,
    indicators: Registry,
}

/// Validates everything; `None` when the config itself is unusable.
pub fn validate(raw: RawSite, include_drafts: bool, diagnostics: &mut Diagnostics) -> Option<Site> {
    let config_file = raw.config.as_ref()?;
    let config_path = raw.path(config_file.file).to_path_buf();
    let RawSite {
        sources,
        config,
        plans,
        indicators,
        schools,
        departments,
        tags,
        showcases,
        results,
        unparsed_ids,
        data,
    } = raw;
    let path = |file: usize| sources[file].path.clone();
    let config = config::validate(crate::config::ConfigFile::clone(&config?.record), &config_path, diagnostics)?;

    let mut ids = Registries {
        departments: Registry::new("department", "content/departments/"),
        tags: Registry::new("tag", "content/tags/"),
        schools: Registry::new("school", "content/schools/"),
        plans: Registry::new("plan", "content/plans/"),
        indicators: Registry::new("indicator", "content/indicators/"),
    };
    for (kind, id) in unparsed_ids {
        let registry = match kind {
            ContentKind::Plan => &mut ids.plans,
            ContentKind::Indicator => &mut ids.indicators,
            ContentKind::School => &mut ids.schools,
            _ => continue,
        };
        registry.unparsed.insert(id);
    }
    let departments = validate_departments(departments, &path, &mut ids, diagnostics);
    let tags = validate_tags(tags, &path, &mut ids, diagnostics);
    let plans = validate_plans(plans, &path, &mut ids, diagnostics);
    let schools = validate_schools(schools, &path, &mut ids, diagnostics);
    let indicators = validate_indicators(indicators, data, &path, &plans, &mut ids, diagnostics);
    let showcases = validate_showcases(showcases, &path, &ids, &indicators, include_drafts, diagnostics);
    let reports = validate_reports(results, &path, &plans, diagnostics);

    let years: BTreeSet<u16> = plans.iter().flat_map(Plan::years).collect();
    let mut site = Site {
        config,
        plans,
        indicators,
        schools,
        departments,
        tags,
        showcases,
        reports,
        years: years.into_iter().collect(),
        counts: Default::default(),
    };
    derive::derive(&mut site);
    Some(site)
}

fn validate_departments(
    files: Vec<Loaded<crate::content::registry::DepartmentsFile>>,
    path: &PathOf<'_>,
    ids: &mut Registries,
    diagnostics: &mut Diagnostics,
) -> Vec<Department> {
    let listed = files.iter().flat_map(|Loaded { file, record }| {
        let file = path(*file);
        record.departments.iter().map(move |department| (file.clone(), (department, &record.body)))
    });
    define_each(
        listed,
        &mut ids.departments,
        diagnostics,
        |(department, _)| &department.id,
        |(department, body), file| Department {
            id: department.id.value.clone(),
            file: file.to_path_buf(),
            name: department.name.clone(),
            short: department.short.clone(),
            body: body.clone(),
            goals: Vec::new(),
            indicators: Vec::new(),
            counts: Default::default(),
        },
    )
}

fn validate_tags(
    files: Vec<Loaded<crate::content::registry::TagsFile>>,
    path: &PathOf<'_>,
    ids: &mut Registries,
    diagnostics: &mut Diagnostics,
) -> Vec<Tag> {
    let listed = files.iter().flat_map(|Loaded { file, record }| {
        let file = path(*file);
        record.tags.iter().map(move |tag| (file.clone(), tag))
    });
    define_each(
        listed,
        &mut ids.tags,
        diagnostics,
        |tag| &tag.id,
        |tag, _| Tag { id: tag.id.value.clone(), name: tag.name.clone(), showcases: Vec::new() },
    )
}

/// Registers the id of every entry of a registry file (departments, tags) in file order and keeps
/// the entries whose id is new; a repeated or malformed id is reported by the registry.
fn define_each<Entry, Item>(
    listed: impl Iterator<Item = (std::path::PathBuf, Entry)>,
    registry: &mut Registry,
    diagnostics: &mut Diagnostics,
    id: impl Fn(&Entry) -> &Spanned<String>,
    make: impl Fn(Entry, &Path) -> Item,
) -> Vec<Item> {
    let mut items = Vec::new();
    for (file, entry) in listed {
        if registry.define(id(&entry), &file, items.len(), diagnostics) {
            items.push(make(entry, &file));
        }
    }
    items
}

fn validate_plans(
    files: Vec<Loaded<crate::content::plan::PlanFile>>,
    path: &PathOf<'_>,
    ids: &mut Registries,
    diagnostics: &mut Diagnostics,
) -> Vec<Plan> {
    let mut plans = Vec::new();
    for Loaded { file, record } in files {
        let file = path(file);
        let period = record.period.value;
        if period.start > period.end {
            diagnostics.push(
                Diagnostic::error(
                    record.period.location(&file),
                    format!("the period starts in {} but ends in {}", period.start, period.end),
                )
                .with_hint("write `period: {start: 2018, end: 2020}` with the start year first"),
            );
            continue;
        }
        let written = parse_date(&record.written, &file, diagnostics);
        let published = parse_date(&record.published, &file, diagnostics);
        let mut goal_ids = Registry::new("goal", "the plan's `goals`");
        let mut goals = Vec::new();
        for (index, goal) in record.goals.iter().enumerate() {
            if !goal_ids.define(&goal.id, &file, index, diagnostics) {
                continue;
            }
            goals.push(Goal {
                id: goal.id.value.clone(),
                title: goal.title.clone(),
                description: goal.description.as_ref().map(|text| text.html.clone()),
                departments: ids.departments.resolve_all(&goal.departments, &file, diagnostics),
                indicators: Vec::new(),
                counts: Default::default(),
            });
        }
        let mut phase_ids = Registry::new("phase", "the plan's `phases`");
        let mut phases = Vec::new();
        for (index, phase) in record.phases.iter().enumerate() {
            if !phase_ids.define(&phase.id, &file, index, diagnostics) {
                continue;
            }
            for year in [&phase.start, &phase.end] {
                check_year_in_period(year.value, period.start, period.end, year.location(&file), "phase", diagnostics);
            }
            phases.push(Phase {
                id: phase.id.value.clone(),
                title: phase.title.clone(),
                start_year: phase.start.value,
                end_year: phase.end.value,
                description: phase.description.as_ref().map(|text| text.html.clone()),
            });
        }
        let (Some(written), Some(published)) = (written, published) else { continue };
        if !ids.plans.define(&record.id, &file, plans.len(), diagnostics) {
            continue;
        }
        plans.push(Plan {
            id: record.id.value.clone(),
            file,
            title: record.title.clone(),
            issuer: record.issuer.clone(),
            document_number: record.document_number.clone(),
            index_number: record.index_number.clone(),
            category: record.category.clone(),
            written,
            published,
            start_year: period.start,
            end_year: period.end,
            validity: record.validity,
            source: record.source.clone(),
            sample_note: record.sample_note.clone(),
            summary: record.summary.html.clone(),
            phases,
            goals,
            indicators: Vec::new(),
            showcases: Vec::new(),
            counts: Default::default(),
            has_sample: false,
        });
    }
    plans
}

fn check_year_in_period(
    year: u16,
    start: u16,
    end: u16,
    location: Location,
    what: &str,
    diagnostics: &mut Diagnostics,
) -> bool {
    let inside = (start..=end).contains(&year);
    if !inside {
        diagnostics.push(
            Diagnostic::error(location, format!("the {what} year {year} is outside the plan's period {start}–{end}"))
                .with_hint(format!("use a year from {start} to {end}, or widen the plan's `period`")),
        );
    }
    inside
}

fn validate_schools(
    files: Vec<Loaded<crate::content::school::SchoolFile>>,
    path: &PathOf<'_>,
    ids: &mut Registries,
    diagnostics: &mut Diagnostics,
) -> Vec<School> {
    let mut schools = Vec::new();
    let mut declared = Vec::new();
    for Loaded { file, record } in files {
        let file = path(file);
        if !ids.schools.define(&record.id, &file, schools.len(), diagnostics) {
            continue;
        }
        declared.push((file.clone(), record.clone()));
        schools.push(School {
            id: record.id.value.clone(),
            file,
            name: record.name.clone(),
            district: record.district.clone(),
            stage: record.stage,
            group: record.group.clone(),
            planned: record.planned,
            sample: record.sample,
            partners: Vec::new(),
            showcases: Vec::new(),
        });
    }
    // Pairings are declared once, on the lead school; both sides are filled in here.
    for (lead, (file, record)) in declared.into_iter().enumerate() {
        for partner in &record.partners {
            let Some(member) = ids.schools.resolve(&partner.school, &file, diagnostics) else { continue };
            let plan = partner.plan.as_ref().and_then(|plan| ids.plans.resolve(plan, &file, diagnostics));
            if member == lead {
                diagnostics
                    .push(Diagnostic::error(partner.school.location(&file), "a school cannot be paired with itself"));
                continue;
            }
            if schools[lead].partners.iter().any(|p| p.school == member && p.relation == partner.relation) {
                diagnostics.push(
                    Diagnostic::error(
                        partner.school.location(&file),
                        format!("the pairing with `{}` is declared twice", partner.school.value),
                    )
                    .with_hint("declare each pairing once, on the lead school"),
                );
                continue;
            }
            schools[lead].partners.push(Partnership { school: member, relation: partner.relation, leads: true, plan });
            schools[member].partners.push(Partnership { school: lead, relation: partner.relation, leads: false, plan });
        }
    }
    schools
}

fn validate_indicators(
    files: Vec<Loaded<IndicatorFile>>,
    data: Vec<Loaded<DataTable>>,
    path: &PathOf<'_>,
    plans: &[Plan],
    ids: &mut Registries,
    diagnostics: &mut Diagnostics,
) -> Vec<Indicator> {
    // Figures from data files, by indicator id, in file and row order.
    let mut sheet_rows: BTreeMap<String, Vec<DataRow>> = BTreeMap::new();
    for table in data {
        for row in &table.record.rows {
            sheet_rows.entry(row.indicator.value.clone()).or_default().push(row.clone());
        }
    }
    let mut indicators = Vec::new();
    for Loaded { file, record } in files {
        let rows = sheet_rows.remove(&record.id.value).unwrap_or_default();
        let file = path(file);
        let Some(plan_index) = ids.plans.resolve(&record.plan, &file, diagnostics) else { continue };
        let plan = &plans[plan_index];
        let goal = plan.goals.iter().position(|g| g.id == record.goal.value);
        let Some(goal) = goal else {
            let suggestion = crate::suggest::closest(&record.goal.value, plan.goals.iter().map(|g| g.id.as_str()));
            let goals: Vec<&str> = plan.goals.iter().map(|g| g.id.as_str()).collect();
            let hint = match suggestion {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("the goals of `{}` are: {}", plan.id, goals.join(", ")),
            };
            diagnostics.push(
                Diagnostic::error(
                    record.goal.location(&file),
                    format!("plan `{}` has no goal `{}`", plan.id, record.goal.value),
                )
                .with_hint(hint),
            );
            continue;
        };
        let departments = ids.departments.resolve_all(&record.departments, &file, diagnostics);
        let mut checker = NumberCheck { file: &file, percentage: record.unit.zh.trim() == "%", diagnostics };
        let rows = checker.units(rows, &record.unit);
        let (breakdown_rows, rows): (Vec<DataRow>, Vec<DataRow>) =
            rows.into_iter().partition(|r| r.breakdown.is_some());
        let targets = checker.targets(&record.targets, plan);
        let actuals = checker.actuals(&record.actuals, &rows, &targets, plan);
        let baseline = record.baseline.as_ref().and_then(|b| checker.baseline(b, plan));
        let breakdown = checker.breakdown(record.breakdown.as_ref(), &breakdown_rows, &record.id.value, plan);
        if !ids.indicators.define(&record.id, &file, indicators.len(), diagnostics) {
            continue;
        }
        indicators.push(Indicator {
            id: record.id.value.clone(),
            file,
            plan: plan_index,
            goal,
            name: record.name.clone(),
            unit: record.unit.clone(),
            direction: record.direction,
            kind: record.kind,
            departments,
            clause: record.clause.clone(),
            baseline,
            targets,
            actuals,
            breakdown,
            progress: Vec::new(),
            headline: ProgressStatus::NoData,
            showcases: Vec::new(),
            has_sample: false,
        });
    }
    // Every row is reported, so that none of them is taken for a good one.
    for (id, rows) in sheet_rows {
        for row in rows {
            ids.indicators.resolve_at(&id, row.indicator.location, diagnostics);
        }
    }
    indicators
}

/// One year's figure as written, in an indicator file or in a data file.
struct FigureInput {
    year: u16,
    value: Option<f64>,
    status: Option<EditorStatus>,
    sample: bool,
    source: Option<Localized>,
    note: Option<Localized>,
    /// Where the figure is written; `value_at` is where its number is.
    at: Location,
    value_at: Location,
}

impl FigureInput {
    fn from_yaml(actual: &Spanned<ActualFile>, file: &Path) -> Self {
        let a = &actual.value;
        FigureInput {
            year: a.year,
            value: a.value,
            status: a.status,
            sample: a.sample,
            source: a.source.clone(),
            note: a.note.clone(),
            at: actual.location(file),
            value_at: actual.location(file),
        }
    }

    fn from_row(row: &DataRow) -> Self {
        FigureInput {
            year: row.year.value,
            value: row.value.as_ref().map(|c| c.value),
            status: row.status.as_ref().map(|c| c.value),
            sample: row.sample,
            source: row.source.clone(),
            note: row.note.clone(),
            at: row.year.location.clone(),
            value_at: row.value.as_ref().map(|c| c.location.clone()).unwrap_or_else(|| row.place.clone()),
        }
    }
}

/// Checks the numbers of one indicator file: finite, within 0–100 for percentages, years within
/// the plan's period and not repeated, one comparator per target, a figure that fits its target.
struct NumberCheck<'a> {
    file: &'a Path,
    percentage: bool,
    diagnostics: &'a mut Diagnostics,
}

impl NumberCheck<'_> {
    fn number(&mut self, value: f64, location: &Location, what: &str) -> bool {
        if !value.is_finite() {
            self.diagnostics.push(
                Diagnostic::error(location.clone(), format!("the {what} is not a finite number"))
                    .with_hint("write a plain number such as `85` or `14.9`; `.nan` and `.inf` are not figures"),
            );
            return false;
        }
        if self.percentage && !(0.0..=100.0).contains(&value) {
            self.diagnostics.push(
                Diagnostic::error(
                    location.clone(),
                    format!("the {what} {value} is not a percentage between 0 and 100"),
                )
                .with_hint("the unit is `%`: write `85` for 85%; if the figure is a count, change the unit"),
            );
            return false;
        }
        true
    }

    fn year(&mut self, year: u16, location: &Location, plan: &Plan, what: &str) -> bool {
        check_year_in_period(year, plan.start_year, plan.end_year, location.clone(), what, self.diagnostics)
    }

    fn targets(&mut self, targets: &[Spanned<TargetFile>], plan: &Plan) -> Vec<Target> {
        let mut out: Vec<Target> = Vec::new();
        for target in targets {
            let location = target.location(self.file);
            let t = &target.value;
            if !self.year(t.year, &location, plan, "target") {
                continue;
            }
            if out.iter().any(|o| o.year == t.year) {
                self.diagnostics.push(
                    Diagnostic::error(location, format!("a second target for {}", t.year))
                        .with_hint("give each year one target"),
                );
                continue;
            }
            let mut values = Vec::new();
            if let Some(v) = t.at_least {
                values.push(TargetValue::AtLeast(v))
            }
            if let Some(v) = t.at_most {
                values.push(TargetValue::AtMost(v))
            }
            if let Some(v) = t.exactly {
                values.push(TargetValue::Exactly(v))
            }
            if let Some([low, high]) = t.between {
                values.push(TargetValue::Between(low, high))
            }
            if let Some(text) = &t.text {
                values.push(TargetValue::Text(text.clone()))
            }
            if values.len() != 1 {
                self.diagnostics.push(Diagnostic::error(location, format!("the {} target needs exactly one of `at_least`, `at_most`, `exactly`, `between` or `text` (found {})", t.year, values.len()))
                    .with_hint("e.g. `{year: 2020, at_least: 85}`, `{year: 2020, between: [2, 3]}` or `{year: 2022, text: {zh: …}}`"));
                continue;
            }
            let value = values.remove(0);
            let numbers: Vec<f64> = match &value {
                TargetValue::Between(low, high) => vec![*low, *high],
                other => other.reference(crate::content::indicator::Direction::Increase).into_iter().collect(),
            };
            if !numbers.iter().all(|n| self.number(*n, &location, "target")) {
                continue;
            }
            if let TargetValue::Between(low, high) = value
                && low > high
            {
                self.diagnostics.push(
                    Diagnostic::error(location, format!("the range [{low}, {high}] runs backwards"))
                        .with_hint("write the low end first"),
                );
                continue;
            }
            out.push(Target { year: t.year, value, quote: t.quote.clone() });
        }
        out.sort_by_key(|t| t.year);
        out
    }

    fn actuals(
        &mut self,
        yaml: &[Spanned<ActualFile>],
        rows: &[DataRow],
        targets: &[Target],
        plan: &Plan,
    ) -> Vec<Actual> {
        let inputs =
            yaml.iter().map(|a| FigureInput::from_yaml(a, self.file)).chain(rows.iter().map(FigureInput::from_row));
        let mut out: Vec<(Actual, Location)> = Vec::new();
        for a in inputs {
            let location = a.at.clone();
            if !self.year(a.year, &location, plan, "figure") {
                continue;
            }
            if let Some((_, first)) = out.iter().find(|(o, _)| o.year == a.year) {
                self.diagnostics.push(table::given_twice(format!("the {} figure", a.year), location, first));
                continue;
            }
            let qualitative = targets
                .iter()
                .find(|t| t.year == a.year)
                .or_else(|| targets.last())
                .is_some_and(|t| !t.value.is_numeric());
            let measure = match (a.value, a.status, qualitative) {
                (Some(value), None, false) => {
                    if !self.number(value, &a.value_at, "figure") {
                        continue;
                    }
                    Measure::Value(value)
                }
                (None, Some(status), true) => Measure::Status(status),
                (_, _, true) => {
                    self.diagnostics.push(Diagnostic::error(location, format!("the {} target is qualitative: the figure needs a `status` (met, on_track or behind) and no `value`", a.year))
                        .with_hint("e.g. `{year: 2022, status: on_track, note: {zh: …}}`"));
                    continue;
                }
                (_, _, false) => {
                    self.diagnostics.push(
                        Diagnostic::error(
                            location,
                            format!("the {} figure needs a numeric `value` (and no `status`)", a.year),
                        )
                        .with_hint("the target is a number, so the status is computed from the figure"),
                    );
                    continue;
                }
            };
            let actual = Actual { year: a.year, measure, sample: a.sample, source: a.source, note: a.note };
            out.push((actual, location));
        }
        let mut out: Vec<Actual> = out.into_iter().map(|(actual, _)| actual).collect();
        out.sort_by_key(|a| a.year);
        out
    }

    /// Rows of data files whose `unit` column does not match the indicator's unit are left out.
    fn units(&mut self, rows: Vec<DataRow>, unit: &Localized) -> Vec<DataRow> {
        rows.into_iter()
            .filter(|row| {
                let Some(cell) = &row.unit else { return true };
                let matches = cell.value == unit.zh.trim() || unit.en.as_deref().is_some_and(|en| cell.value == en.trim());
                if !matches {
                    self.diagnostics.push(
                        Diagnostic::error(
                            cell.location.clone(),
                            format!("the unit `{}` is not the indicator's unit `{}`", cell.value, unit.zh.trim()),
                        )
                        .with_hint(format!(
                            "`{}` is measured in `{}`: convert the figure, or check that the row is for the right indicator",
                            row.indicator.value,
                            unit.zh.trim()
                        )),
                    );
                }
                matches
            })
            .collect()
    }

    fn baseline(
        &mut self,
        baseline: &Spanned<crate::content::indicator::BaselineFile>,
        plan: &Plan,
    ) -> Option<Baseline> {
        let location = baseline.location(self.file);
        let b = &baseline.value;
        if b.year > plan.end_year {
            self.diagnostics.push(
                Diagnostic::error(
                    location,
                    format!(
                        "the baseline year {} is after the plan's period {}–{}",
                        b.year, plan.start_year, plan.end_year
                    ),
                )
                .with_hint("a baseline is the figure before or at the start of the plan"),
            );
            return None;
        }
        self.number(b.value, &location, "baseline").then_some(Baseline {
            year: b.year,
            value: b.value,
            sample: b.sample,
        })
    }

    fn breakdown(
        &mut self,
        breakdown: Option<&Spanned<crate::content::indicator::BreakdownFile>>,
        rows: &[DataRow],
        indicator: &str,
        plan: &Plan,
    ) -> Option<Breakdown> {
        let Some(breakdown) = breakdown else {
            for row in rows {
                let cell = row.breakdown.as_ref().unwrap_or(&row.indicator);
                self.diagnostics.push(
                    Diagnostic::error(cell.location.clone(), format!("`{indicator}` has no breakdown"))
                        .with_hint("leave the `breakdown` cell empty for the indicator's own figure, or add a `breakdown` to its YAML file"),
                );
            }
            return None;
        };
        let location = breakdown.location(self.file);
        let b = &breakdown.value;
        if !self.year(b.year, &location, plan, "breakdown") {
            return None;
        }
        let mut out = Breakdown { year: b.year, dimension: b.dimension.clone(), rows: Vec::new() };
        for row in &b.rows {
            let valid = row.target.is_none_or(|v| self.number(v, &location, "breakdown target"))
                && row.actual.is_none_or(|v| self.number(v, &location, "breakdown figure"));
            if valid {
                out.rows.push(BreakdownRow {
                    label: row.label.clone(),
                    target: row.target,
                    actual: row.actual,
                    sample: row.sample,
                });
            }
        }
        let mut filled: Vec<(usize, Location)> = out
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.actual.is_some())
            .map(|(i, _)| (i, location.clone()))
            .collect();
        for row in rows {
            if let Some((index, value)) = self.breakdown_row(&out, row, indicator) {
                let here = row.breakdown.as_ref().map(|c| c.location.clone()).unwrap_or_else(|| row.place.clone());
                if let Some((_, first)) = filled.iter().find(|(i, _)| *i == index) {
                    let label = &out.rows[index].label.zh;
                    self.diagnostics.push(table::given_twice(format!("the figure for `{label}`"), here, first));
                    continue;
                }
                out.rows[index].actual = Some(value);
                out.rows[index].sample = row.sample;
                filled.push((index, here));
            }
        }
        Some(out)
    }

    /// Checks a data-file row for one line of a breakdown: which line, and its figure.
    fn breakdown_row(&mut self, breakdown: &Breakdown, row: &DataRow, indicator: &str) -> Option<(usize, f64)> {
        let cell = row.breakdown.as_ref()?;
        if row.year.value != breakdown.year {
            self.diagnostics.push(
                Diagnostic::error(
                    row.year.location.clone(),
                    format!("the breakdown of `{indicator}` is for {}, not {}", breakdown.year, row.year.value),
                )
                .with_hint(format!("write {} in the year cell, or leave `breakdown` empty", breakdown.year)),
            );
            return None;
        }
        let labels =
            || breakdown.rows.iter().flat_map(|r| std::iter::once(r.label.zh.as_str()).chain(r.label.en.as_deref()));
        let Some(index) = breakdown
            .rows
            .iter()
            .position(|r| r.label.zh == cell.value || r.label.en.as_deref() == Some(cell.value.as_str()))
        else {
            let hint = match crate::suggest::closest(&cell.value, labels()) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!(
                    "the lines are: {}",
                    breakdown.rows.iter().map(|r| r.label.zh.as_str()).collect::<Vec<_>>().join(", ")
                ),
            };
            self.diagnostics.push(
                Diagnostic::error(
                    cell.location.clone(),
                    format!("the breakdown of `{indicator}` has no line `{}`", cell.value),
                )
                .with_hint(hint),
            );
            return None;
        };
        if row.status.is_some() || row.source.is_some() || row.note.is_some() || row.value.is_none() {
            self.diagnostics.push(
                Diagnostic::error(
                    row.place.clone(),
                    "a breakdown line takes a `value` only (no status, source or note)",
                )
                .with_hint(
                    "put the source and note on the indicator's own figure for the year (a row with `breakdown` empty)",
                ),
            );
            return None;
        }
        let value = row.value.as_ref()?;
        self.number(value.value, &value.location, "breakdown figure").then_some((index, value.value))
    }
}

fn translation_of(en: &Option<Document<TranslationFront>>) -> (Option<String>, Option<String>, Option<SharedHtml>) {
    match en {
        Some(doc) => (Some(doc.front.title.clone()), doc.front.summary.clone(), Some(doc.body.clone())),
        None => (None, None, None),
    }
}

fn document_files(pair_files: (usize, Option<usize>), path: &PathOf<'_>) -> Vec<std::path::PathBuf> {
    std::iter::once(pair_files.0).chain(pair_files.1).map(path).collect()
}

fn warn_untranslated<F>(pair: &DocumentPair<F>, path: &PathOf<'_>, diagnostics: &mut Diagnostics) {
    if pair.en.is_none() {
        diagnostics.push(
            Diagnostic::warning(
                Location::file(path(pair.zh.file)),
                "no English translation: the English site shows the Chinese text with a notice",
            )
            .with_hint(format!("add `{}.en.md` with the translated title, summary and text", pair.id)),
        );
    }
}

/// Each showcase is checked on its own, in parallel: they are most of a site's records, and
/// `serve` checks all of them again after every save.
fn validate_showcases(
    pairs: Vec<DocumentPair<crate::content::document::ShowcaseFront>>,
    path: &PathOf<'_>,
    ids: &Registries,
    indicators: &[Indicator],
    include_drafts: bool,
    diagnostics: &mut Diagnostics,
) -> Vec<Showcase> {
    let checked: Vec<(Option<Showcase>, Diagnostics)> = pairs
        .par_iter()
        .map(|pair| {
            let mut found = Diagnostics::new();
            let showcase = validate_showcase(pair, path, ids, indicators, include_drafts, &mut found);
            (showcase, found)
        })
        .collect();
    let mut showcases = Vec::with_capacity(checked.len());
    for (showcase, found) in checked {
        diagnostics.extend(found);
        showcases.extend(showcase);
    }
    showcases
}

fn validate_showcase(
    pair: &DocumentPair<crate::content::document::ShowcaseFront>,
    path: &PathOf<'_>,
    ids: &Registries,
    indicators: &[Indicator],
    include_drafts: bool,
    diagnostics: &mut Diagnostics,
) -> Option<Showcase> {
    let file = path(pair.zh.file);
    if !check_id(&pair.id, &Location::file(&file), "showcase", diagnostics) {
        return None;
    }
    warn_untranslated(pair, path, diagnostics);
    let front = &pair.zh.front;
    let date = parse_date(&front.date, &file, diagnostics);
    let schools = ids.schools.resolve_all(&front.schools, &file, diagnostics);
    let indicator_ids = ids.indicators.resolve_all(&front.indicators, &file, diagnostics);
    let mut plans = ids.plans.resolve_all(&front.plans, &file, diagnostics);
    plans.extend(indicator_ids.iter().map(|i| indicators[*i].plan));
    plans.sort_unstable();
    plans.dedup();
    let tags = ids.tags.resolve_all(&front.tags, &file, diagnostics);
    let date = date?;
    if front.draft && !include_drafts {
        return None;
    }
    let (title_en, summary_en, body_en) = translation_of(&pair.en);
    Some(Showcase {
        id: pair.id.clone(),
        files: document_files((pair.zh.file, pair.en.as_ref().map(|d| d.file)), path),
        title: Localized { zh: front.title.clone(), en: title_en },
        summary: front.summary.clone().map(|zh| Localized { zh, en: summary_en }),
        date,
        body: Html { zh: pair.zh.body.clone(), en: body_en },
        schools,
        indicators: indicator_ids,
        plans,
        tags,
        sample: front.sample,
        draft: front.draft,
    })
}

fn validate_reports(
    pairs: Vec<DocumentPair<crate::content::document::ResultsFront>>,
    path: &PathOf<'_>,
    plans: &[Plan],
    diagnostics: &mut Diagnostics,
) -> Vec<YearReport> {
    let mut reports = Vec::new();
    for pair in pairs {
        let file = path(pair.zh.file);
        let Ok(year) = pair.id.parse::<u16>() else {
            diagnostics.push(
                Diagnostic::error(Location::file(&file), format!("`{}` is not a year", pair.id))
                    .with_hint("name results files after their year: `2020.zh.md` and `2020.en.md`"),
            );
            continue;
        };
        if !plans.iter().any(|p| p.years().contains(&year)) {
            diagnostics.push(Diagnostic::warning(
                Location::file(&file),
                format!("no plan runs in {year}, so this report has no indicators"),
            ));
        }
        warn_untranslated(&pair, path, diagnostics);
        let front = &pair.zh.front;
        let Some(date) = parse_date(&front.date, &file, diagnostics) else { continue };
        let (title_en, summary_en, body_en) = translation_of(&pair.en);
        reports.push(YearReport {
            year,
            files: document_files((pair.zh.file, pair.en.as_ref().map(|d| d.file)), path),
            title: Localized { zh: front.title.clone(), en: title_en },
            summary: front.summary.clone().map(|zh| Localized { zh, en: summary_en }),
            date,
            body: Html { zh: pair.zh.body.clone(), en: body_en },
            sample: front.sample,
            indicators: Vec::new(),
            counts: Default::default(),
            has_sample: false,
        });
    }
    reports.sort_by_key(|r| r.year);
    reports
}
