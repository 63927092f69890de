//! The example site in `content/`: built from the five seed plans in `../shared/seeds/`, it must stay
//! faithful to them. `example_site/seeds.rs` is the record of that fidelity, checked line by line
//! against the seeds: every quantitative target a seed states and every task it names.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::{TestSite, assert_success};
#[path = "example_site/seeds.rs"]
mod seeds;
use seeds::{SEEDS, Stated::Figure, Stated::Words};

/// The example site, built once for all the tests of this file into Cargo's scratch folder.
fn example() -> &'static Path {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT.get_or_init(|| {
        let public = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("example-site");
        let run = TestSite::at(&common::repo()).run(&["build", "--output", public.to_str().unwrap()]);
        assert_success(&run);
        public
    })
}

/// A built page, e.g. `en/plans/x/index.html`.
fn page(relative: &str) -> String {
    let path = example().join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The text of some HTML: tags dropped, the entities the templates write decoded.
fn text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The `<main>` of a page as text, without the navigation and footer that every page repeats.
fn main_text(relative: &str) -> String {
    let html = page(relative);
    let start = html.find("<main").unwrap_or(0);
    let end = html.find("</main>").unwrap_or(html.len());
    text(&html[start..end])
}

fn meta<'a>(html: &'a str, name: &str) -> Option<&'a str> {
    let key = format!("<meta name=\"{name}\" content=\"");
    let start = html.find(&key)? + key.len();
    Some(&html[start..start + html[start..].find('"')?])
}

/// `as_of` of the example site's config.
fn as_of() -> String {
    let config = std::fs::read_to_string(common::repo().join("gongkai.yaml")).unwrap();
    let line = config.lines().find(|l| l.starts_with("as_of:")).expect("gongkai.yaml sets as_of");
    line["as_of:".len()..].trim().to_string()
}

/// Every built HTML page, by its path below the output folder.
fn html_pages() -> Vec<(String, String)> {
    common::snapshot(example())
        .into_iter()
        .map(|(path, bytes)| (path.to_string_lossy().replace('\\', "/"), String::from_utf8(bytes).unwrap_or_default()))
        .filter(|(path, _)| path.ends_with(".html"))
        .collect()
}

/// A YAML file of `content/`, or the front matter of a Markdown file, as a plain value.
fn yaml(text: &str) -> serde_json::Value {
    serde_saphyr::from_str(text).unwrap_or_else(|e| panic!("invalid YAML: {e}"))
}

fn front_matter(markdown: &str) -> (serde_json::Value, &str) {
    let rest = markdown.strip_prefix("---\n").expect("front matter");
    let end = rest.find("\n---\n").expect("end of front matter");
    (yaml(&rest[..end]), &rest[end + 5..])
}

fn content_files(extension: &str) -> Vec<PathBuf> {
    walkdir::WalkDir::new(common::repo().join("content"))
        .into_iter()
        .flatten()
        .filter(|e| e.path().to_string_lossy().ends_with(extension))
        .map(|e| e.into_path())
        .collect()
}

#[test]
fn every_seed_target_is_on_its_indicator_page_in_the_seeds_words() {
    let mut missing = Vec::new();
    for seed in SEEDS {
        for (id, _, words, target) in seed.targets {
            let relative = format!("indicators/{id}/index.html");
            let page = main_text(&relative);
            if !page.contains(words) {
                missing.push(format!("{}: {id} lacks the seed's words `{words}`", seed.number));
            }
            if !page.contains(target) {
                missing.push(format!("{}: {id} lacks the target `{target}`", seed.number));
            }
            if !self::page(&relative).contains(&format!("href=\"/plans/{}/\"", seed.plan)) {
                missing.push(format!("{id} does not belong to {}", seed.plan));
            }
        }
    }
    assert!(missing.is_empty(), "seed targets missing from indicator pages:\n{}", missing.join("\n"));
}

