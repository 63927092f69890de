//! How numbers, quantities and targets read in each language.

use crate::i18n::{Lang, Localized};
use crate::model::vocabulary::Direction;
use crate::progress::{Basis, Relative, TargetValue};

/// `14,310`, `99.27`, `-6.06`: digits grouped in threes, no trailing zeros, at most two decimals.
pub fn number(value: f64) -> String {
    figure(value, None)
}

/// A figure with a declared number of decimals (`Some(1)`: `85.0`), or at most two without
/// trailing zeros (`None`). Digits before the point are grouped in threes with `,` in every
/// language: Chinese statistical yearbooks group as English does (14,310), not by 万.
pub fn figure(value: f64, decimals: Option<u8>) -> String {
    let places = usize::from(decimals.unwrap_or(2).min(17));
    let mut text = format!("{value:.places$}");
    if decimals.is_none() && text.contains('.') {
        text.truncate(text.trim_end_matches('0').trim_end_matches('.').len());
    }
    if text.trim_start_matches('-').trim_matches(['0', '.']).is_empty() {
        // -0.001 rounds to `-0`: a sign on nothing reads as a figure below zero.
        text = text.trim_start_matches('-').to_string();
    }
    group_thousands(&text)
}

fn group_thousands(text: &str) -> String {
    let (sign, unsigned) = text.strip_prefix('-').map_or(("", text), |rest| ("-", rest));
    let (whole, fraction) = unsigned.split_once('.').map_or((unsigned, None), |(w, f)| (w, Some(f)));
    let mut grouped = String::with_capacity(text.len() + whole.len() / 3);
    grouped.push_str(sign);
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    if let Some(fraction) = fraction {
        grouped.push('.');
        grouped.push_str(fraction);
    }
    grouped
}

/// A published figure as its office wrote it: with the declared decimals, else with the decimals
/// it was written with (`85.50` stays `85.50`, `0.004` is not rounded away).
pub fn published(value: f64, declared: Option<u8>, written: u8) -> String {
    figure(value, Some(declared.unwrap_or(written)))
}

/// A value with its unit: `85%`, `100所` in Chinese, `100 schools` in English.
pub fn quantity(value: f64, unit: &Localized, lang: Lang) -> String {
    with_unit(number(value), unit, lang)
}

/// A number already formatted, with its unit.
pub fn with_unit(value: String, unit: &Localized, lang: Lang) -> String {
    let (unit, _) = unit.get(lang);
    if unit == "%" || is_chinese(lang) || unit.is_empty() {
        format!("{value}{unit}")
    } else {
        format!("{value} {unit}")
    }
}

/// A target in words: `不低于85%` / `at least 85%`.
pub fn target(value: &TargetValue, unit: &Localized, lang: Lang) -> String {
    let q = |v: f64| quantity(v, unit, lang);
    match (value, is_chinese(lang)) {
        (TargetValue::AtLeast(v), false) => format!("at least {}", q(*v)),
        (TargetValue::AtLeast(v), true) => format!("不低于{}", q(*v)),
        (TargetValue::AtMost(v), false) => format!("at most {}", q(*v)),
        (TargetValue::AtMost(v), true) => format!("不高于{}", q(*v)),
        (TargetValue::Exactly(v), _) => q(*v),
        (TargetValue::Between(low, high), _) => format!("{}–{}", number(*low), q(*high)),
        (TargetValue::Relative(relative), _) => relative_target(relative, unit, lang),
        (TargetValue::Text(text), _) => text.get(lang).0.to_string(),
    }
}

/// A relative target in the words plans use: 较上年降低1个百分点, 不低于上年, 高于全省平均水平;
/// 1 percentage point below the previous year, no lower than the previous year, above the
/// provincial average.
fn relative_target(relative: &Relative, unit: &Localized, lang: Lang) -> String {
    let english = !is_chinese(lang);
    let compared = match (&relative.basis, english) {
        (Basis::PreviousYear, true) => "the previous year".to_string(),
        (Basis::PreviousYear, false) => "上年".to_string(),
        (Basis::Benchmark(benchmark), _) => benchmark.name.get(lang).0.to_string(),
    };
    let higher = relative.direction == Direction::Increase;
    if relative.change != 0.0 {
        let size = relative.change.abs();
        let amount = match (unit.any_is("%"), english) {
            (true, true) if size == 1.0 => "1 percentage point".to_string(),
            (true, true) => format!("{} percentage points", number(size)),
            (true, false) => format!("{}个百分点", number(size)),
            (false, _) => quantity(size, unit, lang),
        };
        let up = relative.change > 0.0;
        return match (english, &relative.basis, up) {
            (true, _, true) => format!("{amount} above {compared}"),
            (true, _, false) => format!("{amount} below {compared}"),
            (false, Basis::PreviousYear, true) => format!("较上年提高{amount}"),
            (false, Basis::PreviousYear, false) => format!("较上年降低{amount}"),
            (false, Basis::Benchmark(_), true) => format!("高于{compared}{amount}"),
            (false, Basis::Benchmark(_), false) => format!("低于{compared}{amount}"),
        };
    }
    match (english, higher, relative.strictly) {
        (true, true, true) => format!("above {compared}"),
        (true, true, false) => format!("no lower than {compared}"),
        (true, false, true) => format!("below {compared}"),
        (true, false, false) => format!("no higher than {compared}"),
        (false, true, true) => format!("高于{compared}"),
        (false, true, false) => format!("不低于{compared}"),
        (false, false, true) => format!("低于{compared}"),
        (false, false, false) => format!("不高于{compared}"),
    }
}

