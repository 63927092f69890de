//! How numbers, quantities and targets read in each language.

use crate::i18n::{Lang, Localized};
use crate::model::vocabulary::Direction;
use crate::progress::{Basis, Relative, TargetValue};
use crate::theme::Strings;

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

/// How one language writes figures on a page: digits, separators and signs as CLDR has them for
/// the language (`14,310.5` in English and Chinese, `14 310,5` in French), the words around them
/// (`at least`, `不低于`, the order of a date) from the theme's UI strings, so that a language is
/// added by adding its strings file.
#[derive(Clone, Copy)]
pub struct Style<'a> {
    pub lang: Lang,
    strings: &'a Strings,
}

impl<'a> Style<'a> {
    pub fn new(lang: Lang, strings: &'a Strings) -> Self {
        Style { lang, strings }
    }

    fn word(&self, key: &str) -> &'a str {
        self.strings.get(key).map_or("", String::as_str)
    }

    fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        values
            .iter()
            .fold(self.word(key).to_string(), |text, (name, value)| text.replace(&format!("{{{name}}}"), value))
    }

    /// [`number`] in the language's digits and separators.
    pub fn number(&self, value: f64) -> String {
        self.digits(&number(value))
    }

    /// [`figure`] in the language's digits and separators.
    pub fn figure(&self, value: f64, decimals: Option<u8>) -> String {
        self.digits(&figure(value, decimals))
    }

    /// [`published`] in the language's digits and separators.
    pub fn published(&self, value: f64, declared: Option<u8>, written: u8) -> String {
        self.digits(&published(value, declared, written))
    }

    /// A figure formatted by [`figure`] (`-1,234.50`) rewritten as the language writes it.
    fn digits(&self, figure: &str) -> String {
        let Some(formatter) = decimal_formatter(self.lang) else { return figure.to_string() };
        let plain: String = figure.chars().filter(|c| *c != ',').collect();
        match plain.parse::<icu_decimal::input::Decimal>() {
            Ok(decimal) => formatter.format(&decimal).to_string(),
            Err(_) => figure.to_string(),
        }
    }

    /// A value with its unit: `85%`, `100所` in Chinese, `100 schools` in English.
    pub fn quantity(&self, value: f64, unit: &Localized) -> String {
        self.with_unit(self.number(value), unit)
    }

    /// A number already formatted, with its unit, in the order of the language's `quantity`
    /// string (`quantity_percent` for `%`).
    pub fn with_unit(&self, value: String, unit: &Localized) -> String {
        let (unit, _) = unit.get(self.lang);
        match unit {
            "" => value,
            "%" => self.fill("quantity_percent", &[("value", &value)]),
            unit => self.fill("quantity", &[("value", &value), ("unit", unit)]),
        }
    }

    /// A target in words: `不低于85%` / `at least 85%`.
    pub fn target(&self, value: &TargetValue, unit: &Localized) -> String {
        let q = |v: f64| self.quantity(v, unit);
        match value {
            TargetValue::AtLeast(v) => self.fill("target_at_least", &[("value", &q(*v))]),
            TargetValue::AtMost(v) => self.fill("target_at_most", &[("value", &q(*v))]),
            TargetValue::Exactly(v) => q(*v),
            TargetValue::Between(low, high) => {
                self.fill("target_between", &[("low", &self.number(*low)), ("high", &q(*high))])
            }
            TargetValue::Relative(relative) => self.relative_target(relative, unit),
            TargetValue::Text(text) => text.get(self.lang).0.to_string(),
        }
    }

    /// A relative target in the words plans use: 较上年降低1个百分点, 不低于上年, 高于全省平均水平;
    /// 1 percentage point below the previous year, no lower than the previous year, above the
    /// provincial average.
    fn relative_target(&self, relative: &Relative, unit: &Localized) -> String {
        let compared = match &relative.basis {
            Basis::PreviousYear => self.word("relative_previous_year").to_string(),
            Basis::Benchmark(benchmark) => benchmark.name.get(self.lang).0.to_string(),
        };
        if relative.change != 0.0 {
            let size = relative.change.abs();
            let amount = match unit.any_is("%") {
                true if size == 1.0 => self.word("relative_one_point").to_string(),
                true => self.fill("relative_points", &[("count", &self.number(size))]),
                false => self.quantity(size, unit),
            };
            let key = match (&relative.basis, relative.change > 0.0) {
                (Basis::PreviousYear, true) => "relative_previous_up",
                (Basis::PreviousYear, false) => "relative_previous_down",
                (Basis::Benchmark(_), true) => "relative_benchmark_up",
                (Basis::Benchmark(_), false) => "relative_benchmark_down",
            };
            return self.fill(key, &[("amount", &amount), ("compared", &compared)]);
        }
        let key = match (relative.direction == Direction::Increase, relative.strictly) {
            (true, true) => "relative_above",
            (true, false) => "relative_no_lower",
            (false, true) => "relative_below",
            (false, false) => "relative_no_higher",
        };
        self.fill(key, &[("compared", &compared)])
    }

    /// A date as the language's `date` string orders it, with its `month_<n>` names.
    pub fn date(&self, date: jiff::civil::Date) -> String {
        let month = self.word(&format!("month_{}", date.month()));
        let (year, number, day) = (date.year().to_string(), date.month().to_string(), date.day().to_string());
        self.fill("date", &[("year", &year), ("month", month), ("month_number", &number), ("day", &day)])
    }
}

