//! SVG charts, built from the model at build time (never computed in templates).
//!
//! The indicator chart shows the straight path from the baseline to the final target (dashed), the
//! targets (diamonds), the baseline (square) and the reported figures (circles joined by a line);
//! sample figures are hollow, so they differ by shape, not only by colour. The year table beside
//! the chart carries the same data for screen readers and print.
//!
//! The value axis spans the real range of the figures, negatives included, in round steps
//! ([`Axis::fit`]); its ticks are plain numbers and the unit is the axis title, so a long unit is
//! never cut into a tick label. A line marks zero wherever it falls inside the axis.

mod lines;

use std::fmt::Write;

pub use lines::{Line, LineLabels, LinePoint, lines_chart};

use super::format::Style;
use crate::model::Indicator;
use crate::progress::Measure;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 280.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 20.0;
const BOTTOM: f64 = 64.0;

/// Labels the chart needs, in the page's language.
pub struct ChartLabels<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub target: &'a str,
    pub actual: &'a str,
    pub sample: &'a str,
    pub baseline: &'a str,
}

/// The chart of an indicator, or `None` when it has no numbers to draw.
pub fn indicator_chart(indicator: &Indicator, years: &[u16], style: Style, labels: &ChartLabels) -> Option<String> {
    let lang = style.lang;
    let direction = indicator.direction;
    let targets: Vec<(u16, f64)> =
        indicator.targets.iter().filter_map(|t| t.value.reference(direction).map(|v| (t.year, v))).collect();
    let actuals: Vec<(u16, f64, bool, u8)> = indicator
        .actuals
        .iter()
        .filter_map(|a| match a.measure {
            Measure::Value(v) => Some((a.year, v, a.sample, a.decimals)),
            Measure::Status(_) => None,
        })
        .collect();
    if targets.is_empty() && actuals.is_empty() {
        return None;
    }
    let baseline = indicator.baseline.as_ref().map(|b| (b.year, b.value));
    let all_years = years
        .iter()
        .copied()
        .chain(baseline.map(|b| b.0))
        .chain(targets.iter().map(|t| t.0))
        .chain(actuals.iter().map(|a| a.0));
    let (first_year, last_year) = all_years.fold(None, |span: Option<(u16, u16)>, year| match span {
        None => Some((year, year)),
        Some((low, high)) => Some((low.min(year), high.max(year))),
    })?;
    let values = targets.iter().map(|t| t.1).chain(actuals.iter().map(|a| a.1)).chain(baseline.map(|b| b.1));
    let scale = Scale { first_year, last_year, axis: Axis::covering(values) };
    let unit = &indicator.unit;
    // With the indicator's declared decimals, as the tables beside the chart show them.
    let q = |v: f64| style.with_unit(style.figure(v, indicator.decimals), unit);

    let mut svg = String::with_capacity(4096);
    let id = &indicator.id;
    let _ = write!(
        svg,
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="chart-{id}-title chart-{id}-desc" xmlns="http://www.w3.org/2000/svg"><title id="chart-{id}-title">{}</title><desc id="chart-{id}-desc">{}</desc>"#,
        escape(labels.title),
        escape(labels.description)
    );
    axes(&mut svg, &scale, unit.get(lang).0, style);
    if let (Some((by, bv)), Some(&(fy, fv))) = (baseline, targets.last()) {
        let _ = write!(
            svg,
            r#"<line class="chart-path" x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}"/>"#,
            scale.x(by),
            scale.y(bv),
            scale.x(fy),
            scale.y(fv)
        );
    }
    if let Some((year, value)) = baseline {
        let (x, y) = (scale.x(year), scale.y(value));
        let _ = write!(
            svg,
            r#"<rect class="chart-baseline" x="{:.1}" y="{:.1}" width="10" height="10"><title>{} {year}: {}</title></rect>"#,
            x - 5.0,
            y - 5.0,
            escape(labels.baseline),
            escape(&q(value))
        );
    }
    for (year, value) in &targets {
        let (x, y) = (scale.x(*year), scale.y(*value));
        let _ = write!(
            svg,
            r#"<path class="chart-target" d="M{x:.1} {:.1} l7 7 l-7 7 l-7 -7 z"><title>{} {year}: {}</title></path>"#,
            y - 7.0,
            escape(labels.target),
            escape(&q(*value))
        );
    }
    if actuals.len() > 1 {
        let points: Vec<String> =
            actuals.iter().map(|(year, value, ..)| format!("{:.1},{:.1}", scale.x(*year), scale.y(*value))).collect();
        let _ = write!(svg, r#"<polyline class="chart-actual-line" points="{}"/>"#, points.join(" "));
    }
    for (year, value, sample, written) in &actuals {
        let class = if *sample { "chart-actual chart-sample" } else { "chart-actual" };
        let label = if *sample { format!("{} ({})", labels.actual, labels.sample) } else { labels.actual.to_string() };
        let _ = write!(
            svg,
            r#"<circle class="{class}" cx="{:.1}" cy="{:.1}" r="6"><title>{} {year}: {}</title></circle>"#,
            scale.x(*year),
            scale.y(*value),
            escape(&label),
            // As published: the declared decimals, else as the office wrote it (`75.26`).
            escape(&style.with_unit(style.published(*value, indicator.decimals, *written), unit))
        );
    }
    legend(&mut svg, labels, actuals.iter().any(|a| a.2));
    svg.push_str("</svg>");
    Some(svg)
}

struct Scale {
    first_year: u16,
    last_year: u16,
    axis: Axis,
}

impl Scale {
    fn x(&self, year: u16) -> f64 {
        self.at(f64::from(year))
    }

    /// The x of a moment in years (`2014.25` is the end of 2015's first quarter).
    fn at(&self, time: f64) -> f64 {
        let span = f64::from(self.last_year.saturating_sub(self.first_year).max(1));
        let since = (time - f64::from(self.first_year)).max(0.0);
        LEFT + 20.0 + (WIDTH - LEFT - RIGHT - 40.0) * since / span
    }

    fn y(&self, value: f64) -> f64 {
        let plot = HEIGHT - TOP - BOTTOM;
        TOP + plot * (self.axis.high - value) / (self.axis.high - self.axis.low)
    }
}

/// The value axis: ticks from `low` to `high` in equal round steps.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Axis {
    pub low: f64,
    pub high: f64,
    pub step: f64,
}

