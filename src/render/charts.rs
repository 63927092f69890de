//! SVG charts, built from the model at build time (never computed in templates).
//!
//! The indicator chart shows the straight path from the baseline to the final target (dashed), the
//! targets (diamonds), the baseline (square) and the reported figures (circles joined by a line);
//! sample figures are hollow, so they differ by shape, not only by colour. The year table beside
//! the chart carries the same data for screen readers and print.

use std::fmt::Write;

use super::format;
use crate::i18n::Lang;
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
pub fn indicator_chart(indicator: &Indicator, years: &[u16], lang: Lang, labels: &ChartLabels) -> Option<String> {
    let direction = indicator.direction;
    let targets: Vec<(u16, f64)> =
        indicator.targets.iter().filter_map(|t| t.value.reference(direction).map(|v| (t.year, v))).collect();
    let actuals: Vec<(u16, f64, bool)> = indicator
        .actuals
        .iter()
        .filter_map(|a| match a.measure {
            Measure::Value(v) => Some((a.year, v, a.sample)),
            Measure::Status(_) => None,
        })
        .collect();
    if targets.is_empty() && actuals.is_empty() {
        return None;
    }
    let baseline = indicator.baseline.as_ref().map(|b| (b.year, b.value));
    let first_year = baseline.map(|b| b.0).into_iter().chain(years.first().copied()).min()?;
    let last_year = *years.last()?;
    let values = targets.iter().map(|t| t.1).chain(actuals.iter().map(|a| a.1)).chain(baseline.map(|b| b.1));
    let max = values.fold(0.0_f64, f64::max);
    let top = if indicator.is_percentage() { 100.0_f64.min(nice_ceiling(max)) } else { nice_ceiling(max) };
    let scale = Scale { first_year, last_year, top };
    let unit = &indicator.unit;
    let q = |v: f64| format::quantity(v, unit, lang);

    let mut svg = String::with_capacity(4096);
    let id = &indicator.id;
    let _ = write!(
        svg,
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="chart-{id}-title chart-{id}-desc" xmlns="http://www.w3.org/2000/svg"><title id="chart-{id}-title">{}</title><desc id="chart-{id}-desc">{}</desc>"#,
        escape(labels.title),
        escape(labels.description)
    );
    axes(&mut svg, &scale, &q);
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
            actuals.iter().map(|(year, value, _)| format!("{:.1},{:.1}", scale.x(*year), scale.y(*value))).collect();
        let _ = write!(svg, r#"<polyline class="chart-actual-line" points="{}"/>"#, points.join(" "));
    }
    for (year, value, sample) in &actuals {
        let class = if *sample { "chart-actual chart-sample" } else { "chart-actual" };
        let label = if *sample { format!("{} ({})", labels.actual, labels.sample) } else { labels.actual.to_string() };
        let _ = write!(
            svg,
            r#"<circle class="{class}" cx="{:.1}" cy="{:.1}" r="6"><title>{} {year}: {}</title></circle>"#,
            scale.x(*year),
            scale.y(*value),
            escape(&label),
            escape(&q(*value))
        );
    }
    legend(&mut svg, labels, actuals.iter().any(|a| a.2));
    svg.push_str("</svg>");
    Some(svg)
}

struct Scale {
    first_year: u16,
    last_year: u16,
    top: f64,
}

impl Scale {
    fn x(&self, year: u16) -> f64 {
        let span = f64::from(self.last_year.saturating_sub(self.first_year).max(1));
        LEFT + 20.0 + (WIDTH - LEFT - RIGHT - 40.0) * f64::from(year.saturating_sub(self.first_year)) / span
    }

    fn y(&self, value: f64) -> f64 {
        let plot = HEIGHT - TOP - BOTTOM;
        TOP + plot - plot * (value / self.top).clamp(0.0, 1.05)
    }
}

fn axes(svg: &mut String, scale: &Scale, q: &dyn Fn(f64) -> String) {
    for step in 0..=4 {
        let value = scale.top * f64::from(step) / 4.0;
        let y = scale.y(value);
        let _ = write!(
            svg,
            r#"<line class="chart-grid" x1="{LEFT}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}"/><text class="chart-label" x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
            WIDTH - RIGHT,
            LEFT - 6.0,
            y + 4.0,
            escape(&q(value))
        );
    }
    for year in scale.first_year..=scale.last_year {
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

/// The top of the axis: four equal steps of 1, 2, 2.5 or 5 × 10ⁿ, with 5% headroom above the
/// highest value, so every tick label is a round number.
fn nice_ceiling(value: f64) -> f64 {
    if value <= 0.0 {
        return 4.0;
    }
    let rough_step = value * 1.05 / 4.0;
    let magnitude = 10f64.powf(rough_step.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|n| n * magnitude)
        .find(|s| *s >= rough_step)
        .unwrap_or(10.0 * magnitude);
    let step = if step < 1.0 && value >= 1.0 { 1.0 } else { step };
    step * 4.0
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_tops_are_round_and_above_the_data() {
        assert_eq!(nice_ceiling(90.0), 100.0);
        assert_eq!(nice_ceiling(14310.0), 20000.0);
        assert_eq!(nice_ceiling(3.0), 4.0, "counts get whole-number ticks");
    }
}
