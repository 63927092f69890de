//! The periods a plan schedules work in, beside calendar years: a day, a quarter (季度), a school
//! year (学年) and its two terms (学期). A period is written as text (`2020-Q3`, `2021-2022`,
//! `2021-2022-1`) and falls due on its last day.
//!
//! The school calendar is fixed by convention, since plans do not state it: a school year runs
//! from 1 September to 31 August, its first term from 1 September to 31 January, its second from
//! 1 February to 31 July (the summer holiday belongs to no term). A plan that names real dates
//! gives them as dates.

use jiff::civil::Date;

use super::vocabulary::Recurrence;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    Day(Date),
    Year(i16),
    /// A calendar quarter, 1 to 4.
    Quarter(i16, i8),
    /// The school year that starts in September of the year.
    SchoolYear(i16),
    /// The first (autumn) or second (spring) term of the school year that starts in the year.
    Term(i16, i8),
}

impl Period {
    /// Reads `2017-08-20`, `2020`, `2020-Q3`, `2021-2022` or `2021-2022-1`; the error says what is
    /// wrong.
    pub fn parse(text: &str) -> Result<Period, String> {
        let text = text.trim();
        let parts: Vec<&str> = text.split('-').collect();
        let year = |part: &str| {
            (part.len() == 4 && part.bytes().all(|b| b.is_ascii_digit())).then(|| part.parse::<i16>().ok()).flatten()
        };
        match parts.as_slice() {
            [y] if year(y).is_some() => Ok(Period::Year(year(y).unwrap_or_default())),
            [y, q] if year(y).is_some() && q.len() == 2 && q.to_ascii_uppercase().starts_with('Q') => {
                match q[1..].parse::<i8>() {
                    Ok(n @ 1..=4) => Ok(Period::Quarter(year(y).unwrap_or_default(), n)),
                    _ => Err(format!("`{text}`: a quarter is Q1 to Q4")),
                }
            }
            [first, second] if year(first).is_some() && year(second).is_some() => {
                let (first, second) = (year(first).unwrap_or_default(), year(second).unwrap_or_default());
                if second == first + 1 {
                    Ok(Period::SchoolYear(first))
                } else {
                    Err(format!(
                        "`{text}`: a school year runs over two consecutive years, such as `{first}-{}`",
                        first + 1
                    ))
                }
            }
            [first, second, term] if year(first).is_some() && year(second).is_some() && term.len() == 1 => {
                let (first, second) = (year(first).unwrap_or_default(), year(second).unwrap_or_default());
                match term.parse::<i8>() {
                    Ok(n @ 1..=2) if second == first + 1 => Ok(Period::Term(first, n)),
                    Ok(1..=2) => Err(format!(
                        "`{text}`: a school year runs over two consecutive years, such as `{first}-{}-1`",
                        first + 1
                    )),
                    _ => Err(format!("`{text}`: a school year has two terms, `-1` (autumn) and `-2` (spring)")),
                }
            }
            [y, m, d] if year(y).is_some() && m.len() == 2 && d.len() == 2 => {
                text.parse::<Date>().map(Period::Day).map_err(|_| format!("`{text}` is not a date"))
            }
            _ => Err(format!("`{text}` is neither a date nor a period")),
        }
    }

    /// The text the period is written as; [`Period::parse`] reads it back.
    pub fn key(self) -> String {
        match self {
            Period::Day(date) => date.to_string(),
            Period::Year(year) => year.to_string(),
            Period::Quarter(year, quarter) => format!("{year}-Q{quarter}"),
            Period::SchoolYear(year) => format!("{year}-{}", year + 1),
            Period::Term(year, term) => format!("{year}-{}-{term}", year + 1),
        }
    }

    pub fn first_day(self) -> Date {
        match self {
            Period::Day(date) => date,
            Period::Year(year) => day(year, 1, 1),
            Period::Quarter(year, quarter) => day(year, quarter * 3 - 2, 1),
            Period::SchoolYear(year) | Period::Term(year, 1) => day(year, 9, 1),
            Period::Term(year, _) => day(year + 1, 2, 1),
        }
    }

    /// The day the period ends, by which work due in it is due.
    pub fn last_day(self) -> Date {
        match self {
            Period::Day(date) => date,
            Period::Year(year) => day(year, 12, 31),
            Period::Quarter(year, quarter) => day(year, quarter * 3, 1).last_of_month(),
            Period::SchoolYear(year) => day(year + 1, 8, 31),
            Period::Term(year, 1) => day(year + 1, 1, 31),
            Period::Term(year, _) => day(year + 1, 7, 31),
        }
    }

    /// The recurrence this period is one step of; a day is none.
    pub fn recurrence(self) -> Option<Recurrence> {
        match self {
            Period::Day(_) => None,
            Period::Year(_) => Some(Recurrence::Year),
            Period::Quarter(..) => Some(Recurrence::Quarter),
            Period::SchoolYear(_) => Some(Recurrence::SchoolYear),
            Period::Term(..) => Some(Recurrence::Term),
        }
    }

