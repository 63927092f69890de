//! "Did you mean …?" for misspelt keys and ids.

/// The candidate closest to `wrong`, if it is close enough to be a likely typo.
pub fn closest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(wrong, candidate), candidate))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, candidate)| candidate)
}

/// The candidate closest to `wrong` among short codes (language tags such as `ug`, `zh-hant`),
/// where a similarity score says little: one typing slip (a letter changed, added, left out or two
/// swapped, `uq` → `ug`, `hz` → `zh`), or two in a code of more than six letters, in any letter case.
pub fn closest_code<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wrong = wrong.to_ascii_lowercase();
    let limit = if wrong.len() > 6 { 2 } else { 1 };
    candidates
        .into_iter()
        .map(|candidate| (strsim::damerau_levenshtein(&wrong, &candidate.to_ascii_lowercase()), candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::closest_code;

    #[test]
    fn short_codes_are_suggested_after_one_slip() {
        let codes = ["zh", "en", "ug", "zh-hant"];
        assert_eq!(closest_code("uq", codes), Some("ug"));
        assert_eq!(closest_code("hz", codes), Some("zh"));
        assert_eq!(closest_code("EN", codes), Some("en"));
        assert_eq!(closest_code("zh-hnat", codes), Some("zh-hant"));
        assert_eq!(closest_code("fr", codes), None);
    }
}
