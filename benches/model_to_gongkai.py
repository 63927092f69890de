#!/usr/bin/env python3
"""Turn the bench generator's neutral model.json into a gongkai site.

    python3 ../shared/bench/gen.py --format model --scale medium --out /tmp/ssgbench/model-medium
    python3 benches/model_to_gongkai.py /tmp/ssgbench/model-medium/model.json /tmp/ssgbench/gongkai-medium
    # the site as editors preview it: reading modes on (gongkai's default) and the 繁體 edition
    python3 benches/model_to_gongkai.py MODEL.json OUT --languages zh en zh-hant
    # the pages Hugo and Zola build too, for benches/compare.py
    python3 benches/model_to_gongkai.py MODEL.json OUT --reading-modes none
    # the cost of the search index (off by default here: Hugo and Zola build none)
    python3 benches/model_to_gongkai.py MODEL.json OUT --reading-modes none --search

The site has the same pages, lists, cross-links, tables and SVG charts as the Hugo and Zola sites
gen.py writes (schools with partners and showcases, paginated showcases, one page per tag,
indicators with a data table and chart, a results page per year, a home page with featured
showcases), expressed in gongkai's model: one plan for the whole period, one goal per department,
tags as ids, and a short narrative per year so that every year has a report page. gongkai also
builds pages the others do not (plans, departments, progress, methodology, sitemap); that extra
work is counted against gongkai. Hugo and Zola build no search index, so neither does the site
unless `--search` is given (`search: true`), to measure what the index costs. Only the standard
library is used; output is deterministic.
"""
import argparse
import json
import os
import shutil

STAGES = {"kindergarten": "kindergarten", "primary": "primary", "junior": "junior", "senior": "senior",
          "vocational": "vocational", "nine_year": "nine_year", "complete": "complete", "special": "special"}


def q(value):
    """JSON strings and numbers are valid YAML flow scalars."""
    return json.dumps(value, ensure_ascii=False)


def loc(text):
    return "{zh: %s, en: %s}" % (q(text["zh"]), q(text["en"]))


def write(root, rel, text):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def slug_id(prefix, index):
    return f"{prefix}{index:03d}"


