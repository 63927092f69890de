//! Plans as they are written (issue 18): tasks with lead and partner departments by tier,
//! milestones and the status of each deadline on `as_of`, relative targets, commitment and the
//! editors' classification, safeguards, parent documents, annexes, policy interpretations, the
//! disclosure record, the timeline page and the downloads of all of them.

mod common;

use common::{TestSite, assert_success};

const PLAN: &str = "content/plans/test-plan.yaml";

/// The minimal site with a plan written the way the seeds are: a task led at city level with a
/// district partner, yearly and termly deadlines, safeguards, parent documents and a disclosure record.
fn plan_site() -> TestSite {
    let site = TestSite::fixture("minimal");
    site.write(
        "content/departments/district.yaml",
        "body: {zh: 测试区教育局, en: Test District Education Bureau}\nlevel: county\ndepartments:\n  - id: district-bureau\n    name: {zh: 区教育局, en: District Education Bureau}\n  - id: research-office\n    name: {zh: 教研室, en: Teaching Research Office}\n",
    );
    site.edit("content/departments/bureau.yaml", "departments:", "level: city\ndepartments:");
    site.edit(PLAN, "period:", "keywords: []\ndisclosure: proactive\nrepeal_date: none\nperiod:");
    site.edit(
        PLAN,
        "goals:",
        "based_on:\n  - title: {zh: 省政府关于推进义务教育优质均衡发展的意见, en: Provincial opinions on balanced compulsory education}\n    number: 苏政发〔2017〕1号\ngoals:",
    );
    site.edit(
        PLAN,
        "    departments: [basic-education]",
        r#"    departments: [basic-education]
    tasks:
      - id: expert-teams
        number: {zh: （五）, en: (5)}
        title: {zh: 专家团队专业指导, en: Expert guidance}
        lead: [basic-education, district-bureau]
        partners: [research-office]
        milestones:
          - id: plans-filed
            title: {zh: 上报共建方案备案, en: Pairing plans filed}
            every: year
            by: 08-10
            reports:
              - {period: 2018, done: 2018-08-09}
              - {period: 2019, done: 2019-08-25, sample: true}
          - id: inspections
            title: {zh: 集体教学视导, en: Collective teaching inspection}
            every: term
            reports:
              - {period: 2019-2020-2, status: behind, note: {zh: 受疫情影响改为线上, en: Held online because of the epidemic}}
safeguards:
  title: {zh: 四、保障措施, en: IV. Safeguards}
  items:
    - id: funding
      title: {zh: 保障经费, en: Funding}
      lead: [district-bureau]
      milestones:
        - {id: budget, title: {zh: 经费列入年度预算, en: Funding in the annual budget}, due: 2021-2022}"#,
    );
    site.edit(PLAN, "period: {start: 2018, end: 2020}", "period: {start: 2018, end: 2022}");
    site
}

