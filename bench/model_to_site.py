#!/usr/bin/env python3
"""Turn the synthetic benchmark model (`gen.py --format model`) into a gongkai site.

    python3 /work/shared/bench/gen.py --format model --scale medium --out /tmp/model-medium
    python3 bench/model_to_site.py /tmp/model-medium/model.json /tmp/gongkai-medium

Schools, showcases and indicators keep their ids, text and links; indicators are grouped into one
plan (2018-2024) with a goal per department; every figure is marked `sample: true`. Only the
Python standard library is used, and the output is the same for the same model.
"""
import json
import sys
from pathlib import Path


def q(text):
    return json.dumps(text, ensure_ascii=False)


def loc(pair):
    return "{zh: %s, en: %s}" % (q(pair["zh"]), q(pair["en"]))


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def main(model_path, out):
    model = json.loads(Path(model_path).read_text(encoding="utf-8"))
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        sys.exit(f"{out} is not empty")
    content = out / "content"
    years = model["years"]
    write(out / "gongkai.yaml", "\n".join([
        f"title: {loc(model['site_title'])}",
        "base_url: https://bench.example.gov.cn/",
        f"as_of: {years[-1]}-12-31",
        "languages: [zh, en]",
        "organisation:",
        "  name: {zh: 某市教育局, en: City Education Bureau}",
        f"showcases_per_page: {model['page_size']}",
        "",
    ]))

    departments = {}
    for indicator in model["indicators"]:
        departments.setdefault(indicator["department"]["zh"], indicator["department"])
    department_ids = {zh: f"d{n:02}" for n, zh in enumerate(sorted(departments), 1)}
    lines = ["body: {zh: 某市教育局, en: City Education Bureau}", "departments:"]
    for zh, pair in sorted(departments.items()):
        lines += [f"  - id: {department_ids[zh]}", f"    name: {loc(pair)}"]
    write(content / "departments/bureau.yaml", "\n".join(lines) + "\n")

    lines = [
        "id: city-plan",
        f"title: {{zh: 某市教育质量提升规划（{years[0]}—{years[-1]}年）, en: City Education Quality Plan {years[0]}-{years[-1]}}}",
        "issuer: {zh: 某市教育局, en: City Education Bureau}",
        f"written: {years[0]}-01-15",
        f"published: {years[0]}-01-20",
        f"period: {{start: {years[0]}, end: {years[-1]}}}",
        "validity: in_force",
        "summary: {zh: 合成的基准测试规划。, en: A synthetic plan for benchmarks.}",
        "goals:",
    ]
    for zh, pair in sorted(departments.items()):
        lines += [f"  - id: goal-{department_ids[zh]}", f"    title: {loc(pair)}",
                  f"    departments: [{department_ids[zh]}]"]
    write(content / "plans/city-plan.yaml", "\n".join(lines) + "\n")

    for indicator in model["indicators"]:
        department = department_ids[indicator["department"]["zh"]]
        up = indicator["direction"] == "up"
        lines = [
            f"id: {indicator['id']}", "plan: city-plan", f"goal: goal-{department}",
            f"name: {loc(indicator['name'])}", f"unit: {loc(indicator['unit'])}",
            f"direction: {'increase' if up else 'decrease'}", "kind: expected",
            f"departments: [{department}]",
            f"baseline: {{year: {years[0]}, value: {indicator['baseline']}, sample: true}}",
            "targets:",
        ]
        for value in indicator["values"]:
            lines.append(f"  - {{year: {value['year']}, {'at_least' if up else 'at_most'}: {value['target']}}}")
        lines.append("actuals:")
        for value in indicator["values"]:
            lines.append(f"  - {{year: {value['year']}, value: {value['actual']}, sample: true}}")
        write(content / f"indicators/{indicator['id']}.yaml", "\n".join(lines) + "\n")

    for school in model["schools"]:
        lines = [f"id: {school['id']}", f"name: {loc(school['name'])}", f"district: {loc(school['district'])}",
                 f"stage: {school['stage']}", "sample: true"]
        if school["group"]:
            lines.append(f"group: {loc(school['group'])}")
        # A pairing is declared once, on the school with the smaller id.
        partners = sorted(p for p in school["partners"] if p > school["id"])
        if partners:
            lines.append("partners:")
            lines += [f"  - {{school: {p}, relation: group}}" for p in partners]
        write(content / f"schools/{school['id']}.yaml", "\n".join(lines) + "\n")

    tags = {}
    for showcase in model["showcases"]:
        for zh, en in zip(showcase["tags"]["zh"], showcase["tags"]["en"]):
            tags.setdefault(zh, en)
    tag_ids = {zh: f"t{n:02}" for n, zh in enumerate(sorted(tags), 1)}
    lines = ["tags:"]
    for zh, en in sorted(tags.items()):
        lines += [f"  - id: {tag_ids[zh]}", f"    name: {{zh: {q(zh)}, en: {q(en)}}}"]
    write(content / "tags/tags.yaml", "\n".join(lines) + "\n")

    for showcase in model["showcases"]:
        tag_list = ", ".join(tag_ids[t] for t in showcase["tags"]["zh"])
        zh = [
            "---", f"title: {q(showcase['title']['zh'])}", f"date: {showcase['date']}",
            f"schools: [{showcase['school']}]", f"indicators: [{', '.join(showcase['indicators'])}]",
            f"tags: [{tag_list}]", f"summary: {q(showcase['description']['zh'])}", "sample: true", "---",
            showcase["body"]["zh"],
        ]
        en = ["---", f"title: {q(showcase['title']['en'])}", f"summary: {q(showcase['description']['en'])}", "---",
              showcase["body"]["en"]]
        write(content / f"showcases/{showcase['id']}.zh.md", "\n".join(zh) + "\n")
        write(content / f"showcases/{showcase['id']}.en.md", "\n".join(en) + "\n")

    for year in years:
        write(content / f"results/{year}.zh.md",
              f"---\ntitle: {year}年度规划实施情况\ndate: {year + 1}-03-31\nsample: true\n---\n{year}年各项指标进展见下表。\n")
        write(content / f"results/{year}.en.md",
              f"---\ntitle: Implementation in {year}\n---\nThe tables show each indicator in {year}.\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
