//! Open-data downloads: each indicator as CSV and JSON, and the whole dataset as one of each; and
//! every figure of each indicator, all series, breakdowns and notes, as a tidy CSV ([`figures`]).
//!
//! The files are language-neutral (under `data/` at the site root) and carry both languages: CSV
//! headers read `年度 / Year`, texts come in a Chinese and an English column. CSV is UTF-8 with a
//! byte-order mark, because spreadsheet programs on Chinese Windows otherwise read it as GBK. Text
//! from content that starts like a formula is neutralised, so opening a download cannot run one.

mod figures;

use rayon::prelude::*;
use serde::Serialize;

use super::OutputFile;
use super::format;
use super::years::IndicatorYear;
use crate::i18n::Localized;
use crate::model::{Indicator, Site};
use crate::progress::{Measure, ProgressStatus, TargetValue};

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
];

/// Every download file of the site, in a fixed order.
pub fn files(site: &Site) -> Vec<OutputFile> {
    let records: Vec<IndicatorRecord> = site.indicators.par_iter().map(|i| record(site, i)).collect();
    let mut files: Vec<OutputFile> = records
        .par_iter()
        .zip(&site.indicators)
        .flat_map_iter(|(record, indicator)| {
            [
                OutputFile { path: indicator_csv_path(indicator), bytes: csv(std::slice::from_ref(record)) },
                OutputFile {
                    path: indicator_json_path(indicator),
                    bytes: json(&WithSeries { record, series: figures::records(indicator) }),
                },
                OutputFile { path: figures::path(indicator), bytes: figures::csv(indicator) },
            ]
        })
        .collect();
    files.push(OutputFile { path: ALL_CSV.into(), bytes: csv(&records) });
    files.push(OutputFile { path: ALL_JSON.into(), bytes: json(&records) });
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
    kind: crate::model::vocabulary::IndicatorKind,
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
}

fn record(site: &Site, indicator: &Indicator) -> IndicatorRecord {
    let plan = &site.plans[indicator.plan];
    let years = super::years::with_history(indicator)
        .map(|IndicatorYear { year, status, target, actual }| YearRecord {
            year,
            target: target.map(|t| target_record(site, &t.value, &indicator.unit)),
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

fn target_record(site: &Site, value: &TargetValue, unit: &Localized) -> TargetRecord {
    let (minimum, maximum) = match value {
        TargetValue::AtLeast(v) => (Some(*v), None),
        TargetValue::AtMost(v) => (None, Some(*v)),
        TargetValue::Exactly(v) => (Some(*v), Some(*v)),
        TargetValue::Between(low, high) => (Some(*low), Some(*high)),
        TargetValue::Text(_) => (None, None),
    };
    let written = site.config.languages.written();
    let text = TextRecord(written.map(|lang| (lang.code(), Some(format::target(value, unit, lang)))).collect());
    TargetRecord { text, minimum, maximum }
}

fn json<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    // Compact: an office's data runs to megabytes, and every reader of it is a program.
    let mut bytes = serde_json::to_vec(value).expect("plain data always serialises");
    bytes.push(b'\n');
    bytes
}

/// One row per indicator and year.
fn csv(records: &[IndicatorRecord]) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    let headers: Vec<String> = HEADERS.iter().map(|(zh, en)| format!("{zh} / {en}")).collect();
    let mut write = |row: Vec<String>| writer.write_record(&row).expect("writing to memory cannot fail");
    write(headers);
    for r in records {
        let en = |l: &TextRecord| l.exact("en").map(str::to_string).unwrap_or_default();
        let baseline = r.baseline.as_ref();
        for y in &r.years {
            let target = y.target.as_ref();
            write(vec![
                text(&r.id),
                text(r.name.exact("zh").unwrap_or_default()),
                text(&en(&r.name)),
                text(&r.plan),
                text(r.plan_title.exact("zh").unwrap_or_default()),
                text(r.unit.exact("zh").unwrap_or_default()),
                plain(&r.kind),
                plain(&r.direction),
                baseline.map(|b| b.year.to_string()).unwrap_or_default(),
                baseline.map(|b| b.value.to_string()).unwrap_or_default(),
                baseline.map(|b| b.sample.to_string()).unwrap_or_default(),
                y.year.to_string(),
                target.map(|t| text(t.text.exact("zh").unwrap_or_default())).unwrap_or_default(),
                target.map(|t| text(&en(&t.text))).unwrap_or_default(),
                number(target.and_then(|t| t.minimum)),
                number(target.and_then(|t| t.maximum)),
                number(y.expected),
                y.actual.map(|v| v.to_string()).or(y.actual_status.map(str::to_string)).unwrap_or_default(),
                y.status.to_string(),
                y.sample.to_string(),
                y.source.as_ref().map(|s| text(s.exact("zh").unwrap_or_default())).unwrap_or_default(),
                y.note.as_ref().map(|n| text(n.exact("zh").unwrap_or_default())).unwrap_or_default(),
            ]);
        }
    }
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(writer.into_inner().expect("writing to memory cannot fail"));
    bytes
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