pub fn date(date: jiff::civil::Date, lang: Lang) -> String {
    if is_chinese(lang) {
        format!("{}年{}月{}日", date.year(), date.month(), date.day())
    } else {
        date.strftime("%-d %B %Y").to_string()
    }
}

fn is_chinese(lang: Lang) -> bool {
    lang.primary() == "zh"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_drop_trailing_zeros() {
        assert_eq!(number(85.0), "85");
        assert_eq!(number(99.27), "99.27");
        assert_eq!(number(14.90), "14.9");
        assert_eq!(number(0.004), "0");
    }

    #[test]
    fn numbers_are_grouped_in_threes() {
        assert_eq!(number(14310.0), "14,310");
        assert_eq!(number(398271.0), "398,271");
        assert_eq!(number(1234567.891), "1,234,567.89");
        assert_eq!(number(999.0), "999");
        assert_eq!(number(1000.0), "1,000");
    }

    #[test]
    fn negative_numbers_keep_their_sign_and_grouping() {
        assert_eq!(number(-6.06), "-6.06");
        assert_eq!(number(-527264178.8), "-527,264,178.8");
        assert_eq!(number(-0.001), "0", "no sign on a figure that rounds to zero");
    }

    #[test]
    fn a_declared_precision_keeps_its_zeros() {
        assert_eq!(figure(85.0, Some(1)), "85.0");
        assert_eq!(figure(14310.0, Some(0)), "14,310");
        assert_eq!(figure(-3835.71809166285, Some(2)), "-3,835.72");
    }

    fn languages() -> [Lang; 3] {
        let languages = crate::i18n::Languages::from_tags(&["zh", "en", "zh-hant"]);
        [languages[0], languages[1], languages[2]]
    }

    #[test]
    fn published_figures_keep_their_written_decimals() {
        assert_eq!(published(85.5, None, 2), "85.50");
        assert_eq!(published(0.004, None, 3), "0.004");
        assert_eq!(published(97.1834, None, 4), "97.1834");
        assert_eq!(published(97.1834, Some(1), 4), "97.2", "a declared precision wins");
        assert_eq!(published(398271.0, None, 0), "398,271");
    }

    #[test]
    fn quantities_are_grouped_in_every_language() {
        let [zh, en, hant] = languages();
        let schools = Localized::from_texts([("zh", "所"), ("en", "schools")]);
        assert_eq!(quantity(14310.0, &schools, zh), "14,310所");
        assert_eq!(quantity(14310.0, &schools, en), "14,310 schools");
        assert_eq!(quantity(14310.0, &schools, hant), "14,310所");
    }

    #[test]
    fn targets_read_naturally_in_both_languages() {
        let [zh, en, _] = languages();
        let percent = Localized::from_texts([("zh", "%"), ("en", "%")]);
        let schools = Localized::from_texts([("zh", "所"), ("en", "schools")]);
        assert_eq!(target(&TargetValue::AtLeast(85.0), &percent, zh), "不低于85%");
        assert_eq!(target(&TargetValue::AtLeast(85.0), &percent, en), "at least 85%");
        assert_eq!(target(&TargetValue::Between(2.0, 3.0), &schools, en), "2–3 schools");
        assert_eq!(target(&TargetValue::Exactly(100.0), &schools, zh), "100所");
    }

    #[test]
    fn relative_targets_read_as_plans_word_them() {
        let [zh, en, _] = languages();
        let percent = Localized::from_texts([("zh", "%"), ("en", "%")]);
        let relative =
            |basis, change, strictly, direction| TargetValue::Relative(Relative { basis, change, strictly, direction });
        let fall = relative(Basis::PreviousYear, -1.0, false, Direction::Decrease);
        assert_eq!(target(&fall, &percent, zh), "较上年降低1个百分点");
        assert_eq!(target(&fall, &percent, en), "1 percentage point below the previous year");
        let not_lower = relative(Basis::PreviousYear, 0.0, false, Direction::Increase);
        assert_eq!(target(&not_lower, &percent, zh), "不低于上年");
        assert_eq!(target(&not_lower, &percent, en), "no lower than the previous year");
        let rising = relative(Basis::PreviousYear, 0.0, true, Direction::Increase);
        assert_eq!(target(&rising, &percent, zh), "高于上年");
        let province = crate::progress::Benchmark {
            name: Localized::from_texts([("zh", "全省平均水平"), ("en", "the provincial average")]),
            value: None,
            sample: false,
            source: None,
        };
        let above = relative(Basis::Benchmark(province), 0.0, true, Direction::Increase);
        assert_eq!(target(&above, &percent, zh), "高于全省平均水平");
        assert_eq!(target(&above, &percent, en), "above the provincial average");
    }
}