    /// The period of the same kind that follows this one.
    pub fn next(self) -> Period {
        match self {
            Period::Day(date) => Period::Day(date.tomorrow().unwrap_or(date)),
            Period::Year(year) => Period::Year(year + 1),
            Period::Quarter(year, 4) => Period::Quarter(year + 1, 1),
            Period::Quarter(year, quarter) => Period::Quarter(year, quarter + 1),
            Period::SchoolYear(year) => Period::SchoolYear(year + 1),
            Period::Term(year, 1) => Period::Term(year, 2),
            Period::Term(year, _) => Period::Term(year + 1, 1),
        }
    }

    /// The date `month`-`day` within the period (a year or a school year), if there is one.
    pub fn day_within(self, month: i8, day_of_month: i8) -> Option<Date> {
        let year = match self {
            Period::Year(year) => year,
            Period::SchoolYear(year) if month >= 9 => year,
            Period::SchoolYear(year) => year + 1,
            _ => return None,
        };
        Date::new(year, month, day_of_month).ok()
    }
}

/// The period of `recurrence` that `date` falls in; in a summer holiday, which no term covers, the
/// term that follows.
pub fn containing(recurrence: Recurrence, date: Date) -> Period {
    let (year, month) = (date.year(), date.month());
    let school_year = if month >= 9 { year } else { year - 1 };
    match recurrence {
        Recurrence::Year => Period::Year(year),
        Recurrence::Quarter => Period::Quarter(year, (month - 1) / 3 + 1),
        Recurrence::SchoolYear => Period::SchoolYear(school_year),
        Recurrence::Term if month >= 9 || month == 1 => Period::Term(school_year, 1),
        Recurrence::Term if month <= 7 => Period::Term(school_year, 2),
        Recurrence::Term => Period::Term(year, 1),
    }
}

fn day(year: i16, month: i8, day: i8) -> Date {
    // Every call passes a valid month and a day that every month has.
    Date::new(year, month, day).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        text.parse().unwrap()
    }

    #[test]
    fn periods_are_read_and_written_the_same_way() {
        for text in ["2017-08-20", "2020", "2020-Q3", "2021-2022", "2021-2022-1", "2021-2022-2"] {
            assert_eq!(Period::parse(text).unwrap().key(), text);
        }
        assert_eq!(Period::parse("2020-q2").unwrap(), Period::Quarter(2020, 2));
    }

    #[test]
    fn malformed_periods_say_what_is_wrong() {
        assert!(Period::parse("2021-2023").unwrap_err().contains("two consecutive years"));
        assert!(Period::parse("2021-2022-3").unwrap_err().contains("two terms"));
        assert!(Period::parse("2020-Q5").unwrap_err().contains("Q1 to Q4"));
        assert!(Period::parse("2020-02-30").unwrap_err().contains("not a date"));
        assert!(Period::parse("next spring").unwrap_err().contains("neither a date nor a period"));
    }

    #[test]
    fn each_period_falls_due_on_its_last_day() {
        assert_eq!(Period::Year(2020).last_day(), date("2020-12-31"));
        assert_eq!(Period::Quarter(2020, 1).last_day(), date("2020-03-31"));
        assert_eq!(Period::Quarter(2020, 2).last_day(), date("2020-06-30"));
        assert_eq!(Period::SchoolYear(2021).last_day(), date("2022-08-31"));
        assert_eq!(Period::Term(2021, 1).last_day(), date("2022-01-31"));
        assert_eq!(Period::Term(2021, 2).last_day(), date("2022-07-31"));
        assert_eq!(Period::Term(2021, 2).first_day(), date("2022-02-01"));
    }

    #[test]
    fn terms_follow_each_other_across_school_years() {
        assert_eq!(Period::Term(2021, 1).next(), Period::Term(2021, 2));
        assert_eq!(Period::Term(2021, 2).next(), Period::Term(2022, 1));
        assert_eq!(Period::Quarter(2020, 4).next(), Period::Quarter(2021, 1));
    }

    #[test]
    fn a_date_falls_in_the_period_of_each_recurrence() {
        assert_eq!(containing(Recurrence::Term, date("2021-11-25")), Period::Term(2021, 1));
        assert_eq!(containing(Recurrence::Term, date("2022-01-10")), Period::Term(2021, 1));
        assert_eq!(containing(Recurrence::Term, date("2022-03-01")), Period::Term(2021, 2));
        assert_eq!(
            containing(Recurrence::Term, date("2022-08-10")),
            Period::Term(2022, 1),
            "the holiday leads to the next term"
        );
        assert_eq!(containing(Recurrence::SchoolYear, date("2022-08-10")), Period::SchoolYear(2021));
        assert_eq!(containing(Recurrence::Quarter, date("2020-04-16")), Period::Quarter(2020, 2));
    }

    #[test]
    fn a_day_of_the_year_falls_in_the_right_calendar_year_of_a_school_year() {
        assert_eq!(Period::SchoolYear(2021).day_within(12, 31), Some(date("2021-12-31")));
        assert_eq!(Period::SchoolYear(2021).day_within(6, 30), Some(date("2022-06-30")));
        assert_eq!(Period::Year(2019).day_within(2, 29), None);
    }
}
