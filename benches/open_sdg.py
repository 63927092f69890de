#!/usr/bin/env python3
"""Real statistical data at scale: an Open SDG data repository as a gongkai site, built and checked.

    python3 benches/open_sdg.py convert REPO SITE [--period 2015-2030] [--as-of 2024-12-31]
    python3 benches/open_sdg.py measure REPO SITE
    python3 benches/open_sdg.py run REPO SITE [--runs 3] [--gongkai target/release/gongkai]

REPO is a checkout of an Open SDG data repository (`data/indicator_<id>.csv` and `meta/<id>.md`),
for example ONSdigital/sdg-data or open-sdg/open-sdg-data-starter. `convert` writes a new site in
SITE: one plan (the SDG period, one goal per SDG goal), one indicator file per CSV with its name and
unit from the metadata, and each CSV copied unchanged into `content/data/` (gongkai reads the tidy
layout directly; the file name `indicator_<id>.csv` ties it to the indicator). Nothing is committed.

`measure` reads every numeric `Value` of the source CSVs and looks for it where gongkai shows it:
on the indicator page (the Chinese page, in the table of its series, breakdown, row and period) and
in the indicator's tidy download (`data/figures/<id>.csv`, same series, unit, dimensions and
period). It prints the share found in each, and lists what was not found.

`run` converts, then builds SITE with the release binary `--runs` times (wall time of each), then
measures. What the metadata does not give is assumed and written into the indicator files:
`direction: increase`, `kind: expected`, no targets (so every status is a trend).
"""

import argparse
import csv
import html.parser
import os
import re
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

try:
    import yaml
except ImportError:  # pragma: no cover
    yaml = None


def front_matter(path):
    if not path.exists() or yaml is None:
        return {}
    text = path.read_text(encoding="utf-8", errors="replace")
    if not text.startswith("---"):
        return {}
    end = text.find("\n---", 3)
    try:
        return yaml.safe_load(text[3:end]) or {}
    except yaml.YAMLError:
        return {}


def quoted(text):
    """A YAML double-quoted scalar."""
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").strip() + '"'


def indicator_files(repo):
    files = sorted((Path(repo) / "data").glob("indicator_*.csv"))
    return [f for f in files if f.stat().st_size > 0]


