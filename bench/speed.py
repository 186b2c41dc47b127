"""Benchmark: Runwell beside WordPress and Isso, in one run, with the same load tools.

Seeds a throwaway data folder (bench/speedkit/seed.py: the starter library, an article
with 1000 comments, one with 20, one that posts go to), serves it with
`runwell serve --workers 2` on a free 127.0.0.1 port (moderation, flood control and rate
limits off, as the anchors are configured) and measures, at 16 connections:

- the ceiling: a static file served by the same gunicorn (whitenoise), with wrk;
- the article page with 20 and with 1000 comments, with wrk;
- the comment API GET of both threads, with wrk;
- POST: 8 clients x 250 comments, one keep-alive connection each, 30% replies to the
  client's own earlier comments (the shape of the Isso anchor's load client), then checks
  that every 2xx answer was stored once and names the comment its request sent.

With --anchors it then runs /work/shared/anchors' WordPress (classic theme) and Isso
scripts, one after the other, and prints every figure beside its anchor with the ratio
and p99. The load average is printed before and after: on a shared machine say so.

A POST figure moves by a fifth or more from one run to the next on a shared 2-core machine,
so one pair says little. --post-rounds N then alternates N more POST rounds of each side
(Runwell on a fresh server; Isso's own script with 1-second GET phases) and prints every
round, the medians, their ratio and the median of the rounds' own ratios.

    .venv/bin/python bench/speed.py [--seconds 10] [--anchors [--post-rounds 3]]

Traffic goes to 127.0.0.1 only. wrk and the POST client share the cores with the server.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.comments import free_port, pct, wait_ready  # noqa: E402
from bench.hotspots import prepare  # noqa: E402
from bench.speedkit.seed import BIG, SMALL, WRITE  # noqa: E402

ANCHORS = Path("/work/shared/anchors")
WRK_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT rps=%.2f p50_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, e.connect + e.read + e.write + e.timeout, e.status))
end
"""
WRK = shutil.which("wrk") or "/usr/bin/wrk"
FIELDS = re.compile(r"(\w+)=([\d.]+)")


@dataclass
class Figure:
    rps: float
    p99_ms: float
    errors: int = 0


def load1() -> str:
    return Path("/proc/loadavg").read_text().split()[0]


def uptime() -> str:
    averages = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    return (
        f"{time.strftime('%Y-%m-%d %H:%M:%S %Z')}, load average {averages}, {os.cpu_count()} CPUs"
    )