def main(model_path, out, languages, reading_modes, search=False):
    with open(model_path, encoding="utf-8") as f:
        m = json.load(f)
    if os.path.exists(out):
        shutil.rmtree(out)
    years = m["years"]
    start, end = years[0], years[-1]

    departments = sorted({json.dumps(i["department"], ensure_ascii=False, sort_keys=True) for i in m["indicators"]})
    dept_ids = {d: slug_id("d", n + 1) for n, d in enumerate(departments)}
    tag_names = sorted({(zh, en) for s in m["showcases"] for zh, en in zip(s["tags"]["zh"], s["tags"]["en"])})
    tag_ids = {zh: slug_id("t", n + 1) for n, (zh, en) in enumerate(tag_names)}

    write(out, "gongkai.yaml", "\n".join([
        f"title: {loc(m['site_title'])}",
        "base_url: https://bench.example.gov.cn/",
        f"as_of: {end}-12-31",
        f"languages: [{', '.join(languages)}]",
        "organisation:",
        "  name: {zh: 某市教育局, en: City Education Bureau}",
        f"showcases_per_page: {m['page_size']}",
        *(["reading_modes: []"] if reading_modes == "none" else []),
        f"search: {'true' if search else 'false'}",
        "",
    ]))
    lines = ["body: {zh: 某市教育局, en: City Education Bureau}", "departments:"]
    for d in departments:
        lines.append(f"  - id: {dept_ids[d]}\n    name: {loc(json.loads(d))}")
    write(out, "content/departments/bureau.yaml", "\n".join(lines) + "\n")
    lines = ["tags:"]
    for zh, en in tag_names:
        lines.append(f"  - id: {tag_ids[zh]}\n    name: {{zh: {q(zh)}, en: {q(en)}}}")
    write(out, "content/tags/topics.yaml", "\n".join(lines) + "\n")

    goals = []
    for d in departments:
        name = json.loads(d)
        goals.append(f"  - id: {dept_ids[d]}\n    title: {{zh: {q(name['zh'] + '负责的任务')}, en: {q('Goals of the ' + name['en'])}}}\n    departments: [{dept_ids[d]}]")
    write(out, "content/plans/bench.yaml", "\n".join([
        "id: bench",
        f"title: {loc(m['site_title'])}",
        "issuer: {zh: 某市教育局, en: City Education Bureau}",
        f"written: {start}-01-01",
        f"published: {start}-01-15",
        f"period: {{start: {start}, end: {end}}}",
        "validity: in_force",
        "summary: {zh: 基准测试用的合成规划。, en: A synthetic plan for benchmarks.}",
        "goals:",
        *goals,
        "",
    ]))

    for ind in m["indicators"]:
        dept = dept_ids[json.dumps(ind["department"], ensure_ascii=False, sort_keys=True)]
        comparator = "at_least" if ind["direction"] == "up" else "at_most"
        lines = [
            f"id: {ind['id']}",
            "plan: bench",
            f"goal: {dept}",
            f"name: {loc(ind['name'])}",
            f"unit: {loc(ind['unit'])}",
            f"direction: {'increase' if ind['direction'] == 'up' else 'decrease'}",
            "kind: expected",
            f"departments: [{dept}]",
            f"baseline: {{year: {start - 1}, value: {q(ind['baseline'])}, sample: true}}",
            "targets:",
            *[f"  - {{year: {v['year']}, {comparator}: {q(v['target'])}}}" for v in ind["values"]],
            "actuals:",
            *[f"  - {{year: {v['year']}, value: {q(v['actual'])}, sample: true}}" for v in ind["values"]],
            "",
        ]
        write(out, f"content/indicators/{ind['id']}.yaml", "\n".join(lines))

    for s in m["schools"]:
        lines = [
            f"id: {s['id']}",
            f"name: {loc(s['name'])}",
            f"district: {loc(s['district'])}",
            f"stage: {STAGES.get(s['stage'], 'primary')}",
        ]
        if s.get("group"):
            lines.append(f"group: {loc(s['group'])}")
        lines.append("sample: true")
        # gen.py lists partners on both sides; gongkai declares a pairing once, on the lower id.
        partners = [p for p in s["partners"] if p > s["id"]]
        if partners:
            lines.append("partners:")
            lines += [f"  - {{school: {p}, relation: in_district}}" for p in partners]
        write(out, f"content/schools/{s['id']}.yaml", "\n".join(lines) + "\n")

    for c in m["showcases"]:
        tags = ", ".join(tag_ids[t] for t in c["tags"]["zh"])
        write(out, f"content/showcases/{c['id']}.zh.md", "\n".join([
            "---",
            f"title: {q(c['title']['zh'])}",
            f"date: {c['date']}",
            f"schools: [{c['school']}]",
            f"indicators: [{', '.join(c['indicators'])}]",
            f"tags: [{tags}]",
            f"summary: {q(c['description']['zh'])}",
            "sample: true",
            "---",
            c["body"]["zh"],
        ]))
        write(out, f"content/showcases/{c['id']}.en.md", "\n".join([
            "---",
            f"title: {q(c['title']['en'])}",
            f"summary: {q(c['description']['en'])}",
            "---",
            c["body"]["en"],
        ]))

    for year in years:
        # A report cannot be dated after `as_of`: the last year's is published on that day.
        published = f"{year + 1}-03-31" if year < end else f"{end}-12-31"
        write(out, f"content/results/{year}.zh.md", f"---\ntitle: {year}年度报告\ndate: {published}\nsample: true\n---\n{year}年各项指标的目标与完成情况见下表。\n")
        write(out, f"content/results/{year}.en.md", f"---\ntitle: {year} annual report\n---\nThe targets and results of {year} are in the table below.\n")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", help="model.json written by gen.py --format model")
    parser.add_argument("out", help="the site folder to write (replaced if it exists)")
    parser.add_argument("--languages", nargs="+", default=["zh", "en"], choices=["zh", "en", "zh-hant"])
    parser.add_argument("--reading-modes", choices=["default", "none"], default="default",
                        help="default: gongkai's large-text and high-contrast copies; none: the standard site only")
    parser.add_argument("--search", action="store_true", help="build the search index (search: true)")
    args = parser.parse_args()
    main(args.model, args.out, args.languages, args.reading_modes, args.search)