def rows_of(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def convert(repo, site, period, as_of):
    repo, site = Path(repo), Path(site)
    if site.exists():
        shutil.rmtree(site)
    (site / "content/indicators").mkdir(parents=True)
    (site / "content/data").mkdir(parents=True)
    (site / "content/plans").mkdir(parents=True)
    start, end = period.split("-")
    name = repo.resolve().name
    (site / "gongkai.yaml").write_text(
        f"""title: {{zh: {quoted(name)}, en: {quoted(name)}}}
base_url: https://sdg.example.org/
as_of: {as_of}
organisation:
  name: {{zh: {quoted(name)}, en: {quoted(name)}}}
reading_modes: []
search: false
""",
        encoding="utf-8",
    )
    files = indicator_files(repo)
    goals = sorted({f.stem[len("indicator_"):].split("-")[0] for f in files}, key=lambda g: (len(g), g))
    plan = [
        "id: sdg",
        f"title: {{zh: {quoted(name)}, en: {quoted(name)}}}",
        f"issuer: {{zh: {quoted(name)}, en: {quoted(name)}}}",
        f"written: {start}-01-01",
        f"published: {start}-01-01",
        f"period: {{start: {start}, end: {end}}}",
        "validity: in_force",
        'summary: {zh: "Converted by benches/open_sdg.py.", en: "Converted by benches/open_sdg.py."}',
        "goals:",
    ]
    for goal in goals:
        plan.append(f"  - {{id: goal-{goal}, title: {{zh: {quoted('Goal ' + goal)}, en: {quoted('Goal ' + goal)}}}}}")
    (site / "content/plans/sdg.yaml").write_text("\n".join(plan) + "\n", encoding="utf-8")
    for data in files:
        ident = data.stem[len("indicator_"):]
        meta = front_matter(repo / "meta" / f"{ident}.md")
        title = meta.get("indicator_name") or ""
        if not title or "." in title.split()[0] and "_" in title:  # a translation key
            title = meta.get("indicator_available") or meta.get("graph_title") or ""
        if not isinstance(title, str) or not title.strip():
            title = f"Indicator {ident.replace('-', '.')}"
        rows = rows_of(data)
        unit = next((r.get("Units") or r.get("Unit measure") for r in rows if r.get("Units") or r.get("Unit measure")), None)
        unit = unit or meta.get("computation_units") or ""
        (site / "content/indicators" / f"{ident}.yaml").write_text(
            "\n".join(
                [
                    f"id: {ident}",
                    "plan: sdg",
                    f"goal: goal-{ident.split('-')[0]}",
                    f"name: {{zh: {quoted(title)}, en: {quoted(title)}}}",
                    f"unit: {{zh: {quoted(unit)}, en: {quoted(unit)}}}",
                    "direction: increase",
                    "kind: expected",
                    "unbounded: true",
                ]
            )
            + "\n",
            encoding="utf-8",
        )
        shutil.copyfile(data, site / "content/data" / data.name)
    return len(files)


class Tables(html.parser.HTMLParser):
    """The data tables of an indicator page: (series name, unit, dims→values, period) → cell text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.cells = {}
        self.series = self.unit = None
        self.stack = []
        self.in_h3 = self.in_unit = False
        self.table = None
        self.row = None
        self.cell = None
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "h3" and (attrs.get("id") or "").endswith("-heading"):
            self.in_h3, self.series, self.unit = True, "", ""
        elif tag == "span" and self.in_h3 and "muted" in classes:
            self.in_unit = True
        elif tag == "table" and "data-table" in classes:
            self.table = {"headers": [], "periods": [], "in_head": False}
        elif self.table is not None:
            if tag == "thead":
                self.table["in_head"] = True
            elif tag == "tr" and not self.table["in_head"]:
                self.row = {"labels": [], "cells": []}
            elif tag in ("th", "td"):
                self.cell = {"tag": tag, "text": "", "scope": attrs.get("scope")}
            elif tag in ("sup", "span") and self.cell is not None:
                self.skip += 1

    def handle_endtag(self, tag):
        if tag == "h3" and self.in_h3:
            self.in_h3 = False
            self.series = self.series.strip()
            self.unit = self.unit.strip()
        elif tag == "span" and self.in_unit:
            self.in_unit = False
        elif self.table is None:
            return
        elif tag in ("sup", "span") and self.skip:
            self.skip -= 1
        elif tag in ("th", "td") and self.cell is not None:
            text = self.cell["text"].strip()
            if self.table["in_head"]:
                self.table["headers"].append(text)
            elif self.cell["tag"] == "th":
                self.row["labels"].append(text)
            else:
                self.row["cells"].append(text)
            self.cell = None
        elif tag == "thead":
            self.table["in_head"] = False
        elif tag == "tr" and self.row is not None:
            self.finish_row()
            self.row = None
        elif tag == "table":
            self.table = None

    def finish_row(self):
        headers = self.table["headers"]
        labels = self.row["labels"]
        dims = headers[: len(labels)]
        periods = headers[len(labels):]
        key_dims = tuple(sorted(zip(dims, labels))) if dims != ["合计"] else ()
        # Target columns (`目标 2020`) come before their year; they are not published figures.
        values = [(p, c) for p, c in zip(periods, self.row["cells"]) if not p.startswith("目标")]
        for period, text in values:
            self.cells[(self.series, self.unit, key_dims, period)] = text

    def handle_data(self, data):
        if self.in_unit:
            self.unit += data
        elif self.in_h3:
            self.series += data
        elif self.cell is not None and not self.skip:
            self.cell["text"] += data


def number(text):
    text = (text or "").replace(",", "").strip()
    try:
        return float(text)
    except ValueError:
        return None


def same(a, b):
    return a is not None and b is not None and abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def period_text(year):
    year = year.strip()
    m = re.fullmatch(r"(\d{4})\s*(?:-|–|/| to )\s*(\d{2,4})", year)
    if not m:
        return year.split(".")[0]
    start, end = m.group(1), m.group(2)
    if len(end) == 2:
        end = start[:2] + end
    return f"{start}-{end}"


ROLES = {
    "year": "year", "time period": "year", "period": "year", "value": "value", "obs value": "value",
    "series": "series", "units": "units", "unit": "units", "unit measure": "units",
    "comment obs": "attr", "comment": "attr", "comments": "attr", "note": "attr", "notes": "attr",
    "footnote": "attr", "observation status": "attr", "obs status": "attr", "unit multiplier": "attr",
    "unit mult": "attr", "geocode": "attr",
}


def role(header):
    return ROLES.get(" ".join(header.strip().lower().replace("_", " ").split()), "dim")


def measure(repo, site):
    repo, site = Path(repo), Path(site)
    public = site / "public"
    total = on_pages = in_downloads = in_notes = in_download_notes = 0
    missing = defaultdict(int)
    for data in indicator_files(repo):
        ident = data.stem[len("indicator_"):]
        meta_text = (site / "content/indicators" / f"{ident}.yaml").read_text(encoding="utf-8")
        own_name = re.search(r'^name: \{zh: "(.*?)", en:', meta_text, re.M).group(1).replace('\\"', '"')
        own_unit = re.search(r'^unit: \{zh: "(.*?)", en:', meta_text, re.M).group(1).replace('\\"', '"')
        page = public / "indicators" / ident / "index.html"
        tables = Tables()
        page_text = page.read_text(encoding="utf-8") if page.exists() else ""
        tables.feed(page_text)
        download = {}
        figures = public / "data/figures" / f"{ident}.csv"
        download_text = figures.read_text(encoding="utf-8") if figures.exists() else ""
        if figures.exists():
            for row in rows_of(figures):
                dims = tuple(sorted((k, v) for k, v in row.items() if v and role(k.split(" / ")[-1]) == "dim" and k.split(" / ")[0] not in ("示例数据", "目标", "备注", "来源")))
                series = row["系列 / Series"] or own_name
                download[(series, row["单位 / Units"], dims, row["年度 / Year"])] = row["数值 / Value"]
        for row in rows_of(data):
            value = number(row.get("Value"))
            if value is None:
                continue
            total += 1
            series = unit = None
            units_seen = False
            dims = []
            for header, text in row.items():
                if header is None:
                    continue
                r = role(header)
                text = (text or "").strip()
                if r == "series":
                    series = text or None
                elif r == "units" and not units_seen:
                    # gongkai reads a second units column (`Units` and `Unit measure`) as a note.
                    units_seen = True
                    unit = text or None
                elif r == "dim" and text:
                    dims.append((header.strip(), text))
            name = series or own_name
            shown_unit = unit or own_unit
            period = period_text(row.get("Year", ""))
            key = (name, shown_unit, tuple(sorted(dims)), period)
            cell = tables.cells.get((name, "单位：" + shown_unit, key[2], period))
            if same(number(cell), value):
                on_pages += 1
            elif f"另有一行给出{row['Value'].strip()}（" in page_text or f"另有一行给出{value!r}（" in page_text:
                # A row that repeats another's key with another value: shown as a note beside it.
                in_notes += 1
            else:
                missing[("page", ident)] += 1
            if same(number(download.get(key)), value):
                in_downloads += 1
            elif f"另有一行给出{row['Value'].strip()}（" in download_text:
                in_download_notes += 1
            else:
                missing[("download", ident)] += 1
    print(f"numeric values in the source: {total:,}")
    print(f"on the pages:        {on_pages:,} ({100 * on_pages / max(total, 1):.2f} %)")
    print(f"in the downloads:    {in_downloads:,} ({100 * in_downloads / max(total, 1):.2f} %)")
    print(f"as a note beside the figure their row repeats: {in_notes:,} on the pages, {in_download_notes:,} in the downloads")
    worst = sorted(missing.items(), key=lambda item: -item[1])[:15]
    for (where, ident), count in worst:
        print(f"  not found {where:8} {ident}: {count}")
    return total, on_pages, in_downloads


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["convert", "measure", "run"])
    parser.add_argument("repo")
    parser.add_argument("site")
    parser.add_argument("--period", default="2015-2030")
    parser.add_argument("--as-of", default="2024-12-31")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--gongkai", default=None)
    args = parser.parse_args()
    if args.command in ("convert", "run"):
        count = convert(args.repo, args.site, args.period, args.as_of)
        print(f"converted {count} indicators into {args.site}")
    if args.command == "run":
        target = os.environ.get("CARGO_TARGET_DIR", "target")
        binary = args.gongkai or str(Path(target) / "release/gongkai")
        for run in range(args.runs):
            began = time.perf_counter()
            result = subprocess.run([binary, "build", "--root", args.site, "--quiet"], capture_output=True, text=True)
            wall = time.perf_counter() - began
            if result.returncode != 0:
                sys.stderr.write(result.stderr[-4000:])
                sys.exit(f"build failed with {result.returncode}")
            print(f"build {run + 1}: {wall:.2f} s wall")
    if args.command in ("measure", "run"):
        measure(args.repo, args.site)


if __name__ == "__main__":
    main()