def wrk(url: str, seconds: float, connections: int, script: str) -> Figure:
    out = subprocess.run(
        [WRK, "-t2", f"-c{connections}", f"-d{seconds:g}s", "--timeout", "30s", "-s", script,
         url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    line = next(ln for ln in out.splitlines() if ln.startswith("RESULT "))
    values = {k: float(v) for k, v in FIELDS.findall(line)}
    return Figure(values["rps"], values["p99_ms"], int(values["errors"] + values["non2xx"]))


def posts(port: int, clients: int, each: int) -> tuple[Figure, list[tuple[int, int, str]]]:
    """Each client keeps one connection and replies to its own comments 30% of the time."""
    results: list[tuple[int, int, str]] = []
    latencies: list[float] = []
    lock = threading.Lock()
    path = f"/api/v1/articles/{WRITE}/comments"

    def client(n: int) -> None:
        rng = random.Random(1000 + n)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine: list[tuple[int, int, str]] = []
        own_ids: list[int] = []
        times: list[float] = []
        for i in range(each):
            text = f"Bench comment c{n}n{i}: my calves hurt after the long run, any advice?"
            payload = {"author_name": f"Bench Runner {n}", "author_email": f"b{n}@example.org",
                       "body": text}  # fmt: skip
            if own_ids and rng.random() < 0.3:
                payload["parent"] = rng.choice(own_ids)
            started = time.perf_counter()
            try:
                conn.request("POST", path, body=json.dumps(payload),
                             headers={"Content-Type": "application/json"})  # fmt: skip
                answer = conn.getresponse()
                raw = answer.read()
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                mine.append((0, 0, text))
                continue
            times.append(time.perf_counter() - started)
            cid = int(json.loads(raw).get("id", 0)) if answer.status == 201 else 0
            if cid:
                own_ids.append(cid)
            mine.append((answer.status, cid, text))
        conn.close()
        with lock:
            results.extend(mine)
            latencies.extend(times)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    failed = sum(1 for status, _cid, _text in results if status != 201)
    figure = Figure(clients * each / elapsed, pct(latencies, 0.99), failed)
    return figure, results


def check_posts(env: dict[str, str], results: list[tuple[int, int, str]]) -> tuple[int, int, int]:
    """(stored, 2xx answers, answers naming a comment with another request's text)."""
    code = f"""
import django, json, sys
django.setup()
from runwell.comments.models import Comment
rows = Comment.objects.filter(article__slug="{WRITE}").values_list("id", "body")
json.dump({{str(k): v for k, v in rows}}, sys.stdout)
"""
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout  # fmt: skip
    stored = json.loads(out)
    ok = [r for r in results if r[0] == 201]
    wrong = sum(1 for _s, cid, text in ok if stored.get(str(cid)) != text)
    return len(stored), len(ok), wrong


def static_path(port: int) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", f"/articles/{SMALL}/")
    html = conn.getresponse().read().decode()
    found = re.search(r'href="(/static/[^"]+\.css)"', html)
    if found is None:
        raise SystemExit("no stylesheet on the article page to measure the ceiling with")
    return found.group(1)


def measure_runwell(args: argparse.Namespace, script: str) -> dict[str, Figure]:
    data_dir = prepare()
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "runwell.settings",
        "RUNWELL_DATA_DIR": data_dir,
        "RUNWELL_COMMENT_MODERATION": "none",
        "RUNWELL_COMMENT_FLOOD_SECONDS": "0",
        "RUNWELL_COMMENT_RATE_LIMIT": "0",
        "RUNWELL_LOG_LEVEL": "WARNING",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "runwell", "serve", "--workers", "2", "--port", str(port)],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    figures: dict[str, Figure] = {}
    try:
        wait_ready(port, server)
        base = f"http://127.0.0.1:{port}"
        targets = {
            "static file (ceiling)": static_path(port),
            "article page, 20 comments": f"/articles/{SMALL}/",
            "article page, 1000 comments": f"/articles/{BIG}/",
            "API GET, 20 comments": f"/api/v1/articles/{SMALL}/comments",
            "API GET, 1000 comments": f"/api/v1/articles/{BIG}/comments",
        }
        for label, path in targets.items():
            if args.posts_only and not label.startswith("static"):
                continue
            wrk(base + path, 2, 4, script)  # warm both workers
            figures[label] = wrk(base + path, args.seconds, args.connections, script)
            print(f"  runwell {label}: {figures[label]} (load1 {load1()})", flush=True)
        figure, results = posts(port, args.post_clients, args.posts_each)
        stored, ok, wrong = check_posts(env, results)
        figures["API POST"] = figure
        print(f"  runwell API POST: {figure}; 2xx {ok}, stored {stored}, cross-wired {wrong}")
        if stored != ok or wrong:
            raise SystemExit("FAILED: lost or cross-wired posts")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        shutil.rmtree(data_dir, ignore_errors=True)
    return figures


def _anchor_lines(command: list[str], env: dict[str, str], prefix: str) -> list[str]:
    print(f"  running {' '.join(command)} ...", flush=True)
    started = load1()
    done = subprocess.run(command, env={**os.environ, **env}, capture_output=True, text=True)
    kept = Path(tempfile.gettempdir()) / f"runwell-speed-{Path(command[0]).stem}.log"
    kept.write_text(done.stdout + done.stderr)
    print(f"  load1 {started} before, {load1()} after; its whole output is in {kept}", flush=True)
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith(prefix)]
    print("\n".join(f"    {ln}" for ln in lines), flush=True)
    if done.returncode != 0:
        print(done.stdout[-2000:], done.stderr[-2000:], sep="\n")
        raise SystemExit(f"{command[0]} failed ({done.returncode})")
    return lines


def _figure(lines: list[str], *words: str) -> Figure | None:
    for line in lines:
        if all(f" {w} " in f" {line} " for w in words):
            values = {k: float(v) for k, v in FIELDS.findall(line)}
            return Figure(values["rps"], values["p99_ms"], int(values.get("errors", 0)))
    return None


def measure_anchors(args: argparse.Namespace) -> dict[str, Figure | None]:
    seconds = f"{args.seconds:g}"
    wordpress = _anchor_lines(
        [str(ANCHORS / "wordpress/wp_bench.sh")],
        {"THEME": "twentytwentyone", "ROUNDS": "1", "LONG_SECONDS": "0",
         "GET_SECONDS": seconds, "GET_CONC": str(args.connections)},
        "wordpress ",
    )  # fmt: skip
    isso = _anchor_lines(
        [str(ANCHORS / "isso/isso_bench.sh")],
        {"ISSO_VENV": args.isso_venv, "GET_SECONDS": seconds, "GET_CONC": str(args.connections),
         "POST_CLIENTS": str(args.post_clients), "POST_PER_CLIENT": str(args.posts_each),
         "PROFILE": "0", "KEEP": "0"},
        "isso ",
    )  # fmt: skip
    conc = f"c={args.connections}"
    return {
        "article page, 20 comments": _figure(wordpress, "page_20", conc),
        "article page, 1000 comments": _figure(wordpress, "page_1000", conc),
        "API GET, 20 comments": _figure(isso, "get_20", "tool=wrk"),
        "API GET, 1000 comments": _figure(isso, "get_1000", "tool=wrk"),
        "API POST": _figure(isso, "post", "tool=python"),
    }


