//! The texts the statistics are built with: names to match a data file's cells against, texts of
//! cells, and the note a repeated figure leaves.

use crate::content::tidy;
use crate::i18n::Localized;

/// The normalised id and names of a thing, for matching what a data file writes.
pub(super) fn names_of(id: Option<&str>, name: &Localized) -> Vec<String> {
    let mut names: Vec<String> =
        id.into_iter().chain(name.texts().map(|(_, text)| text)).map(tidy::normalise).collect();
    names.retain(|n| !n.is_empty());
    names.dedup();
    names
}

pub(super) fn default_total() -> Localized {
    Localized::from_texts([("zh", "合计"), ("en", "Total")])
}

/// A text of a data file's cell, in the one language the file is written in: like the columns of
/// data sheets, it stands for both written languages (`zh`, `en`) until data files can name theirs.
pub(super) fn as_written(text: &str) -> Localized {
    Localized::from_texts([("zh", text.trim()), ("en", text.trim())])
}

/// `note` with `zh` or `en` added to each of its languages (Chinese ones take `zh`), or the two
/// alone: a figure can collect several such notes, one per repeat.
pub(super) fn with_note(note: Option<Localized>, zh: &str, en: &str) -> Localized {
    let Some(note) = note else {
        return Localized::from_texts([("zh", zh), ("en", en)]);
    };
    let mut joined = Localized::from_texts(note.texts().map(|(key, text)| match key.starts_with("zh") {
        true => (key, format!("{text}；{zh}")),
        false => (key, format!("{text}; {en}")),
    }));
    if note.exact("en").is_none() {
        joined.set("en", format!("{}; {en}", note.first()));
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_note_is_added_in_each_language() {
        let first = with_note(None, "甲", "one");
        let both = with_note(Some(first), "乙", "two");
        assert_eq!(both.exact("zh"), Some("甲；乙"));
        assert_eq!(both.exact("en"), Some("one; two"));
        let only_chinese = with_note(Some(Localized::from_texts([("zh", "注")])), "乙", "two");
        assert_eq!(only_chinese.exact("en"), Some("注; two"), "English gets the note it had to fall back to");
    }
}