#[test]
fn a_task_shows_its_lead_and_partner_departments_by_tier_and_each_deadline_with_its_status() {
    let site = plan_site();
    assert_success(&site.build());
    let page = site.page("plans/test-plan/index.html");
    for expected in [
        r#"id="task-expert-teams""#,
        "（五）",
        "市级",
        "区（市）县级",
        "牵头：",
        "配合：",
        "每年8月10日前",
        "2018年8月10日前",
        "完成于2019年8月25日",
        "逾期完成",
        "每学期",
        "2019—2020学年第二学期",
        "受疫情影响改为线上",
        "四、保障措施",
        "2022年8月31日前",
        "苏政发〔2017〕1号",
        "主题词",
        "公开方式",
        "主动公开",
        "废止日期",
    ] {
        assert!(page.contains(expected), "the plan page lacks `{expected}`");
    }
    // 2020's deadline passed on as_of (2020-12-31) without a report; 2021's is ahead.
    let timeline = site.page("plans/test-plan/timeline/index.html");
    let no_data = timeline.find("2020年8月10日前").expect("the 2020 deadline is on the timeline");
    let marker = timeline.find(r#"class="as-of-row""#).expect("the reporting date is marked");
    let ahead = timeline.find("2021年8月10日前").expect("the 2021 deadline is on the timeline");
    assert!(no_data < marker && marker < ahead, "deadlines are in date order with as_of between them");
    assert!(timeline[no_data..marker].contains("status-no_data"), "a passed deadline without a report has no data");
    assert!(timeline[ahead..].contains("status-not_yet_due"), "a deadline after as_of is not yet due");
    let english = site.page("en/plans/test-plan/index.html");
    assert!(english.contains("every year by 10 August") && english.contains("Done late"), "English wording");
}

#[test]
fn a_department_page_lists_what_it_leads_and_what_it_supports() {
    let site = plan_site();
    assert_success(&site.build());
    let lead = site.page("departments/district-bureau/index.html");
    let leads = lead.find("牵头的任务").expect("a section of tasks it leads");
    assert!(lead[leads..].contains("专家团队专业指导") && lead[leads..].contains("保障经费"));
    assert!(lead.contains("区（市）县级"), "its tier");
    let partner = site.page("departments/research-office/index.html");
    let supports = partner.find("配合的任务").expect("a section of tasks it supports");
    assert!(partner[supports..].contains("专家团队专业指导"));
    assert!(!partner.contains("牵头的任务"), "it leads nothing");
}

#[test]
fn tasks_and_deadlines_are_downloadable_with_their_status() {
    let site = plan_site();
    assert_success(&site.build());
    let tasks = std::fs::read_to_string(site.public().join("data/plans/test-plan/tasks.csv")).unwrap();
    assert!(tasks.starts_with('\u{feff}'), "UTF-8 with a byte-order mark");
    assert!(
        tasks.contains("expert-teams")
            && tasks.contains("basic-education;district-bureau")
            && tasks.contains("research-office")
    );
    let milestones = std::fs::read_to_string(site.public().join("data/plans/test-plan/milestones.csv")).unwrap();
    let row =
        milestones.lines().find(|l| l.contains("plans-filed") && l.contains(",2019,")).expect("a row per deadline");
    assert!(row.contains("2019-08-10") && row.contains("2019-08-25") && row.contains("met,true,true"), "{row}");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.public().join("data/plans/test-plan.json")).unwrap()).unwrap();
    assert_eq!(json["keywords"], serde_json::json!([]));
    assert_eq!(json["repeal_date"], "none");
    assert_eq!(json["based_on"][0]["number"], "苏政发〔2017〕1号");
    assert_eq!(json["tasks"][0]["lead"][1]["level"], "county");
    let occurrences = &json["tasks"][0]["milestones"][0]["occurrences"];
    assert_eq!(occurrences[2]["status"], "no_data", "2020 was due before as_of: {occurrences}");
    assert_eq!(occurrences[3]["status"], "not_yet_due");
    let department: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.public().join("data/departments/research-office.json")).unwrap())
            .unwrap();
    assert_eq!(department["supports"][0]["task"], "expert-teams");
    let all = std::fs::read_to_string(site.public().join("data/milestones.csv")).unwrap();
    assert!(all.contains("budget") && all.contains("2021-2022"));
}

#[test]
fn relative_targets_are_judged_against_the_previous_year_and_a_benchmark() {
    let site = TestSite::fixture("minimal");
    site.edit(
        "content/indicators/quality-share.yaml",
        "  - year: 2020\n    at_least: 90",
        "  - year: 2019\n    relative: {than: previous_year, strictly: true}\n    commitment: strive\n  - year: 2020\n    relative:\n      than: benchmark\n      benchmark: {name: {zh: 全省平均水平, en: the provincial average}, value: 92, sample: true}",
    );
    site.edit("content/indicators/quality-share.yaml", "kind: expected", "kind: expected\neditorial: [kind]");
    assert_success(&site.build());
    let page = site.page("indicators/quality-share/index.html");
    for expected in ["高于上年", "力争", "不低于全省平均水平", "全省平均水平：92%", "编者归类"]
    {
        assert!(page.contains(expected), "the indicator page lacks `{expected}`");
    }
    // 2019: 75 after 71 is a rise (met); 2020: 91 is below the provincial 92 (behind).
    let row = |year: &str| {
        page.split(&format!("<th scope=\"row\">{year}</th>")).nth(1).unwrap().split("</tr>").next().unwrap().to_string()
    };
    assert!(row("2019").contains("status-met"), "{}", row("2019"));
    assert!(row("2020").contains("status-behind") && row("2020").contains("92%"), "{}", row("2020"));
    let english = site.page("en/indicators/quality-share/index.html");
    assert!(english.contains("above the previous year"), "English wording of a relative target");
    assert!(english.contains("Editors&#39; classification"), "the editors' classification in English");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.public().join("data/indicators/quality-share.json")).unwrap())
            .unwrap();
    assert_eq!(json["kind_by_editors"], true);
    let target = &json["years"].as_array().unwrap().iter().find(|y| y["year"] == 2020).unwrap()["target"];
    assert_eq!(target["relative"]["benchmark"]["value"], 92.0);
    let y2019 = json["years"].as_array().unwrap().iter().find(|y| y["year"] == 2019).unwrap();
    assert_eq!(y2019["target"]["commitment"], "strive");
}