/// At most this many steps between ticks: more would crowd the 200-pixel-high plot.
const MAX_STEPS: f64 = 6.0;

impl Axis {
    /// The axis for a set of figures (none: `0` to `4`).
    pub fn covering(values: impl Iterator<Item = f64>) -> Axis {
        let (min, max) = values
            .filter(|v| v.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(min, max), v| (min.min(v), max.max(v)));
        if min > max { Axis::fit(0.0, 0.0) } else { Axis::fit(min, max) }
    }

    /// Round ticks (1, 2, 2.5 or 5 × 10ⁿ apart) that cover `min..=max`. Zero is on the axis unless
    /// every figure lies far from it on one side (an index around 100, a population of millions
    /// moving by thousands), where starting at zero would flatten every change into a line.
    pub fn fit(min: f64, max: f64) -> Axis {
        let far_from_zero = |near: f64, spread: f64| near.abs() > 2.0 * spread;
        let spread = max - min;
        let (mut low, mut high) = (min, max);
        if !(min > 0.0 && far_from_zero(min, spread)) {
            low = low.min(0.0);
        }
        if !(max < 0.0 && far_from_zero(max, spread)) {
            high = high.max(0.0);
        }
        if high - low <= f64::EPSILON * high.abs().max(low.abs()).max(1.0) {
            let pad = if high == 0.0 { 1.0 } else { high.abs() * 0.1 };
            (low, high) = if high >= 0.0 { (low.min(0.0), high + pad) } else { (low - pad, high.max(0.0)) };
        }
        let mut step = nice_step((high - low) / 4.0);
        loop {
            let axis = Axis { low: (low / step).floor() * step, high: (high / step).ceil() * step, step };
            if axis.steps() <= MAX_STEPS {
                return axis;
            }
            step = nice_step(step * 1.01);
        }
    }

