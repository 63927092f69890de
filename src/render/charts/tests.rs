use proptest::prelude::*;

use super::*;
use crate::i18n::Localized;
use crate::model::vocabulary::{Direction, IndicatorKind};
use crate::model::{Actual, Baseline};
use crate::progress::ProgressStatus;

fn indicator(unit: &str, baseline: Option<(u16, f64)>, actuals: &[(u16, f64)]) -> Indicator {
    Indicator {
        id: "i".into(),
        file: "i.yaml".into(),
        plan: 0,
        goal: 0,
        name: Localized::from_texts([("zh", "指标"), ("en", "Indicator")]),
        unit: Localized::from_texts([("zh", unit), ("en", unit)]),
        direction: Direction::Increase,
        kind: Some(IndicatorKind::Expected),
        editorial_kind: false,
        departments: Vec::new(),
        editorial_departments: false,
        clause: None,
        baseline: baseline.map(|(year, value)| Baseline { year, value, sample: false }),
        targets: Vec::new(),
        actuals: actuals
            .iter()
            .map(|(year, value)| Actual {
                year: *year,
                measure: Measure::Value(*value),
                sample: false,
                source: None,
                note: None,
                decimals: 2,
            })
            .collect(),
        breakdown: None,
        statistics: Default::default(),
        decimals: None,
        progress: Vec::new(),
        headline: ProgressStatus::NoData,
        showcases: Vec::new(),
        has_sample: false,
    }
}

const LABELS: ChartLabels = ChartLabels {
    title: "t",
    description: "d",
    target: "Target",
    actual: "Actual",
    sample: "Sample",
    baseline: "Baseline",
};

fn chart(unit: &str, actuals: &[(u16, f64)], years: &[u16]) -> String {
    indicator_chart(&indicator(unit, None, actuals), years, crate::render::format::style_for_tests("en"), &LABELS)
        .expect("a chart")
}

/// The values of one attribute on every element with the class, outside the legend.
fn attribute(svg: &str, class: &str, name: &str) -> Vec<f64> {
    let plot = svg.split("<g class=\"chart-legend\"").next().unwrap_or(svg);
    plot.split('<')
        .filter(|element| element.contains(&format!("class=\"{class}\"")))
        .filter_map(|element| {
            let start = element.find(&format!(" {name}=\""))? + name.len() + 3;
            element[start..].split('"').next()?.parse().ok()
        })
        .collect()
}

/// The text of every tick label on the value axis.
fn tick_labels(svg: &str) -> Vec<String> {
    svg.split("<text ")
        .filter(|t| t.contains("text-anchor=\"end\""))
        .filter_map(|t| Some(t.split_once('>')?.1.split('<').next()?.to_string()))
        .collect()
}

#[test]
fn negative_figures_are_drawn_below_the_zero_line() {
    let svg = chart("%", &[(2016, 4.0), (2017, -6.06)], &[2016, 2017]);
    let zero = attribute(&svg, "chart-zero", "y1");
    let points = attribute(&svg, "chart-actual", "cy");
    assert_eq!(zero.len(), 1, "{svg}");
    assert!(points[0] < zero[0], "4 is above zero");
    assert!(points[1] > zero[0], "-6.06 is below zero, not on it");
    assert_eq!(tick_labels(&svg), ["-10", "-5", "0", "5"]);
}