/// A deadline a seed sets every year or every quarter is a milestone of a task on its plan page, with
/// the seed's words and its schedule.
#[test]
fn every_seed_deadline_is_a_milestone_on_its_plan_page_in_the_seeds_words() {
    let mut missing = Vec::new();
    for seed in SEEDS {
        let relative = format!("plans/{}/index.html", seed.plan);
        let html = page(&relative);
        for (id, _, words, schedule) in seed.milestones {
            let start =
                html.find(&format!("id=\"milestone-{id}\"")).unwrap_or_else(|| panic!("{relative}: no milestone {id}"));
            let end = html[start..].find("<div class=\"milestone\"").map_or(html.len(), |next| start + 1 + next);
            let milestone = text(&html[start..end]);
            for expected in [words, schedule] {
                if !milestone.contains(expected) {
                    missing.push(format!("{}: milestone {id} lacks `{expected}`", seed.number));
                }
            }
        }
    }
    assert!(missing.is_empty(), "seed deadlines missing from plan pages:\n{}", missing.join("\n"));
}

/// The tables above are the whole inventory: an indicator the seeds do not state has no place on the site.
#[test]
fn every_indicator_of_the_site_is_a_seed_target() {
    let listed: BTreeSet<&str> = SEEDS.iter().flat_map(|s| s.targets.iter().map(|t| t.0)).collect();
    let built: BTreeSet<String> = std::fs::read_dir(example().join("indicators"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().join("index.html").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let unlisted: Vec<&String> = built.iter().filter(|id| !listed.contains(id.as_str())).collect();
    assert!(unlisted.is_empty(), "indicators that no seed target accounts for: {unlisted:?}");
    let per_seed: Vec<(usize, usize)> = SEEDS
        .iter()
        .map(|s| {
            let stated = |how| s.targets.iter().chain(s.milestones).filter(|t| t.1 == how).count();
            (stated(Figure), stated(Words))
        })
        .collect();
    // Stated figures per seed, then targets in words only (the coverage table of issue 18); an indicator
    // or a milestone carries each.
    assert_eq!(per_seed, [(24, 0), (14, 3), (90, 0), (5, 12), (11, 3)]);
    let total: usize = SEEDS.iter().map(|s| s.targets.len()).sum();
    assert_eq!(total, listed.len(), "an indicator is listed twice");
    for (path, html) in html_pages().iter().filter(|(p, _)| p.starts_with("indicators/") && p.ends_with("/index.html"))
    {
        if path.split('/').count() == 3 && !path.starts_with("indicators/page") {
            assert!(html.contains(r#"<q class="quote">"#), "{path}: no target quotes the seed");
        }
    }
}

#[test]
fn every_task_and_safeguard_a_seed_names_is_on_its_plan_page() {
    let mut missing = Vec::new();
    for seed in SEEDS {
        let page = main_text(&format!("plans/{}/index.html", seed.plan));
        for name in seed.tasks.iter().chain(seed.safeguards) {
            if !page.contains(name) {
                missing.push(format!("{}: `{name}`", seed.number));
            }
        }
    }
    assert!(missing.is_empty(), "tasks not named on their plan page:\n{}", missing.join("\n"));
}

/// Seed 002 prints the count of new 新优质学校 as encoding debris (“新優質學?!?4所”): the page must
/// say so and give no number, in every language.
#[test]
fn the_unreadable_figure_of_seed_002_is_stated_as_unreadable() {
    let zh = main_text("indicators/czw-new-quality-schools/index.html");
    let en = main_text("en/indicators/czw-new-quality-schools/index.html");
    assert!(zh.contains("目标数在原文中无法辨认") && en.contains("cannot be read in the source"), "{zh}");
    for figure in ["24所", "不低于", "不高于"] {
        assert!(!zh.contains(figure), "a number is read into the unreadable target: `{figure}`");
    }
    let plan = main_text("plans/changzhou-work-2020/index.html");
    assert!(plan.contains("“新优质学校”若干所（原文数字无法辨认）") && !plan.contains("“新优质学校”24所"));
}

/// 连区教〔2017〕89号 has the pairing plans filed by 10 August and the exchange lists by 20 August
/// “每年” (every year) of a plan that runs to 2020.
#[test]
fn yearly_deadlines_of_seed_001_run_to_the_plans_last_year() {
    let timeline = main_text("plans/lianyun-balanced-2017/timeline/index.html");
    for deadline in ["8月10日前", "8月20日前"] {
        for year in 2017..=2020 {
            assert!(timeline.contains(&format!("{year}年{deadline}")), "no deadline {year}年{deadline}");
        }
    }
}

/// The seeds write 基教处, 教科院, 市教科院 …: the site names departments and schools the same way
/// and never with a full title the seeds do not give.
#[test]
fn departments_and_schools_are_named_as_the_seeds_name_them() {
    let named = [
        ("cz-basic-education", "基教处"),
        ("cz-higher-vocational", "高职处"),
        ("cz-education-research", "教科院"),
        ("cz-infrastructure-equipment", "建装中心"),
        ("cd-academy", "市教科院"),
        ("ly-admin-sections", "区教育局行政管理科室"),
    ];
    for (id, name) in named {
        let html = page(&format!("departments/{id}/index.html"));
        assert!(html.contains(&format!("<h1>{name}</h1>")), "{id} is not named {name}");
    }
    for (id, name) in [("cz-qishuyan-senior", "戚墅堰高级中学"), ("cz-zhongwu-experimental", "中吴实验学校")]
    {
        assert!(page(&format!("schools/{id}/index.html")).contains(&format!("<h1>{name}</h1>")), "{id}");
    }
    let unsourced = [
        "基础教育处",
        "高等教育与职业教育处",
        "教育科学研究院",
        "政策法规处",
        "教育督导室",
        "计划财务处",
        "常州市戚墅堰高级中学",
    ];
    for (path, html) in &html_pages() {
        for title in unsourced {
            assert!(!html.contains(title), "{path} names `{title}`, which no seed writes");
        }
    }
}

/// A sample showcase that names a real school says, before anything else, that the school is real
/// but the story is not its record; one with sample schools only says that they are fictitious.
#[test]
fn every_showcase_opens_with_the_full_disclaimer_naming_its_real_schools() {
    let schools: BTreeMap<String, (bool, String, String)> = content_files(".yaml")
        .iter()
        .filter(|p| p.to_string_lossy().contains("/schools/"))
        .map(|p| yaml(&std::fs::read_to_string(p).unwrap()))
        .map(|s| {
            let name = |lang: &str| s["name"][lang].as_str().unwrap().to_string();
            (s["id"].as_str().unwrap().to_string(), (s["sample"].as_bool().unwrap_or(false), name("zh"), name("en")))
        })
        .collect();
    let feed = std::fs::read_to_string(example().join("feed.xml")).unwrap();
    let mut problems = Vec::new();
    let mut with_real_schools = 0;
    for file in content_files(".zh.md").iter().filter(|p| p.to_string_lossy().contains("/showcases/")) {
        let source = std::fs::read_to_string(file).unwrap();
        let (front, _) = front_matter(&source);
        let id = file.file_name().unwrap().to_string_lossy().trim_end_matches(".zh.md").to_string();
        let real: Vec<&(bool, String, String)> = front["schools"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| &schools[s.as_str().unwrap()])
            .filter(|(sample, _, _)| !sample)
            .collect();
        for lang in ["zh", "en"] {
            let prefix = if lang == "zh" { "" } else { "en/" };
            let html = page(&format!("{prefix}showcases/{id}/index.html"));
            let body = &html[html.find("</header>").unwrap()..];
            let first = body.find("<blockquote>").zip(body.find("<p>")).filter(|(quote, p)| quote < p);
            let Some((start, _)) = first else {
                problems.push(format!("{prefix}{id}: the body does not open with the disclaimer"));
                continue;
            };
            let disclaimer = text(&body[start..start + body[start..].find("</blockquote>").unwrap()]).replace('’', "'");
            let (real_phrase, record, fictitious) = match lang {
                "zh" => ("是真实学校", ["不是该校的实际工作记录", "不是这些学校的实际工作记录"], "示例学校（虚构）"),
                _ => (
                    "real school",
                    ["not that school's record", "not these schools' record"],
                    "sample schools (fictitious)",
                ),
            };
            if real.is_empty() {
                if !disclaimer.contains(fictitious) {
                    problems.push(format!("{prefix}{id}: the disclaimer does not say the schools are fictitious"));
                }
                continue;
            }
            if !disclaimer.contains(real_phrase) || !record.iter().any(|r| disclaimer.contains(r)) {
                problems
                    .push(format!("{prefix}{id}: the disclaimer does not say the story is not the school's record"));
            }
            for (_, zh, en) in &real {
                let name = if lang == "zh" { zh } else { en };
                if !disclaimer.contains(name.as_str()) {
                    problems.push(format!("{prefix}{id}: the disclaimer does not name the real school {name}"));
                }
            }
        }
        if !real.is_empty() {
            with_real_schools += 1;
            // The feed carries the body, so the disclaimer travels with the story.
            let entry = feed.split("<entry>").find(|e| e.contains(&format!("/showcases/{id}/")));
            if entry.is_some_and(|entry| !entry.contains("是真实学校")) {
                problems.push(format!("feed.xml: the entry for {id} lacks the disclaimer"));
            }
        }
    }
    assert!(with_real_schools >= 8, "showcases about real schools: {with_real_schools}");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// No page and no feed entry is dated after `as_of`, or on 1 January, the date a placeholder takes:
/// no bureau publishes on New Year's Day. Seed 004 states no date, and its plan page says so.
#[test]
fn no_placeholder_or_future_date_reaches_page_dates_or_feeds() {
    let as_of = as_of();
    let mut problems = Vec::new();
    for (path, html) in html_pages() {
        if let Some(date) = meta(&html, "PubDate")
            && (date > as_of.as_str() || date.ends_with("-01-01"))
        {
            problems.push(format!("{path}: PubDate {date}"));
        }
    }
    for feed in ["feed.xml", "en/feed.xml", "zh-hant/feed.xml"] {
        let xml = std::fs::read_to_string(example().join(feed)).unwrap();
        for tag in ["<published>", "<updated>"] {
            for date in xml.split(tag).skip(1).map(|rest| &rest[..10]) {
                if date > as_of.as_str() || date.ends_with("-01-01") {
                    problems.push(format!("{feed}: {tag}{date}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "dates that are placeholders or after as_of {as_of}:\n{}", problems.join("\n"));
    let zh = page("plans/chengdu-strong-junior/index.html");
    assert_eq!(zh.matches("原文未载明</td>").count(), 2, "成文日期 and 发布日期 are said to be unstated");
    assert_eq!(meta(&zh, "PubDate"), Some(as_of.as_str()), "a plan without a date is dated by as_of");
    assert!(main_text("en/plans/chengdu-strong-junior/index.html").contains("Not stated in the source"));
}

/// One glossary row: the Chinese forms, the English term, the English words to avoid.
struct Term {
    zh: Vec<String>,
    en: String,
    avoid: Vec<String>,
}

/// The table of `docs/glossary.md`.
fn glossary() -> Vec<Term> {
    let doc = std::fs::read_to_string(common::repo().join("docs/glossary.md")).unwrap();
    let terms: Vec<Term> = doc
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| 中文"))
        .map(|l| l.trim_matches('|').split('|').map(str::trim).collect::<Vec<_>>())
        .map(|cells| Term {
            zh: cells[0].split(" / ").map(str::to_string).collect(),
            en: cells[1].to_string(),
            avoid: cells[2].split(", ").filter(|w| !w.is_empty()).map(str::to_string).collect(),
        })
        .collect();
    assert!(terms.len() > 40, "the glossary table is read");
    terms
}

/// Lower case, one space for any run of spaces and hyphens, one apostrophe.
fn fold(english: &str) -> String {
    let lower = english.to_lowercase().replace('’', "'");
    lower
        .split(|c: char| c.is_whitespace() || c == '-' || c == '‑')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every `{zh, en}` pair of a YAML value.
fn localized_pairs(value: &serde_json::Value, out: &mut Vec<(String, String)>) {
    match value {
        serde_json::Value::Object(map) => {
            if let (Some(zh), Some(en)) =
                (map.get("zh").and_then(|v| v.as_str()), map.get("en").and_then(|v| v.as_str()))
            {
                out.push((zh.to_string(), en.to_string()));
            }
            map.values().for_each(|v| localized_pairs(v, out));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| localized_pairs(v, out)),
        _ => {}
    }
}

#[test]
fn english_uses_one_term_per_concept_as_the_glossary_fixes_it() {
    let terms = glossary();
    let mut pairs: Vec<(String, String, String)> = Vec::new();
    for file in content_files(".yaml") {
        let mut found = Vec::new();
        localized_pairs(&yaml(&std::fs::read_to_string(&file).unwrap()), &mut found);
        pairs.extend(found.into_iter().map(|(zh, en)| (file.display().to_string(), zh, en)));
    }
    for zh_file in content_files(".zh.md") {
        let en_file = PathBuf::from(zh_file.to_string_lossy().replace(".zh.md", ".en.md"));
        let zh = std::fs::read_to_string(&zh_file).unwrap();
        let en =
            std::fs::read_to_string(&en_file).unwrap_or_else(|_| panic!("{} has no translation", zh_file.display()));
        pairs.push((zh_file.display().to_string(), zh, en));
    }
    let mut problems = Vec::new();
    for (file, zh, en) in &pairs {
        let english = fold(en);
        for term in &terms {
            // 常州公开课 is a term of its own, not an instance of 公开课.
            let longer: Vec<&String> = terms
                .iter()
                .flat_map(|t| &t.zh)
                .filter(|z| term.zh.iter().any(|form| z.contains(form.as_str()) && *z != form))
                .collect();
            let chinese = longer.iter().fold(zh.clone(), |text, long| text.replace(long.as_str(), ""));
            let wanted = fold(&term.en);
            // Plurals: `secretary` is also found in `secretaries`.
            let stem = wanted.strip_suffix('y').unwrap_or(&wanted);
            if term.zh.iter().any(|form| chinese.contains(form.as_str())) && !english.contains(stem) {
                problems.push(format!("{file}: {} is `{}` in English, but the text has `{}`", term.zh[0], term.en, en));
            }
            for avoid in &term.avoid {
                if english.contains(&fold(avoid)) {
                    problems.push(format!("{file}: `{avoid}` should be `{}` in `{en}`", term.en));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{} glossary problems:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn example_site_has_no_problems_and_no_untranslated_text() {
    let run = TestSite::at(&common::repo()).run(&["check"]);
    assert!(run.success && !run.stderr.contains("warning"), "check must be clean:\n{}", run.stderr);
    let untranslated: Vec<String> = common::snapshot(&example().join("en"))
        .into_iter()
        .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains("notice-fallback"))
        .map(|(path, _)| path.display().to_string())
        .collect();
    assert!(untranslated.is_empty(), "English pages falling back to Chinese: {untranslated:?}");
}

/// A year's report exists once the year is over by `as_of`, and not before.
#[test]
fn every_finished_year_of_every_plan_has_a_report_in_both_languages() {
    let last_year: u16 = as_of()[..4].parse().unwrap();
    for year in 2017..=last_year {
        for prefix in ["", "en/"] {
            let page = page(&format!("{prefix}results/{year}/index.html"));
            assert!(page.contains("<table"), "the {year} report lists its indicators");
        }
    }
    assert!(!example().join(format!("results/{}", last_year + 1)).exists(), "a report for a year after as_of");
}

#[test]
fn showcases_are_many_bilingual_and_labelled_as_sample() {
    let showcases: Vec<_> = std::fs::read_dir(example().join("showcases"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_type().unwrap().is_dir() && e.file_name() != "page")
        .collect();
    assert!(showcases.len() >= 12, "at least 12 showcases, found {}", showcases.len());
    for entry in showcases {
        let name = entry.file_name().to_string_lossy().into_owned();
        let en = page(&format!("en/showcases/{name}/index.html"));
        assert!(en.contains("Sample data"), "{name}: the sample label is shown in English");
    }
}

/// The banner of `base.html`, as opposed to the notices of a sample school or plan.
const SAMPLE_BANNER: &str = r#"<p class="notice notice-sample" role="note" data-pagefind-ignore>"#;

#[test]
fn pages_with_sample_figures_carry_the_sample_banner() {
    let pages = html_pages();
    let with_figures: Vec<&(String, String)> = pages.iter().filter(|(_, html)| html.contains("badge-sample")).collect();
    // The example site's figures are sample data, shown on indicator, plan and showcase pages.
    for section in ["indicators/", "plans/", "showcases/"] {
        assert!(
            with_figures.iter().any(|(path, _)| path.starts_with(section)),
            "no {section} page shows a sample figure"
        );
    }
    let unbannered: Vec<&str> =
        with_figures.iter().filter(|(_, html)| !html.contains(SAMPLE_BANNER)).map(|(path, _)| path.as_str()).collect();
    assert!(unbannered.is_empty(), "pages showing sample figures without the banner: {unbannered:?}");
    // Without a sample figure, only a report marked as sample as a whole carries the banner.
    let bannered_without_figures: Vec<&str> = pages
        .iter()
        .filter(|(_, html)| html.contains(SAMPLE_BANNER) && !html.contains("badge-sample"))
        .map(|(path, _)| path.as_str())
        .filter(|path| !is_report(path))
        .collect();
    assert!(
        bannered_without_figures.is_empty(),
        "the banner on pages without sample data: {bannered_without_figures:?}"
    );
}

/// `results/2024/index.html`, in any language or reading mode.
fn is_report(path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    parts.len() >= 3 && parts[parts.len() - 3] == "results" && parts[parts.len() - 2].parse::<u16>().is_ok()
}

/// Issue 18: every way a plan is written is used by the example site, from the seeds' own words:
/// (page, text) pairs that must appear together on the page.
const PLANS_AS_WRITTEN: &[(&str, &[&str])] = &[
    // 001: parent documents, the 主题词 left empty, yearly deadlines through 2020, per term and per
    // school year, the 实施要求 safeguards and both annexes.
    (
        "plans/lianyun-balanced-2017/index.html",
        &[
            "苏政发〔2017〕1号",
            "连政发〔2017〕38号",
            "主题词",
            "每年8月10日前",
            "每年8月20日前",
            "2020年8月10日前",
            "每学期",
            "每学年末",
            "六、实施要求",
            "附件1",
            "附件2",
        ],
    ),
    ("plans/lianyun-balanced-2017/timeline/index.html", &["2020年8月20日前", "逾期完成"]),
    ("plans/lianyun-balanced-2017/annex-1/index.html", &["<table", "墟沟小学教育集团"]),
    // 002: quarterly deadlines, 公开方式 and 废止日期, departments the editors assigned.
    ("plans/changzhou-work-2020/index.html", &["每季度", "公开方式", "主动公开", "废止日期", "编者归属"]),
    // 003: 区教育局行政管理科室牵头、教研室密切配合, 五、组织实施, school-year deadlines, an interpretation.
    (
        "plans/lianyun-quality-2021/index.html",
        &["牵头：", "区教育局行政管理科室", "配合：", "主题词", "五、组织实施", "2021—2022学年", "/interpretations/"],
    ),
    // 004: a task carried out at city and at district and county level.
    ("plans/chengdu-strong-junior/index.html", &["市级", "区（市）县级", "专家团队专业指导"]),
    ("departments/cd-district-authorities/index.html", &["区（市）县级", "牵头的任务"]),
    // Relative targets, commitment and the editors' classification.
    ("indicators/czw-myopia-reduction/index.html", &["较上年降低1个百分点", "力争", "编者归类"]),
    ("indicators/cd-funding/index.html", &["确保", "高于区域内同类型、同规模学校"]),
    // 002 (五十三) and (十): universities and the open university.
    ("schools/cz-changzhou-university/index.html", &["普通高等学校"]),
    ("schools/cz-changzhou-open-university/index.html", &["开放大学"]),
    ("interpretations/index.html", &["连云区教育教学质量提升三年行动计划"]),
];

#[test]
fn every_way_a_plan_is_written_is_used_from_the_seeds() {
    let mut missing = Vec::new();
    for (relative, texts) in PLANS_AS_WRITTEN {
        let html = page(relative);
        missing.extend(texts.iter().filter(|text| !html.contains(*text)).map(|text| format!("{relative}: `{text}`")));
    }
    assert!(missing.is_empty(), "missing from the example site:\n{}", missing.join("\n"));
}