    fn steps(&self) -> f64 {
        ((self.high - self.low) / self.step).round()
    }

    pub fn ticks(&self) -> Vec<f64> {
        (0..=self.steps() as u32).map(|i| self.low + self.step * f64::from(i)).collect()
    }

    /// Enough decimals to tell the ticks apart: none for a step of 5, one for 0.5, two for 0.25.
    fn decimals(&self) -> u8 {
        (0u8..12)
            .find(|d| {
                let scaled = self.step * 10f64.powi(i32::from(*d));
                (scaled - scaled.round()).abs() < 1e-6 * scaled
            })
            .unwrap_or(12)
    }
}

/// The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above `rough`.
fn nice_step(rough: f64) -> f64 {
    let rough = if rough.is_finite() && rough > 0.0 { rough } else { 1.0 };
    let magnitude = 10f64.powf(rough.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|n| n * magnitude)
        .find(|s| *s >= rough * (1.0 - 1e-12))
        .unwrap_or(10.0 * magnitude)
}

fn axes(svg: &mut String, scale: &Scale, unit: &str, style: Style) {
    let decimals = scale.axis.decimals();
    for value in scale.axis.ticks() {
        let y = scale.y(value);
        let _ = write!(
            svg,
            r#"<line class="chart-grid" x1="{LEFT}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}"/><text class="chart-label" x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
            WIDTH - RIGHT,
            LEFT - 6.0,
            y + 4.0,
            escape(&style.figure(value, Some(decimals)))
        );
    }
    if scale.axis.low <= 0.0 && 0.0 <= scale.axis.high {
        let y = scale.y(0.0);
        let _ =
            write!(svg, r#"<line class="chart-zero" x1="{LEFT}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}"/>"#, WIDTH - RIGHT);
    }
    if !unit.trim().is_empty() {
        let _ = write!(
            svg,
            r#"<text class="chart-label chart-axis-title" x="{:.1}" y="{:.1}">{}</text>"#,
            4.0,
            TOP - 8.0,
            escape(unit)
        );
    }
    let years = u32::from(scale.last_year - scale.first_year) + 1;
    let every = years.div_ceil(12).max(1) as usize;
    for year in (scale.first_year..=scale.last_year).step_by(every) {
        let _ = write!(
            svg,
            r#"<text class="chart-label" x="{:.1}" y="{:.1}" text-anchor="middle">{year}</text>"#,
            scale.x(year),
            HEIGHT - BOTTOM + 18.0
        );
    }
}

fn legend(svg: &mut String, labels: &ChartLabels, has_sample: bool) {
    let y = HEIGHT - 18.0;
    let _ = write!(
        svg,
        r#"<g class="chart-legend"><path class="chart-target" d="M{LEFT} {:.1} l6 6 l-6 6 l-6 -6 z"/><text class="chart-label" x="{:.1}" y="{y:.1}">{}</text>"#,
        y - 10.0,
        LEFT + 10.0,
        escape(labels.target)
    );
    let _ = write!(
        svg,
        r#"<circle class="chart-actual" cx="{:.1}" cy="{:.1}" r="6"/><text class="chart-label" x="{:.1}" y="{y:.1}">{}</text>"#,
        LEFT + 150.0,
        y - 4.0,
        LEFT + 160.0,
        escape(labels.actual)
    );
    if has_sample {
        let _ = write!(
            svg,
            r#"<circle class="chart-actual chart-sample" cx="{:.1}" cy="{:.1}" r="6"/><text class="chart-label" x="{:.1}" y="{y:.1}">{}</text>"#,
            LEFT + 300.0,
            y - 4.0,
            LEFT + 310.0,
            escape(labels.sample)
        );
    }
    svg.push_str("</g>");
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests;
