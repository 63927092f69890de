//! Line charts of a breakdown: one line per row of its table (a value of a dimension, or a
//! combination of values), over the years, on the same numeric axis as the indicator chart. Lines
//! differ by dash pattern and marker as well as colour, and each is named in a legend below the
//! plot; the table beside the chart carries every figure for screen readers and print.

use std::fmt::Write;

use super::{Axis, HEIGHT, LEFT, Scale, WIDTH, axes, escape};
use crate::render::format::Style;

/// One line: a row of a breakdown table.
pub struct Line {
    pub label: String,
    /// The row's dimension values, as its table row names them (`data-key`), for the selector.
    pub key: String,
    pub points: Vec<LinePoint>,
}

pub struct LinePoint {
    /// Where the figure is drawn, in years: the end of its period ([`crate::model::statistics::Period::time`]).
    pub time: f64,
    /// The period as its table column names it.
    pub label: String,
    pub value: f64,
    pub sample: bool,
}

pub struct LineLabels<'a> {
    /// The chart's HTML id.
    pub id: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub unit: &'a str,
    pub sample: &'a str,
    /// How the page's language writes the figures.
    pub style: Style<'a>,
}

/// Height of one legend row.
const LEGEND_ROW: f64 = 20.0;
/// Where the legend starts: below the year labels.
const LEGEND_TOP: f64 = HEIGHT - 34.0;
/// A line with at most this many points has a marker on each; longer ones only on sample figures,
/// which a hollow marker sets apart. The table beside the chart gives every figure: markers on
/// every point of hundreds of lines would make a page of megabytes.
const MARKED_POINTS: usize = 2;
/// Distinct styles (colour, dash, marker) before they repeat.
pub const STYLES: usize = 8;

/// The chart of some rows of a breakdown; empty when none of them has a figure.
pub fn lines_chart(lines: &[Line], labels: &LineLabels) -> String {
    let times = lines.iter().flat_map(|l| l.points.iter().map(|p| p.time));
    let (first, last) = times.fold((f64::INFINITY, f64::NEG_INFINITY), |(low, high), t| (low.min(t), high.max(t)));
    if first > last {
        return String::new();
    }
    let (first_year, last_year) = (first.floor() as u16, last.ceil() as u16);
    let values = lines.iter().flat_map(|l| l.points.iter().map(|p| p.value));
    let scale = Scale { first_year, last_year, axis: Axis::covering(values) };
    let height = LEGEND_TOP + LEGEND_ROW * lines.len() as f64 + 6.0;
    let id = labels.id;
    let mut svg = String::with_capacity(2048 + 64 * lines.len());
    let _ = write!(
        svg,
        r#"<svg class="chart chart-lines" viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape(labels.title),
        escape(labels.description)
    );
    axes(&mut svg, &scale, labels.unit, labels.style);
    for (index, line) in lines.iter().enumerate() {
        let style = index % STYLES;
        let _ = write!(svg, r#"<g class="chart-row chart-line-{style}" data-key="{}">"#, escape(&line.key));
        if line.points.len() > 1 {
            svg.push_str(r#"<polyline class="chart-line" points=""#);
            for (n, point) in line.points.iter().enumerate() {
                let separator = if n == 0 { "" } else { " " };
                let _ = write!(svg, "{separator}{:.1},{:.1}", scale.at(point.time), scale.y(point.value));
            }
            svg.push_str(r#""/>"#);
        }
        let marked = line.points.len() <= MARKED_POINTS;
        for point in line.points.iter().filter(|p| marked || p.sample) {
            let (class, sample) = if point.sample {
                ("chart-point chart-sample", format!(" ({})", labels.sample))
            } else {
                ("chart-point", String::new())
            };
            let _ = write!(
                svg,
                r#"<circle class="{class}" cx="{:.1}" cy="{:.1}" r="4"><title>{} {}: {}{}</title></circle>"#,
                scale.at(point.time),
                scale.y(point.value),
                escape(&line.label),
                escape(&point.label),
                escape(&labels.style.number(point.value)),
                escape(&sample)
            );
        }
        let y = LEGEND_TOP + LEGEND_ROW * index as f64 + 12.0;
        let _ = write!(
            svg,
            r#"<line class="chart-line" x1="{LEFT}" y1="{:.1}" x2="{:.1}" y2="{:.1}"/><text class="chart-label" x="{:.1}" y="{:.1}">{}</text></g>"#,
            y - 4.0,
            LEFT + 28.0,
            y - 4.0,
            LEFT + 36.0,
            y,
            escape(&line.label)
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(key: &str, points: &[(u16, f64)]) -> Line {
        Line {
            label: key.into(),
            key: key.into(),
            points: points
                .iter()
                .map(|(year, value)| LinePoint {
                    time: f64::from(*year),
                    label: year.to_string(),
                    value: *value,
                    sample: false,
                })
                .collect(),
        }
    }

    fn labels() -> LineLabels<'static> {
        let style = crate::render::format::style_for_tests("en");
        LineLabels { id: "c", title: "t", description: "d", unit: "%", sample: "sample", style }
    }

    #[test]
    fn each_row_is_a_named_line_with_its_key() {
        let svg = lines_chart(&[line("0", &[(2015, 1.0), (2016, -2.0)]), line("1", &[(2015, 3.0)])], &labels());
        assert_eq!(svg.matches("<polyline").count(), 1, "a single point is a marker, not a line");
        assert!(svg.contains(r#"data-key="0""#) && svg.contains(r#"data-key="1""#));
        assert!(svg.contains(">-2<") || svg.contains("-2"), "negative figures are on the axis");
        assert!(svg.contains("chart-line-1"), "the second line has the second style");
    }

    #[test]
    fn no_figures_no_chart() {
        assert!(lines_chart(&[line("0", &[])], &labels()).is_empty());
    }
}