def post_rounds(args: argparse.Namespace, script: str) -> None:
    """Alternate POST rounds of Runwell and Isso, and print the ratio of the medians."""
    only_posts = argparse.Namespace(**{**vars(args), "posts_only": True})
    mine: list[float] = []
    theirs: list[float] = []
    for n in range(1, args.post_rounds + 1):
        figure = measure_runwell(only_posts, script)["API POST"]
        isso = _figure(
            _anchor_lines(
                [str(ANCHORS / "isso/isso_bench.sh")],
                {"ISSO_VENV": args.isso_venv, "GET_SECONDS": "1",
                 "POST_CLIENTS": str(args.post_clients), "POST_PER_CLIENT": str(args.posts_each),
                 "PROFILE": "0", "KEEP": "0"},
                "isso post ",
            ),
            "post", "tool=python",
        )  # fmt: skip
        if isso is None:
            raise SystemExit("the Isso script printed no POST figure")
        mine.append(figure.rps)
        theirs.append(isso.rps)
        print(f"  POST round {n}: Runwell {figure.rps:.1f}/s, Isso {isso.rps:.1f}/s "
              f"({figure.rps / isso.rps:.2f}x)", flush=True)  # fmt: skip
    ours, anchor = statistics.median(mine), statistics.median(theirs)
    print(f"\nPOST over {len(mine)} alternating rounds: "
          f"Runwell median {ours:.1f}/s (range {min(mine):.1f}-{max(mine):.1f}), "
          f"Isso median {anchor:.1f}/s (range {min(theirs):.1f}-{max(theirs):.1f}): "
          f"{ours / anchor:.2f}x; median of the rounds' own ratios "
          f"{statistics.median(m / t for m, t in zip(mine, theirs, strict=True)):.2f}x; "
          "goal >=2x")  # fmt: skip


GOALS = {
    "article page, 20 comments": ("WordPress", 3),
    "article page, 1000 comments": ("WordPress", 10),
    "API GET, 20 comments": ("Isso", 10),
    "API GET, 1000 comments": ("Isso", 100),
    "API POST": ("Isso", 2),
}


def report(runwell: dict[str, Figure], anchors: dict[str, Figure | None]) -> None:
    ceiling = runwell["static file (ceiling)"].rps
    print(f"\n{'what':30} {'Runwell r/s':>11} {'p99 ms':>7} {'of ceil.':>8} "
          f"{'anchor':>10} {'r/s':>9} {'p99 ms':>8} {'ratio':>7} {'goal':>5}")  # fmt: skip
    for label, mine in runwell.items():
        name, goal = GOALS.get(label, ("", 0))
        other = anchors.get(label)
        share = f"{mine.rps / ceiling:7.0%}" if label != "API POST" else "      -"
        row = f"{label:30} {mine.rps:11.1f} {mine.p99_ms:7.1f} {share:>8}"
        if other is not None:
            ratio = mine.rps / other.rps if other.rps else float("inf")
            verdict = "ok" if ratio >= goal else "MISSED"
            row += (f" {name:>10} {other.rps:9.1f} {other.p99_ms:8.1f} {ratio:6.1f}x"
                    f" {'>=' + str(goal) + 'x':>5} {verdict}")  # fmt: skip
        print(row)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--post-clients", type=int, default=8)
    parser.add_argument("--posts-each", type=int, default=250)
    parser.add_argument("--anchors", action="store_true", help="also run WordPress and Isso")
    parser.add_argument("--posts-only", action="store_true", help="the ceiling and POST only")
    parser.add_argument("--post-rounds", type=int, default=0, help="with --anchors, see above")
    parser.add_argument("--isso-venv", default=str(Path(tempfile.gettempdir()) / "isso-venv"))
    args = parser.parse_args()
    if not Path(WRK).exists():
        raise SystemExit("wrk is needed (apt-get install wrk)")
    print(f"start: {uptime()}", flush=True)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(WRK_REPORT)
    try:
        runwell = measure_runwell(args, lua.name)
        anchors = measure_anchors(args) if args.anchors else {}
        print(f"end: {uptime()}")
        report(runwell, anchors)
        if args.anchors and args.post_rounds > 0:
            post_rounds(args, lua.name)
            print(f"end of the POST rounds: {uptime()}")
    finally:
        os.unlink(lua.name)


if __name__ == "__main__":
    main()
