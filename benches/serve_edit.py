#!/usr/bin/env python3
"""Time one showcase edit in `gongkai serve`: save → rebuilt → reload event sent.

    cargo build --release
    python3 bench/serve_edit.py --site .                       # the example site
    python3 bench/serve_edit.py --site /tmp/gongkai-medium     # see bench/model_to_site.py

The site is copied to a temporary folder and served on a free port. Each run edits the body of one
showcase and waits for the `reload` event on the live-reload stream. It prints, per run and as
min/median/max: the time from the save to the event (end to end, including the watcher's
debounce), and the rebuild time and page count serve logs for that rebuild.
"""
import argparse
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
        server = subprocess.Popen([args.gongkai, "serve", "--port", "0", "--root", str(root)],
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
                first_build = next(l for l in log if l.startswith("built "))
                port = int(re.search(r"127\.0\.0\.1:(\d+)", "".join(log)).group(1))
            print(f"site: {args.site} | first build: {first_build.strip()}")
            events = connect_events(port)
            original = showcase.read_text(encoding="utf-8")
            totals, rebuilds = [], []
            for run in range(args.runs):
                with log_lock:
                    seen = len(log)
                start = time.perf_counter()
                showcase.write_text(original + f"\n\nEdit {run}.\n", encoding="utf-8")
                wait_for_reload(events)
                total = (time.perf_counter() - start) * 1000
                line = wait_for_log(log, log_lock, seen)
                built = re.search(r"in (\d+) ms: (\d+) pages rendered, (\d+) unchanged", line)
                totals.append(total)
                rebuilds.append(int(built.group(1)))
                print(f"run {run + 1}: save → reload event {total:.0f} ms; serve: {line.strip()}")
                time.sleep(0.3)  # let the watcher settle, so runs do not merge
            showcase.write_text(original, encoding="utf-8")
            summary = lambda xs: f"min {min(xs):.0f}, median {statistics.median(xs):.0f}, max {max(xs):.0f} ms"
            print(f"save → reload event: {summary(totals)} ({args.runs} runs)")
            print(f"rebuild as logged:   {summary(rebuilds)}")
        finally:
            server.terminate()
            server.wait()


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


def wait_for_log(log, lock, seen):
    deadline = time.time() + 60
    while time.time() < deadline:
        with lock:
            fresh = [l for l in log[seen:] if l.startswith("built ")]
        if fresh:
            return fresh[-1]
        time.sleep(0.005)
    sys.exit("no rebuild line in the log")


if __name__ == "__main__":
    main()