#[test]
fn annexes_and_interpretations_are_pages_linked_with_their_plan() {
    let site = TestSite::fixture("minimal");
    // A government site, whose pages name their 政务公开 category.
    let registration = "government_site: true\nregistration: {site_code: \"0000000000\", icp: {number: 测ICP备1号}}\n";
    site.write("gongkai.yaml", &(site.read_source("gongkai.yaml") + registration));
    site.write("content/annexes/arrangements.zh.md", "---\ntitle: 结对共建安排表\nplan: test-plan\nnumber: 1\n---\n| 牵头学校 | 共建学校 |\n|---|---|\n| 甲 | 乙 |\n");
    site.write(
        "content/annexes/arrangements.en.md",
        "---\ntitle: Pairing arrangements\n---\n| Lead | Partner |\n|---|---|\n| A | B |\n",
    );
    site.write(
        "content/interpretations/explained.zh.md",
        "---\ntitle: 一文读懂测试计划\nplan: test-plan\ndate: 2018-02-01\nsummary: 要点解读。\n---\n解读正文。\n",
    );
    site.write(
        "content/interpretations/explained.en.md",
        "---\ntitle: The test plan explained\nsummary: Key points.\n---\nThe explanation.\n",
    );
    assert_success(&site.build());
    let plan = site.page("plans/test-plan/index.html");
    assert!(
        plan.contains("附件1")
            && plan.contains("/plans/test-plan/annex-1/")
            && plan.contains("/interpretations/explained/")
    );
    let annex = site.page("plans/test-plan/annex-1/index.html");
    assert!(annex.contains("<table") && annex.contains("/plans/test-plan/") && annex.contains("测教〔2018〕1号"));
    let interpretation = site.page("interpretations/explained/index.html");
    assert!(interpretation.contains(r#"<meta name="ColumnType" content="政策解读">"#));
    assert!(interpretation.contains(r#"<meta name="PubDate" content="2018-02-01">"#));
    assert!(site.page("interpretations/index.html").contains("一文读懂测试计划"));
    let english = site.page("en/plans/test-plan/annex-1/index.html");
    assert!(
        english.contains("Annex 1") && english.contains(r#"lang="zh-Hans">测教〔2018〕1号"#),
        "the number stays Chinese and says so"
    );
    assert!(std::fs::read_to_string(site.public().join("feed.xml")).unwrap().contains("一文读懂测试计划"));
}

#[test]
fn universities_and_open_universities_are_school_stages() {
    let site = TestSite::fixture("minimal");
    site.write("content/schools/university.yaml", "id: test-university\nname: {zh: 测试大学, en: Test University}\ndistrict: {zh: 测试市, en: Test City}\nstage: university\n");
    site.write("content/schools/open-university.yaml", "id: test-open-university\nname: {zh: 测试开放大学, en: Test Open University}\ndistrict: {zh: 测试市, en: Test City}\nstage: open_university\n");
    assert_success(&site.build());
    assert!(site.page("schools/test-university/index.html").contains("普通高等学校"));
    assert!(site.page("en/schools/test-open-university/index.html").contains("Open university"));
}

#[test]
fn every_problem_with_tasks_and_milestones_is_reported_at_once() {
    let site = plan_site();
    site.edit(PLAN, "lead: [basic-education, district-bureau]", "lead: [basic-educaton, district-bureau]");
    site.edit(PLAN, "by: 08-10", "by: 08-32");
    site.edit(PLAN, "{period: 2019-2020-2, status: behind", "{period: 2019-2020-3, status: behind");
    site.edit(PLAN, "due: 2021-2022}", "due: 2023-2024}");
    site.edit(PLAN, "repeal_date: none", "repeal_date: 2017-01-01");
    let run = site.build();
    assert!(!run.success);
    for expected in [
        "department `basic-educaton` is not defined",
        "did you mean `basic-education`?",
        "`08-32` is not a month and day",
        "a school year has two terms",
        "outside the plan's period 2018–2022",
        "the repeal date 2017-01-01 comes before the plan was written",
        "test-plan.yaml:",
    ] {
        assert!(run.stderr.contains(expected), "expected `{expected}` in:\n{}", run.stderr);
    }
    assert!(run.stderr.contains("5 error(s)"), "all five at once:\n{}", run.stderr);
}
