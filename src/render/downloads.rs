//! Open-data downloads: each indicator as CSV and JSON, and the whole dataset as one of each;
//! every figure of each indicator, all series, breakdowns and notes, as a tidy CSV ([`figures`]);
//! each plan's tasks and milestones (see [`plans`]).
//!
//! The files are language-neutral (under `data/` at the site root) and carry every written
//! language: CSV headers read `年度 / Year` on a Chinese site (see [`columns`]), texts come in a
//! column per written language. CSV is UTF-8 with a
//! byte-order mark, because spreadsheet programs on Chinese Windows otherwise read it as GBK. Text
//! from content that starts like a formula is neutralised, so opening a download cannot run one.

mod columns;
mod figures;
mod plans;

use rayon::prelude::*;
use serde::Serialize;

use super::OutputFile;
use super::format::Style;
use super::years::IndicatorYear;
use crate::i18n::{Lang, Localized};
use crate::model::{Indicator, Site};
use crate::progress::{Basis, Measure, ProgressStatus, TargetValue};
use crate::theme::Strings;
use columns::Columns;
use std::collections::HashMap;

/// The folder below the site root that holds the downloads.
pub const DIR: &str = "data/";

pub fn indicator_csv_path(indicator: &Indicator) -> String {
    format!("{DIR}indicators/{}.csv", indicator.id)
}

pub fn indicator_json_path(indicator: &Indicator) -> String {
    format!("{DIR}indicators/{}.json", indicator.id)
}

pub fn indicator_data_csv_path(indicator: &Indicator) -> String {
    figures::path(indicator)
}

pub use plans::{
    ALL_MILESTONES_CSV, ALL_PLANS_JSON, ALL_TASKS_CSV, department_json_path, plan_json_path, plan_milestones_csv_path,
    plan_tasks_csv_path,
};

pub const ALL_CSV: &str = "data/indicators.csv";
pub const ALL_JSON: &str = "data/indicators.json";

/// Column headers: Chinese, then English, in one cell so either reader finds the column.
const HEADERS: &[(&str, &str)] = &[
    ("指标编号", "Indicator ID"),
    ("指标名称", "Indicator"),
    ("指标名称（英文）", "Indicator (English)"),
    ("所属规划编号", "Plan ID"),
    ("所属规划", "Plan"),
    ("计量单位", "Unit"),
    ("指标属性", "Kind"),
    ("期望方向", "Direction"),
    ("基期年度", "Baseline year"),
    ("基期值", "Baseline value"),
    ("基期值为示例数据", "Baseline is sample data"),
    ("年度", "Year"),
    ("目标", "Target"),
    ("目标（英文）", "Target (English)"),
    ("目标下限", "Target minimum"),
    ("目标上限", "Target maximum"),
    ("进度参照值", "Expected value"),
    ("实际值", "Actual value"),
    ("进展状态", "Status"),
    ("示例数据", "Sample data"),
    ("来源", "Source"),
    ("备注", "Note"),
    ("指标属性为编者归类", "Kind is the editors' classification"),
    ("承诺程度", "Commitment"),
    ("比较对象", "Compared with"),
    ("比较对象数值", "Comparison figure"),
    ("比较对象为示例数据", "Comparison figure is sample data"),
];

/// Every download file of the site, in a fixed order.
pub fn files(site: &Site, strings: &HashMap<Lang, Strings>) -> Vec<OutputFile> {
    let records: Vec<IndicatorRecord> = site.indicators.par_iter().map(|i| record(site, i, strings)).collect();
    let columns = Columns::of(site);
    let mut files: Vec<OutputFile> = records
        .par_iter()
        .zip(&site.indicators)
        .flat_map_iter(|(record, indicator)| {
            [
                OutputFile { path: indicator_csv_path(indicator), bytes: csv(&columns, std::slice::from_ref(record)) },
                OutputFile {
                    path: indicator_json_path(indicator),
                    bytes: json(&WithSeries { record, series: figures::records(indicator) }),
                },
                OutputFile { path: figures::path(indicator), bytes: figures::csv(&columns, indicator) },
            ]
        })
        .collect();
    files.push(OutputFile { path: ALL_CSV.into(), bytes: csv(&columns, &records) });
    files.push(OutputFile { path: ALL_JSON.into(), bytes: json(&records) });
    files.extend(plans::files(site, &columns));
    files
}

/// A text as the JSON download shows it: under the key of every written language of the site, in
/// the order of the config, `null` where it has none.
struct TextRecord(Vec<(&'static str, Option<String>)>);

impl TextRecord {
    fn new(site: &Site, text: &Localized) -> Self {
        TextRecord(
            site.config
                .languages
                .written()
                .map(|lang| (lang.code(), text.exact(lang.code()).map(str::to_string)))
                .collect(),
        )
    }

    fn exact(&self, key: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| *k == key).and_then(|(_, text)| text.as_deref())
    }
}

impl columns::Texts for TextRecord {
    fn in_language(&self, key: &str) -> Option<&str> {
        self.exact(key)
    }
}

impl Serialize for TextRecord {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, text) in &self.0 {
            map.serialize_entry(key, text)?;
        }
        map.end()
    }
}

