//! How numbers, quantities and targets read in each language.

use crate::i18n::{Lang, Localized};
use crate::progress::TargetValue;

/// `14310`, `99.27`, `85`: no trailing zeros, at most two decimals.
pub fn number(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        let text = format!("{rounded:.2}");
        text.trim_end_matches('0').to_string()
    }
}

/// A value with its unit: `85%`, `100所` in Chinese, `100 schools` in English.
pub fn quantity(value: f64, unit: &Localized, lang: Lang) -> String {
    let (unit, _) = unit.get(lang);
    let value = number(value);
    if unit == "%" || lang.source() == Lang::Zh || unit.is_empty() {
        format!("{value}{unit}")
    } else {
        format!("{value} {unit}")
    }
}

/// A target in words: `不低于85%` / `at least 85%`.
pub fn target(value: &TargetValue, unit: &Localized, lang: Lang) -> String {
    let q = |v: f64| quantity(v, unit, lang);
    match (value, lang.source()) {
        (TargetValue::AtLeast(v), Lang::En) => format!("at least {}", q(*v)),
        (TargetValue::AtLeast(v), _) => format!("不低于{}", q(*v)),
        (TargetValue::AtMost(v), Lang::En) => format!("at most {}", q(*v)),
        (TargetValue::AtMost(v), _) => format!("不高于{}", q(*v)),
        (TargetValue::Exactly(v), _) => q(*v),
        (TargetValue::Between(low, high), _) => format!("{}–{}", number(*low), q(*high)),
        (TargetValue::Text(text), _) => text.get(lang).0.to_string(),
    }
}

pub fn date(date: jiff::civil::Date, lang: Lang) -> String {
    match lang {
        Lang::En => date.strftime("%-d %B %Y").to_string(),
        _ => format!("{}年{}月{}日", date.year(), date.month(), date.day()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_drop_trailing_zeros() {
        assert_eq!(number(85.0), "85");
        assert_eq!(number(99.27), "99.27");
        assert_eq!(number(14.90), "14.9");
        assert_eq!(number(14310.0), "14310");
    }

    #[test]
    fn targets_read_naturally_in_both_languages() {
        let percent = Localized::new("%", "%");
        let schools = Localized::new("所", "schools");
        assert_eq!(target(&TargetValue::AtLeast(85.0), &percent, Lang::Zh), "不低于85%");
        assert_eq!(target(&TargetValue::AtLeast(85.0), &percent, Lang::En), "at least 85%");
        assert_eq!(target(&TargetValue::Between(2.0, 3.0), &schools, Lang::En), "2–3 schools");
        assert_eq!(target(&TargetValue::Exactly(100.0), &schools, Lang::Zh), "100所");
    }
}