#[test]
fn ticks_are_numbers_and_the_unit_is_the_axis_title() {
    let svg = chart("percentage (%)", &[(2016, 40.0), (2017, 14310.0)], &[2016, 2017]);
    assert_eq!(tick_labels(&svg), ["0", "5,000", "10,000", "15,000"]);
    assert!(svg.contains(r#"chart-axis-title" x="4.0" y="12.0">percentage (%)</text>"#), "{svg}");
}

#[test]
fn years_outside_the_plan_period_stay_inside_the_plot() {
    let svg = chart("%", &[(2010, 1.0), (2016, 2.0)], &[2016, 2017, 2018]);
    let xs = attribute(&svg, "chart-actual", "cx");
    assert!(xs.iter().all(|x| (LEFT..=WIDTH - RIGHT).contains(x)), "{xs:?}");
}

#[test]
fn figures_far_from_zero_get_an_axis_around_them() {
    assert_eq!(Axis::fit(95.0, 105.0), Axis { low: 95.0, high: 105.0, step: 2.5 });
    assert_eq!(Axis::fit(90.0, 100.0), Axis { low: 90.0, high: 100.0, step: 2.5 });
    assert_eq!(Axis::fit(20.0, 100.0), Axis { low: 0.0, high: 100.0, step: 25.0 }, "near zero: from zero");
    assert_eq!(Axis::fit(0.0, 0.0), Axis { low: 0.0, high: 1.0, step: 0.25 });
}

/// Figures as offices publish them: up to seven significant digits, from 0.0001 to 10¹¹, either
/// sign, up to twelve years.
fn scaled_series() -> impl Strategy<Value = Vec<(u16, f64)>> {
    let figures = prop::collection::btree_map(2000u16..2040, -10_000_000i64..10_000_000, 1..12);
    (figures, -4i32..5).prop_map(|(figures, power)| {
        figures.into_iter().map(|(year, digits)| (year, digits as f64 * 10f64.powi(power))).collect()
    })
}

proptest! {
    #[test]
    fn every_point_is_inside_the_plot_area(figures in scaled_series(), first in 2000u16..2030) {
        let years: Vec<u16> = (first..first + 5).collect();
        let svg = chart("%", &figures, &years);
        for x in attribute(&svg, "chart-actual", "cx") {
            prop_assert!((LEFT..=WIDTH - RIGHT).contains(&x), "x {x} in {svg}");
        }
        for y in attribute(&svg, "chart-actual", "cy") {
            prop_assert!((TOP - 0.05..=HEIGHT - BOTTOM + 0.05).contains(&y), "y {y} in {svg}");
        }
    }

    #[test]
    fn ticks_cover_the_range_in_equal_round_steps(figures in scaled_series()) {
        let axis = Axis::covering(figures.iter().map(|f| f.1));
        let ticks = axis.ticks();
        let (min, max) = figures.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), f| (a.min(f.1), b.max(f.1)));
        prop_assert!(ticks[0] <= min && *ticks.last().unwrap() >= max, "{ticks:?} for {min}..{max}");
        prop_assert!((2..=7).contains(&ticks.len()), "{ticks:?}");
        let mantissa = axis.step / 10f64.powf(axis.step.log10().floor());
        prop_assert!([1.0, 2.0, 2.5, 5.0].iter().any(|m| (m - mantissa).abs() < 1e-9), "step {}", axis.step);
        if min < 0.0 && max > 0.0 {
            prop_assert!(ticks.iter().any(|t| t.abs() < axis.step * 1e-9), "zero is a tick: {ticks:?}");
        }
    }

    #[test]
    fn tick_labels_are_distinct(figures in scaled_series()) {
        let svg = chart("%", &figures, &[2020]);
        let labels = tick_labels(&svg);
        let mut unique = labels.clone();
        unique.dedup();
        prop_assert_eq!(unique, labels);
    }
}

#[test]
fn chart_titles_show_figures_as_the_tables_do() {
    let mut declared = indicator("%", None, &[(2019, 75.26), (2020, 71.0)]);
    let svg = indicator_chart(&declared, &[2019, 2020], crate::render::format::style_for_tests("en"), &LABELS).unwrap();
    assert!(svg.contains("2019: 75.26%"), "as written: {svg}");
    declared.decimals = Some(1);
    let svg = indicator_chart(&declared, &[2019, 2020], crate::render::format::style_for_tests("en"), &LABELS).unwrap();
    assert!(svg.contains("2019: 75.3%") && svg.contains("2020: 71.0%"), "declared decimals: {svg}");
}