/// One indicator as the JSON download shows it.
#[derive(Serialize)]
struct IndicatorRecord {
    id: String,
    name: TextRecord,
    plan: String,
    plan_title: TextRecord,
    goal: String,
    unit: TextRecord,
    kind: Option<crate::model::vocabulary::IndicatorKind>,
    /// Whether `kind` is the editors' classification rather than the plan's.
    kind_by_editors: bool,
    departments_by_editors: bool,
    direction: crate::model::vocabulary::Direction,
    baseline: Option<BaselineRecord>,
    years: Vec<YearRecord>,
    url: String,
}

/// One indicator's own JSON: its record and every figure, each series with its dimensions and
/// observations, history included. The whole-dataset file leaves the series out: they are most of
/// a statistics office's data, and each indicator's file has them.
#[derive(Serialize)]
struct WithSeries<'a> {
    #[serde(flatten)]
    record: &'a IndicatorRecord,
    series: Vec<figures::SeriesRecord>,
}

#[derive(Serialize)]
struct BaselineRecord {
    year: u16,
    value: f64,
    sample: bool,
}

#[derive(Serialize)]
struct YearRecord {
    year: u16,
    target: Option<TargetRecord>,
    expected: Option<f64>,
    /// A number for a numeric indicator.
    actual: Option<f64>,
    /// The status an editor set for a qualitative target.
    actual_status: Option<&'static str>,
    status: &'static str,
    sample: bool,
    source: Option<TextRecord>,
    note: Option<TextRecord>,
}

#[derive(Serialize)]
struct TargetRecord {
    text: TextRecord,
    minimum: Option<f64>,
    maximum: Option<f64>,
    /// 确保 (`ensure`) or 力争 (`strive`), as the plan words the target.
    commitment: Option<crate::model::vocabulary::Commitment>,
    /// For a target against the previous year or a benchmark.
    relative: Option<RelativeRecord>,
}

#[derive(Serialize)]
struct RelativeRecord {
    /// `previous_year` or `benchmark`.
    than: &'static str,
    change: f64,
    strictly: bool,
    benchmark: Option<BenchmarkRecord>,
    /// "The previous year" in the default language, for the CSV's comparison column.
    #[serde(skip)]
    previous_year: String,
}

#[derive(Serialize)]
struct BenchmarkRecord {
    name: TextRecord,
    value: Option<f64>,
    sample: bool,
    source: Option<TextRecord>,
}

fn record(site: &Site, indicator: &Indicator, strings: &HashMap<Lang, Strings>) -> IndicatorRecord {
    let plan = &site.plans[indicator.plan];
    let years = super::years::with_history(indicator)
        .map(|IndicatorYear { year, status, target, actual }| YearRecord {
            year,
            target: target.map(|t| target_record(site, t, &indicator.unit, strings)),
            expected: status.and_then(|p| p.expected),
            actual: actual.and_then(|a| match a.measure {
                Measure::Value(v) => Some(v),
                Measure::Status(_) => None,
            }),
            actual_status: actual.and_then(|a| match a.measure {
                Measure::Value(_) => None,
                Measure::Status(s) => Some(ProgressStatus::from(s).key()),
            }),
            // A figure outside the plan's period is history, with no status.
            status: status.map_or("history", |p| p.status.key()),
            sample: actual.is_some_and(|a| a.sample),
            source: actual.and_then(|a| a.source.as_ref()).map(|t| TextRecord::new(site, t)),
            note: actual.and_then(|a| a.note.as_ref()).map(|t| TextRecord::new(site, t)),
        })
        .collect();
    IndicatorRecord {
        id: indicator.id.clone(),
        name: TextRecord::new(site, &indicator.name),
        plan: plan.id.clone(),
        plan_title: TextRecord::new(site, &plan.title),
        goal: plan.goals[indicator.goal].id.clone(),
        unit: TextRecord::new(site, &indicator.unit),
        kind: indicator.kind,
        kind_by_editors: indicator.editorial_kind,
        departments_by_editors: indicator.editorial_departments,
        direction: indicator.direction,
        baseline: indicator.baseline.as_ref().map(|b| BaselineRecord {
            year: b.year,
            value: b.value,
            sample: b.sample,
        }),
        years,
        url: format!("{}indicators/{}/", site.config.base_url, indicator.id),
    }
}

