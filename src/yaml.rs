//! The one place that knows which YAML crate gongkai uses (serde-saphyr: maintained, YAML 1.2, so
//! `no` stays a string and `0755` stays a number, and every error carries a line and column).
//!
//! It turns the crate's errors into [`Diagnostic`]s with a hint, and offers [`Spanned`], a value
//! with the position it was written at, so that later stages can point at a dangling reference.

use std::path::Path;

use serde::de::{Deserialize, DeserializeOwned, Deserializer};

use crate::diagnostics::{Diagnostic, Location};

/// A value and where it was written (1-based line and column).
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub line: u32,
    pub column: u32,
}

/// A value the file left out: where errors about it point, the file's first line.
impl<T: Default> Default for Spanned<T> {
    fn default() -> Self {
        Spanned { value: T::default(), line: 1, column: 1 }
    }
}

impl<T> Spanned<T> {
    pub fn location(&self, file: &Path) -> Location {
        Location::new(file, self.line, self.column)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        Ok(Spanned {
            value: spanned.value,
            line: spanned.referenced.line() as u32,
            column: spanned.referenced.column() as u32,
        })
    }
}

/// Parses one YAML document into `T`, or explains in one located diagnostic why it cannot.
pub fn parse<T: DeserializeOwned>(text: &str, file: &Path) -> Result<T, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error(Location::file(file), "the file is empty")
            .with_hint("write the record's fields, or delete the file"));
    }
    serde_saphyr::from_str::<T>(text).map_err(|error| {
        let (line, column) = error.location().map(|l| (l.line() as u32, l.column() as u32)).unwrap_or((1, 1));
        let message = strip_position(&error.without_snippet().to_string());
        let hint = hint_for(&message, scalar_at(text, line, column));
        let diagnostic = Diagnostic::error(Location::new(file, line.max(1), column.max(1)), message);
        match hint {
            Some(hint) => diagnostic.with_hint(hint),
            None => diagnostic,
        }
    })
}

/// serde-saphyr appends " at line L, column C"; the location is shown separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message.to_string(),
    }
}

/// The plain scalar written at a 1-based line and column, for hints that quote it.
fn scalar_at(text: &str, line: u32, column: u32) -> &str {
    let line = text.lines().nth(line.saturating_sub(1) as usize).unwrap_or("");
    let start = line.char_indices().nth(column.saturating_sub(1) as usize).map_or(line.len(), |(i, _)| i);
    let rest = &line[start..];
    rest[..rest.find([',', '}', ']', '#']).unwrap_or(rest.len())].trim()
}

fn hint_for(message: &str, scalar: &str) -> Option<String> {
    if let Some(rest) = message.strip_prefix("unknown field ") {
        return Some(suggest_from_expected(rest, "key"));
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        return Some(suggest_from_expected(rest, "value"));
    }
    if message.starts_with("missing field `zh`") {
        return Some("every text needs Chinese (`zh`); English (`en`) is optional".into());
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        return Some(format!("add the required key {rest}"));
    }
    if message.starts_with("duplicate mapping key") {
        return Some("each key may appear only once in a mapping: remove or rename one of them".into());
    }
    if message.contains("tab") {
        return Some("YAML indents with spaces, not tabs".into());
    }
    let number = message.starts_with("invalid floating point")
        || message.starts_with("invalid i")
        || message.starts_with("invalid u");
    if number && scalar.parse::<f64>().is_ok_and(f64::is_infinite) {
        return Some(format!("`{scalar}` is too large to be a figure: a number is needed here, such as `85`"));
    }
    let whole = scalar.trim_start_matches('-');
    if number && !whole.is_empty() && whole.bytes().all(|b| b.is_ascii_digit()) && !whole.starts_with('0') {
        return Some(format!(
            "`{scalar}` is out of range here: a number is needed that fits the field (a year such as `2020`, a count from 0)"
        ));
    }
    if number {
        return Some("a number is needed here: write `85`, not `85%` or text".into());
    }
    if message.starts_with("expected mapping") {
        return Some("a mapping is needed here, such as `{zh: 中文, en: English}` for a text in both languages".into());
    }
    if message.contains("expected string") {
        return Some("a text value is needed here; quote it if it starts with `[`, `{`, `*`, `&` or `@`".into());
    }
    None
}

/// From "`tagret`, expected one of `a`, `b`" build "did you mean `b`?" or the list of allowed names.
fn suggest_from_expected(rest: &str, what: &str) -> String {
    let wrong = rest.split('`').nth(1).unwrap_or("");
    let expected: Vec<&str> = match rest.split_once("expected ") {
        Some((_, list)) => list
            .trim_start_matches("one of ")
            .split(", ")
            .map(|name| name.trim_matches('`').trim())
            .filter(|name| !name.is_empty())
            .collect(),
        None => Vec::new(),
    };
    match crate::suggest::closest(wrong, expected.iter().copied()) {
        Some(best) => format!("did you mean `{best}`?"),
        None if expected.is_empty() => format!("this {what} is not allowed here"),
        None => format!("allowed: {}", expected.join(", ")),
    }
}
