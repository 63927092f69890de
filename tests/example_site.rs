//! The example site in `content/`: built from the five seed plans, it must stay faithful to them.

mod common;

use common::{TestSite, assert_success};

/// Key figures of the seed plans, as the seeds word them, and the indicator page that must show them
/// together with the target gongkai reads from them. If the content drifts from its sources, this fails.
const SEED_FIGURES: &[(&str, &str, &str)] = &[
    // 000 常州市学校品质提升行动计划（2018—2020年）
    ("czq-quality-kindergarten-share", "省市级优质幼儿园占比85%", "不低于85%"),
    ("czq-quality-kindergarten-enrolment", "就读幼儿占比90%以上", "不低于90%"),
    ("czq-new-quality-schools", "建成100所“新优质学校”", "不低于100所"),
    ("czq-model-high-schools", "建成2-3所高品质示范高中", "2–3所"),
    ("czq-smart-campus-share", "60%的中小学建成“智慧校园”", "不低于60%"),
    ("czq-school-projects", "校级项目600项", "不低于600项"),
    ("czq-specialty-groups", "创建17个省现代化专业群", "不低于17个"),
    ("czq-provincial-teaching-awards", "有6-8项优秀成果获省教学成果奖", "6–8项"),
    // 002 2020年常州教育工作要点
    ("czw-key-projects", "全市计划实施新建、改扩建教育重点项目44个", "不低于44个"),
    ("czw-new-places", "新增学位14310个", "不低于14,310个"),
    ("czw-modernisation-score", "综合得分91.5分以上", "不低于91.5分"),
    ("czw-schooling-years", "14.9年以上", "不低于14.9年"),
    ("czw-teacher-exchange", "专任教师交流比例不低于15%", "不低于15%"),
    ("czw-backbone-exchange", "骨干教师交流比例不低于20%", "不低于20%"),
    ("czw-myopia-reduction", "近视率较上年降低1个百分点", "较上年降低1个百分点"),
    ("czw-fitness-pass-rate", "合格率”达96.17%", "不低于96.17%"),
    ("czw-dual-certificate-rate", "双证书获取率达99.27%", "不低于99.27%"),
    ("czw-hotline-satisfaction", "群众满意率达95%以上", "不低于95%"),
    // 001 连云区义务教育优质均衡发展三年行动计划（2017—2020）
    ("lyb-bandwidth-school", "1000M进校", "不低于1,000"),
    ("lyb-bandwidth-class", "100M进班", "不低于100"),
    ("lyb-exchange-meetings", "每学期开展1—2次", "1–2"),
    // 004 成都市公办初中强校工程
    ("cd-famous-principal", "1名市级名校长", "不低于1"),
    ("cd-famous-teachers", "2名名师", "不低于2"),
    ("cd-guiding-experts", "不少于3名指导专家", "不低于3"),
];

fn built_example() -> TestSite {
    let site = TestSite::example();
    assert_success(&site.build());
    site
}

#[test]
fn seed_figures_appear_on_their_indicator_pages() {
    let site = built_example();
    let mut missing = Vec::new();
    for (id, wording, target) in SEED_FIGURES {
        let page = site.page(&format!("indicators/{id}/index.html"));
        if !page.contains(wording) {
            missing.push(format!("{id}: the seed's words `{wording}`"));
        }
        if !page.contains(target) {
            missing.push(format!("{id}: the target `{target}`"));
        }
    }
    assert!(missing.is_empty(), "missing from indicator pages:\n{}", missing.join("\n"));
}

#[test]
fn example_site_has_no_problems_and_no_untranslated_text() {
    let site = TestSite::example();
    let run = site.run(&["check"]);
    assert!(run.success && !run.stderr.contains("warning"), "check must be clean:\n{}", run.stderr);
    assert_success(&site.build());
    let untranslated: Vec<String> = common::snapshot(&site.public().join("en"))
        .into_iter()
        .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains("notice-fallback"))
        .map(|(path, _)| path.display().to_string())
        .collect();
    assert!(untranslated.is_empty(), "English pages falling back to Chinese: {untranslated:?}");
}

#[test]
fn every_year_of_every_plan_has_a_report_in_both_languages() {
    let site = built_example();
    for year in 2017..=2024 {
        for prefix in ["", "en/"] {
            let page = site.page(&format!("{prefix}results/{year}/index.html"));
            assert!(page.contains("<table"), "the {year} report lists its indicators");
        }
    }
}

#[test]
fn showcases_are_many_bilingual_and_labelled_as_sample() {
    let site = built_example();
    let showcases: Vec<_> = std::fs::read_dir(site.public().join("showcases"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_type().unwrap().is_dir() && e.file_name() != "page")
        .collect();
    assert!(showcases.len() >= 12, "at least 12 showcases, found {}", showcases.len());
    for entry in showcases {
        let name = entry.file_name().to_string_lossy().into_owned();
        let en = site.page(&format!("en/showcases/{name}/index.html"));
        assert!(en.contains("Sample data"), "{name}: the sample label is shown in English");
    }
}

/// The banner of `base.html`, as opposed to the notices of a sample school or plan.
const SAMPLE_BANNER: &str = r#"<p class="notice notice-sample" role="note" data-pagefind-ignore>"#;

#[test]
fn pages_with_sample_figures_carry_the_sample_banner() {
    let site = built_example();
    let pages: Vec<(String, String)> = site
        .snapshot()
        .into_iter()
        .map(|(path, bytes)| (path.to_string_lossy().replace('\\', "/"), String::from_utf8(bytes).unwrap_or_default()))
        .filter(|(path, _)| path.ends_with(".html"))
        .collect();
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

/// `results/2025/index.html`, in any language or reading mode.
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
    let site = built_example();
    let mut missing = Vec::new();
    for (page, texts) in PLANS_AS_WRITTEN {
        let html = site.page(page);
        missing.extend(texts.iter().filter(|text| !html.contains(*text)).map(|text| format!("{page}: `{text}`")));
    }
    assert!(missing.is_empty(), "missing from the example site:\n{}", missing.join("\n"));
}