fn target_record(
    site: &Site,
    target: &crate::model::Target,
    unit: &Localized,
    strings: &HashMap<Lang, Strings>,
) -> TargetRecord {
    let value = &target.value;
    let (minimum, maximum) = match value {
        TargetValue::AtLeast(v) => (Some(*v), None),
        TargetValue::AtMost(v) => (None, Some(*v)),
        TargetValue::Exactly(v) => (Some(*v), Some(*v)),
        TargetValue::Between(low, high) => (Some(*low), Some(*high)),
        TargetValue::Relative(_) | TargetValue::Text(_) => (None, None),
    };
    let written = site.config.languages.written();
    let words = |lang: Lang| strings.get(&lang).map(|s| Style::new(lang, s).target(value, unit));
    let text = TextRecord(written.map(|lang| (lang.code(), words(lang))).collect());
    let relative = match value {
        TargetValue::Relative(relative) => Some(RelativeRecord {
            than: match relative.basis {
                Basis::PreviousYear => "previous_year",
                Basis::Benchmark(_) => "benchmark",
            },
            change: relative.change,
            strictly: relative.strictly,
            previous_year: strings
                .get(&site.config.languages.default_lang())
                .and_then(|s| s.get("relative_previous_year"))
                .cloned()
                .unwrap_or_default(),
            benchmark: match &relative.basis {
                Basis::PreviousYear => None,
                Basis::Benchmark(b) => Some(BenchmarkRecord {
                    name: TextRecord::new(site, &b.name),
                    value: b.value,
                    sample: b.sample,
                    source: b.source.as_ref().map(|t| TextRecord::new(site, t)),
                }),
            },
        }),
        _ => None,
    };
    TargetRecord { text, minimum, maximum, commitment: target.commitment, relative }
}

fn json<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    // Compact: an office's data runs to megabytes, and every reader of it is a program.
    let mut bytes = serde_json::to_vec(value).expect("plain data always serialises");
    bytes.push(b'\n');
    bytes
}

/// A CSV file as spreadsheet programs read it: headers in both languages, rows ended by CRLF, and
/// a byte-order mark so that the Chinese is read as UTF-8.
fn table(columns: &Columns, headers: &[(&str, &str)], rows: impl IntoIterator<Item = Vec<String>>) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    let mut write = |row: Vec<String>| writer.write_record(&row).expect("writing to memory cannot fail");
    write(columns.headers(headers));
    rows.into_iter().for_each(write);
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(writer.into_inner().expect("writing to memory cannot fail"));
    bytes
}

/// One row per indicator and year.
fn csv(columns: &Columns, records: &[IndicatorRecord]) -> Vec<u8> {
    let mut rows = Vec::new();
    for r in records {
        let baseline = r.baseline.as_ref();
        for y in &r.years {
            let target = y.target.as_ref();
            let mut row = vec![text(&r.id), text(columns.main(&r.name))];
            row.extend(columns.translations(&r.name).map(text));
            row.extend([
                text(&r.plan),
                text(columns.main(&r.plan_title)),
                text(columns.main(&r.unit)),
                plain(&r.kind),
                plain(&r.direction),
                baseline.map(|b| b.year.to_string()).unwrap_or_default(),
                baseline.map(|b| b.value.to_string()).unwrap_or_default(),
                baseline.map(|b| b.sample.to_string()).unwrap_or_default(),
                y.year.to_string(),
                target.map(|t| text(columns.main(&t.text))).unwrap_or_default(),
            ]);
            match target {
                Some(t) => row.extend(columns.translations(&t.text).map(text)),
                None => row.extend(columns.translations(&TextRecord(Vec::new())).map(text)),
            }
            row.extend([
                number(target.and_then(|t| t.minimum)),
                number(target.and_then(|t| t.maximum)),
                number(y.expected),
                y.actual.map(|v| v.to_string()).or(y.actual_status.map(str::to_string)).unwrap_or_default(),
                y.status.to_string(),
                y.sample.to_string(),
                y.source.as_ref().map(|s| text(columns.main(s))).unwrap_or_default(),
                y.note.as_ref().map(|n| text(columns.main(n))).unwrap_or_default(),
                r.kind_by_editors.to_string(),
                target.and_then(|t| t.commitment).map(|c| plain(&c)).unwrap_or_default(),
                target.and_then(|t| t.relative.as_ref()).map(|r| compared_with(columns, r)).unwrap_or_default(),
                number(target.and_then(|t| t.relative.as_ref()?.benchmark.as_ref()?.value)),
                target
                    .and_then(|t| t.relative.as_ref()?.benchmark.as_ref())
                    .map(|b| b.sample.to_string())
                    .unwrap_or_default(),
            ]);
            rows.push(row);
        }
    }
    table(columns, HEADERS, rows)
}

/// What a relative target compares with, in the default language as the other text columns: the
/// previous year (上年), or the benchmark's name.
fn compared_with(columns: &Columns, relative: &RelativeRecord) -> String {
    match &relative.benchmark {
        Some(benchmark) => text(columns.main(&benchmark.name)),
        None => relative.previous_year.clone(),
    }
}

fn number(value: Option<f64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn plain<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// A text cell from content. A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or
/// a tab or carriage return before one) as a formula; a leading apostrophe makes it plain text.
fn text(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{value}") } else { value.to_string() }
}

#[cfg(test)]
mod tests {
    use super::text;

    #[test]
    fn cells_that_look_like_formulas_are_neutralised() {
        assert_eq!(text("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
        assert_eq!(text("+1"), "'+1");
        assert_eq!(text("-cmd"), "'-cmd");
        assert_eq!(text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text("\t=1"), "'\t=1");
        assert_eq!(text("墟沟小学"), "墟沟小学");
    }
}
