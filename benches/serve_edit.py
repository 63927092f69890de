#!/usr/bin/env python3
"""Time one showcase edit in `gongkai serve`: save → rebuilt → reload event sent → page served.

    cargo build --release
    python3 benches/serve_edit.py --site .                       # the example site
    python3 benches/serve_edit.py --site /tmp/gongkai-medium     # see benches/model_to_gongkai.py

The site is copied to a temporary folder and served (with --verbose) on a free port. Each run
appends a line to the body of one showcase, waits for the `reload` event on the live-reload
stream, then asks for the showcase's page as the reloading browser would, and checks that it shows
the new line. It prints, per run and as min/median/max: the time from the save to the reload
event (end to end, including the watcher's debounce), from the save to the page served, the
rebuild time serve logs (and its steps), and the pages whose inputs changed, which serve renders
in the background after the reload; each run waits for that to finish, so runs do not overlap.
"""
import argparse
import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", required=True, help="the site folder (gongkai.yaml, content/)")
    parser.add_argument("--gongkai", default=str(Path(os.environ.get("CARGO_TARGET_DIR", "target")) / "release/gongkai"))
    parser.add_argument("--showcase", help="the showcase file to edit, relative to the site (default: the first)")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp) / "site"
        shutil.copytree(args.site, root, ignore=shutil.ignore_patterns("public", ".git", "target"))
        showcase = root / (args.showcase or sorted((root / "content/showcases").glob("*.zh.md"))[0].relative_to(root))
        page = "/showcases/" + showcase.name.removesuffix(".zh.md") + "/"
        server = subprocess.Popen([args.gongkai, "serve", "--verbose", "--port", "0", "--root", str(root)],
                                  stderr=subprocess.PIPE, text=True)
        log, log_lock = [], threading.Lock()
        ready = threading.Event()

        def read_log():
            for line in server.stderr:
                with log_lock:
                    log.append(line)
                if line.startswith("serving "):
                    ready.set()

        threading.Thread(target=read_log, daemon=True).start()
        try:
            if not ready.wait(300):
                sys.exit("serve did not start:\n" + "".join(log))
            with log_lock:
                first_build = next(l for l in log if l.startswith("rebuilt "))
                port = int(re.search(r"127\.0\.0\.1:(\d+)", "".join(log)).group(1))
            print(f"site: {args.site} | first load: {first_build.strip()}")
            first_render = wait_for_log(log, log_lock, 0, "rendered ", 3600)
            print(f"first render in the background: {first_render.strip()}")
            events = connect_events(port)
            original = showcase.read_text(encoding="utf-8")
            columns = {name: [] for name in ("reload", "page", "rebuild", "changed", "background")}
            for run in range(args.runs):
                with log_lock:
                    seen = len(log)
                marker = f"Edit {run} of the benchmark."
                start = time.perf_counter()
                showcase.write_text(original + f"\n\n{marker}\n", encoding="utf-8")
                wait_for_reload(events)
                reload = (time.perf_counter() - start) * 1000
                body = get(port, page)
                served = (time.perf_counter() - start) * 1000
                if marker not in body:
                    sys.exit(f"run {run + 1}: {page} does not show the edit")
                rebuilt = wait_for_log(log, log_lock, seen, "rebuilt ", 60)
                steps = wait_for_log(log, log_lock, seen, "  read ", 60)
                rendered = wait_for_log(log, log_lock, seen, "rendered ", 600)
                built = re.search(r"in (\d+) ms", rebuilt)
                changed = re.search(r"rendered (\d+) of (\d+) pages again in (\d+) ms", rendered)
                for name, value in [("reload", reload), ("page", served), ("rebuild", int(built.group(1))),
                                    ("changed", int(changed.group(1))), ("background", int(changed.group(3)))]:
                    columns[name].append(value)
                print(f"run {run + 1}: save → reload event {reload:.0f} ms, → page served {served:.0f} ms; "
                      f"serve: {rebuilt.strip()} [{steps.strip()}]; {rendered.strip()}")
                time.sleep(0.3)  # let the watcher settle, so runs do not merge
            showcase.write_text(original, encoding="utf-8")
            summary = lambda xs: f"min {min(xs):.0f}, median {statistics.median(xs):.0f}, max {max(xs):.0f}"
            print(f"save → reload event:     {summary(columns['reload'])} ms ({args.runs} runs)")
            print(f"save → page served:      {summary(columns['page'])} ms")
            print(f"rebuild as logged:       {summary(columns['rebuild'])} ms")
            print(f"pages changed per edit:  {summary(columns['changed'])}, "
                  f"rendered in the background in {summary(columns['background'])} ms")
        finally:
            server.terminate()
            server.wait()


def get(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read().decode("utf-8")
    if response.status != 200:
        sys.exit(f"{path}: {response.status}")
    return body


def connect_events(port):
    stream = socket.create_connection(("127.0.0.1", port))
    stream.sendall(b"GET /__gongkai/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
    reader = stream.makefile("r", encoding="utf-8", newline="\n")
    for line in reader:
        if line.startswith("event: generation"):
            return reader
    sys.exit("the event stream closed")


def wait_for_reload(reader):
    for line in reader:
        if line.startswith("event: reload"):
            return
    sys.exit("the event stream closed")


def wait_for_log(log, lock, seen, prefix, limit):
    deadline = time.time() + limit
    while time.time() < deadline:
        with lock:
            fresh = [l for l in log[seen:] if l.startswith(prefix)]
        if fresh:
            return fresh[-1]
        time.sleep(0.005)
    sys.exit(f"no `{prefix}` line in the log:\n" + "".join(log[seen:]))


if __name__ == "__main__":
    main()