/// The style of a language of the built-in theme, for tests: its own strings, then English ones.
#[cfg(test)]
pub fn style_for_tests(key: &str) -> Style<'static> {
    let languages = crate::i18n::Languages::from_tags(&["zh", "en", "zh-hant", "fr", "ug"]);
    let lang = languages.find(key).expect("a language of the test site");
    let file = |name: &str| {
        let (_, bytes) =
            crate::theme::embedded_theme().iter().find(|(path, _)| *path == format!("i18n/{name}.yaml"))?;
        crate::yaml::parse::<Strings>(&String::from_utf8_lossy(bytes), std::path::Path::new(name)).ok()
    };
    let mut strings = file(lang.source().code()).unwrap_or_default();
    for (key, value) in file("en").unwrap_or_default() {
        strings.entry(key).or_insert(value);
    }
    Style::new(lang, Box::leak(Box::new(strings)))
}

/// The CLDR number formatter of `lang`, made once per language and thread: making one reads its
/// data, formatting with it does not. `None` where the language writes numbers as [`figure`]
/// does (Chinese, English and most others), so that their pages pay nothing for it.
fn decimal_formatter(lang: Lang) -> Option<std::rc::Rc<icu_decimal::DecimalFormatter>> {
    use std::cell::RefCell;
    use std::collections::HashMap;
    type Formatters = HashMap<&'static str, Option<std::rc::Rc<icu_decimal::DecimalFormatter>>>;
    thread_local! {
        static FORMATTERS: RefCell<Formatters> = RefCell::new(HashMap::new());
    }
    FORMATTERS.with(|formatters| {
        formatters
            .borrow_mut()
            .entry(lang.tag())
            .or_insert_with(|| {
                let locale = icu_locale::Locale::try_from_str(lang.tag()).ok()?;
                let formatter = icu_decimal::DecimalFormatter::try_new(locale.into(), Default::default()).ok()?;
                const PROBE: &str = "-1234567.5";
                let probe = formatter.format(&PROBE.parse().ok()?).to_string();
                (probe != group_thousands(PROBE)).then(|| std::rc::Rc::new(formatter))
            })
            .clone()
    })
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

    fn styles() -> [Style<'static>; 4] {
        ["zh", "en", "zh-hant", "fr"].map(style_for_tests)
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
    fn each_language_writes_digits_as_cldr_has_them() {
        let [zh, en, hant, fr] = styles();
        for style in [zh, en, hant] {
            assert_eq!(style.published(14310.5, None, 2), "14,310.50");
            assert_eq!(style.number(-6.06), "-6.06");
        }
        assert_eq!(fr.published(14310.5, None, 2), "14\u{202f}310,50");
        assert_eq!(fr.number(-1234567.891), "-1\u{202f}234\u{202f}567,89");
        assert_eq!(fr.figure(85.0, Some(1)), "85,0", "declared decimals stay");
    }

    #[test]
    fn quantities_are_grouped_in_every_language() {
        let [zh, en, hant, fr] = styles();
        let schools = Localized::from_texts([("zh", "所"), ("en", "schools"), ("fr", "écoles")]);
        assert_eq!(zh.quantity(14310.0, &schools), "14,310所");
        assert_eq!(en.quantity(14310.0, &schools), "14,310 schools");
        assert_eq!(hant.quantity(14310.0, &schools), "14,310所");
        assert_eq!(fr.quantity(14310.0, &schools), "14\u{202f}310 écoles");
    }

    #[test]
    fn targets_read_naturally_in_each_language() {
        let [zh, en, _, fr] = styles();
        let percent = Localized::from_texts([("zh", "%"), ("en", "%")]);
        let schools = Localized::from_texts([("zh", "所"), ("en", "schools")]);
        assert_eq!(zh.target(&TargetValue::AtLeast(85.0), &percent), "不低于85%");
        assert_eq!(en.target(&TargetValue::AtLeast(85.0), &percent), "at least 85%");
        assert_eq!(en.target(&TargetValue::Between(2.0, 3.0), &schools), "2–3 schools");
        assert_eq!(zh.target(&TargetValue::Exactly(100.0), &schools), "100所");
        assert!(fr.target(&TargetValue::AtLeast(85.5), &percent).contains("85,5"), "French words and digits");
        assert!(!fr.target(&TargetValue::AtLeast(85.0), &percent).contains("at least"));
    }

    #[test]
    fn relative_targets_read_as_plans_word_them() {
        let [zh, en, _, _] = styles();
        let percent = Localized::from_texts([("zh", "%"), ("en", "%")]);
        let relative =
            |basis, change, strictly, direction| TargetValue::Relative(Relative { basis, change, strictly, direction });
        let fall = relative(Basis::PreviousYear, -1.0, false, Direction::Decrease);
        assert_eq!(zh.target(&fall, &percent), "较上年降低1个百分点");
        assert_eq!(en.target(&fall, &percent), "1 percentage point below the previous year");
        let rise = relative(Basis::PreviousYear, 2.0, false, Direction::Increase);
        assert_eq!(zh.target(&rise, &percent), "较上年提高2个百分点");
        assert_eq!(en.target(&rise, &percent), "2 percentage points above the previous year");
        let not_lower = relative(Basis::PreviousYear, 0.0, false, Direction::Increase);
        assert_eq!(zh.target(&not_lower, &percent), "不低于上年");
        assert_eq!(en.target(&not_lower, &percent), "no lower than the previous year");
        let rising = relative(Basis::PreviousYear, 0.0, true, Direction::Increase);
        assert_eq!(zh.target(&rising, &percent), "高于上年");
        let province = crate::progress::Benchmark {
            name: Localized::from_texts([("zh", "全省平均水平"), ("en", "the provincial average")]),
            value: None,
            sample: false,
            source: None,
        };
        let above = relative(Basis::Benchmark(province.clone()), 0.0, true, Direction::Increase);
        assert_eq!(zh.target(&above, &percent), "高于全省平均水平");
        assert_eq!(en.target(&above, &percent), "above the provincial average");
        let below = relative(Basis::Benchmark(province), -1.0, false, Direction::Decrease);
        assert_eq!(zh.target(&below, &percent), "低于全省平均水平1个百分点");
    }

    #[test]
    fn dates_follow_each_language() {
        let [zh, en, _, fr] = styles();
        let date = jiff::civil::date(2017, 8, 7);
        assert_eq!(zh.date(date), "2017年8月7日");
        assert_eq!(en.date(date), "7 August 2017");
        assert_eq!(fr.date(date), "7 août 2017");
    }
}
