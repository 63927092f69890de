//! What offices write in a `Year` column, read as a [`Period`].
//!
//! The plain forms are years and ranges of years: `2015`, `2015-2016`, `2015–2016`, `2015/2016`,
//! `2015/16`, `2015 to 2016` (as the UK publishes), and `2015.0` (a year that went through a
//! spreadsheet's number format). Anything else with a year in it is a period too, labelled as
//! written: `2015 Q1`, `2015年第一季度` and `2000 01` are parts of a year (their quarter or month
//! orders them within it); `2019/20 [Note 9]`, `2001-2005 (baseline)`, `2010/11 to 2012/13` and
//! `01 May to 30 June 2020` run from their first year to their last. A text without a year is not a
//! period.

use super::Period;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

pub(super) fn year(number: i64) -> Option<u16> {
    (1900..=2100).contains(&number).then_some(number as u16)
}

pub fn parse_period(text: &str) -> Option<Period> {
    let text = text.trim();
    if let Some(period) = plain(text) {
        return Some(period);
    }
    let years = years_in(text);
    let (&start, &end) = (years.first()?, years.last()?);
    if end < start {
        return None;
    }
    Some(Period { start, end, part: part_of_year(text), label: Some(text.into()) })
}

/// The forms that need no label.
fn plain(text: &str) -> Option<Period> {
    if let Some(whole) = text.strip_suffix(".0") {
        return year(whole.parse().ok()?).map(Period::year);
    }
    let split = text.split_once(" to ").or_else(|| text.split_once(['-', '–', '/']));
    let Some((start, end)) = split else {
        return year(text.parse().ok()?).map(Period::year);
    };
    let start = year(start.trim().parse().ok()?)?;
    let end = match end.trim() {
        short if short.len() == 2 => year(i64::from(start / 100 * 100) + short.parse::<i64>().ok()?)?,
        full if full.len() == 4 => year(full.parse().ok()?)?,
        _ => return None,
    };
    (end > start).then_some(Period::years(start, end))
}

/// The years a text names, in order: four-digit numbers, and the two digits of a school year after
/// its first year (`2010/11`).
fn years_in(text: &str) -> Vec<u16> {
    let mut years = Vec::new();
    let bytes = text.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        if !bytes[index].is_ascii_digit() {
            index += 1;
            continue;
        }
        let start = index;
        while index < bytes.len() && bytes[index].is_ascii_digit() {
            index += 1;
        }
        let digits = &text[start..index];
        match digits.len() {
            4 => years.extend(year(digits.parse().unwrap_or(0))),
            2 if start > 0
                && bytes[start - 1] == b'/'
                && start >= 5
                && text[..start - 1].ends_with(|c: char| c.is_ascii_digit()) =>
            {
                if let Some(&previous) = years.last() {
                    let mut expanded = previous / 100 * 100 + digits.parse::<u16>().unwrap_or(0);
                    if expanded < previous {
                        expanded += 100;
                    }
                    years.extend(year(i64::from(expanded)));
                }
            }
            _ => {}
        }
    }
    years
}

/// The month a part of a year ends in: a quarter (`Q1`, `1季度`, `第一季度`), a month number after
/// the year (`2000 01`, `2015年3月`) or the last month named (`01 May to 30 June 2020`); 0 for none.
fn part_of_year(text: &str) -> u8 {
    let lower = text.to_lowercase();
    for (quarter, names) in [
        (1, ["q1", "1季度", "一季度"]),
        (2, ["q2", "2季度", "二季度"]),
        (3, ["q3", "3季度", "三季度"]),
        (4, ["q4", "4季度", "四季度"]),
    ] {
        if names.iter().any(|name| lower.contains(name)) {
            return quarter * 3;
        }
    }
    if let Some((before, _)) = lower.split_once('月') {
        let digits: String =
            before.chars().rev().take_while(char::is_ascii_digit).collect::<Vec<_>>().into_iter().rev().collect();
        if let Ok(month @ 1..=12) = digits.parse::<u8>() {
            return month;
        }
    }
    let bytes = lower.as_bytes();
    if bytes.len() == 7
        && bytes[4] == b' '
        && lower[..4].bytes().all(|b| b.is_ascii_digit())
        && let Ok(month @ 1..=12) = lower[5..].parse::<u8>()
    {
        return month;
    }
    MONTHS
        .iter()
        .enumerate()
        .filter_map(|(i, name)| lower.rfind(name).map(|at| (at, i as u8 + 1)))
        .max()
        .map_or(0, |(_, m)| m)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<(u16, u16, u8, Option<String>)> {
        parse_period(text).map(|p| (p.start, p.end, p.part, p.label.map(|l| l.to_string())))
    }

    #[test]
    fn plain_years_and_ranges_need_no_label() {
        assert_eq!(read("2015"), Some((2015, 2015, 0, None)));
        assert_eq!(read("2015.0"), Some((2015, 2015, 0, None)));
        assert_eq!(read("2015-2016"), Some((2015, 2016, 0, None)));
        assert_eq!(read("2015/16"), Some((2015, 2016, 0, None)));
        assert_eq!(read("2010 to 2011"), Some((2010, 2011, 0, None)));
        assert_eq!(read("2016-2015"), None, "a period ends after it starts");
        assert_eq!(read("15"), None);
        assert_eq!(read("There is no data for this indicator yet"), None);
    }

    #[test]
    fn parts_of_a_year_are_ordered_by_the_month_they_end_in() {
        assert_eq!(read("2015 Q1"), Some((2015, 2015, 3, Some("2015 Q1".into()))));
        assert_eq!(read("2015年第四季度").map(|p| p.2), Some(12));
        assert_eq!(read("2000 01").map(|p| p.2), Some(1));
        assert_eq!(read("2015年3月").map(|p| p.2), Some(3));
        assert_eq!(read("01 May to 30 June 2020"), Some((2020, 2020, 6, Some("01 May to 30 June 2020".into()))));
    }

    #[test]
    fn annotated_periods_keep_their_label() {
        assert_eq!(
            read("2019/20 [Note 9]").map(|p| (p.0, p.1, p.3)),
            Some((2019, 2020, Some("2019/20 [Note 9]".into())))
        );
        assert_eq!(read("2001-2005 (baseline)").map(|p| (p.0, p.1)), Some((2001, 2005)));
        assert_eq!(read("2010/11 to 2012/13").map(|p| (p.0, p.1)), Some((2010, 2013)));
        assert_eq!(read("2010/11-2012/13").map(|p| (p.0, p.1)), Some((2010, 2013)));
        assert_eq!(read("1974b").map(|p| (p.0, p.1, p.2)), Some((1974, 1974, 0)));
    }
}
