//! Text of one direction on a page of the other: a Chinese fallback on a Uyghur page, a Uyghur
//! language name in the switcher of a Chinese page. `lang` alone does not set the direction of an
//! element, so an element whose `lang` is written the other way than its page gets a `dir` too,
//! or the browser lays it out (punctuation, numbers, the order of runs) by the page's direction.
//!
//! Done once on the rendered page, so that every `lang` the theme writes, and any a custom theme
//! writes, is covered. A site whose languages are all written one way is left as it is.

use crate::i18n::{Direction, Lang, Languages};

/// The direction of each `lang` tag a page of the site may carry, when the site mixes directions.
pub struct Directions {
    tags: Vec<(&'static str, Direction)>,
}

impl Directions {
    /// `None` when every language of the site is written the same way: nothing to mark.
    pub fn of(languages: &Languages) -> Option<Directions> {
        let first = languages.first()?.direction();
        if languages.iter().all(|lang| lang.direction() == first) {
            return None;
        }
        Some(Directions { tags: languages.iter().map(|lang| (lang.tag(), lang.direction())).collect() })
    }

    fn of_tag(&self, tag: &str) -> Option<Direction> {
        self.tags.iter().find(|(known, _)| known.eq_ignore_ascii_case(tag)).map(|(_, direction)| *direction)
    }

    /// `page` with `dir` added to each start tag whose `lang` is written against `lang`'s
    /// direction and that has no `dir` of its own.
    pub fn mark(&self, lang: Lang, page: &str) -> String {
        const ATTRIBUTE: &str = " lang=\"";
        let mut marked = String::with_capacity(page.len() + 64);
        let mut rest = page;
        while let Some(at) = rest.find(ATTRIBUTE) {
            let value_start = at + ATTRIBUTE.len();
            let Some(value_len) = rest[value_start..].find('"') else { break };
            let value_end = value_start + value_len;
            marked.push_str(&rest[..value_end + 1]);
            let tag_end = rest[value_end..].find('>').map_or(rest.len(), |end| value_end + end);
            let element = &rest[rest[..at].rfind('<').unwrap_or(0)..tag_end];
            let direction = self.of_tag(&rest[value_start..value_end]);
            if let Some(direction) = direction.filter(|d| *d != lang.direction() && !element.contains(" dir=\"")) {
                marked.push_str(&format!(" dir=\"{}\"", direction.key()));
            }
            rest = &rest[value_end + 1..];
        }
        marked.push_str(rest);
        marked
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_written_the_other_way_gets_its_direction() {
        let languages = Languages::from_tags(&["zh", "ug"]);
        let directions = Directions::of(&languages).expect("zh and ug are written both ways");
        let ug = languages.find("ug").unwrap();
        let zh = languages.default_lang();
        let page = r#"<html lang="ug" dir="rtl"><p>بەت <span lang="zh-Hans">连区教〔2017〕89号</span></p><a hreflang="zh-Hans" lang="zh-Hans">中文</a>"#;
        assert_eq!(
            directions.mark(ug, page),
            r#"<html lang="ug" dir="rtl"><p>بەت <span lang="zh-Hans" dir="ltr">连区教〔2017〕89号</span></p><a hreflang="zh-Hans" lang="zh-Hans" dir="ltr">中文</a>"#
        );
        let switcher =
            r#"<html lang="zh-Hans"><a hreflang="ug" lang="ug">ئۇيغۇرچە</a><span lang="ug" dir="rtl">x</span>"#;
        assert_eq!(
            directions.mark(zh, switcher),
            r#"<html lang="zh-Hans"><a hreflang="ug" lang="ug" dir="rtl">ئۇيغۇرچە</a><span lang="ug" dir="rtl">x</span>"#,
            "an element with a dir of its own keeps it"
        );
    }

    #[test]
    fn a_site_written_one_way_is_left_alone() {
        assert!(Directions::of(&Languages::from_tags(&["zh", "en", "zh-hant"])).is_none());
    }
}
