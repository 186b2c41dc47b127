"""Benchmark: reading and posting comments through `runwell serve --workers 2`.

Seeds a fresh data folder (SQLite) with an article of 1000 approved comments
(about 30% replies) and one of 20, serves it on a free 127.0.0.1 port with
moderation, flood control and rate limits off, then prints requests/s and
p50/p99 latency at concurrency 16 for 10 s, and the POST throughput of
8 clients x 250 posts, checking that nothing was lost or cross-wired.

    .venv/bin/python bench/comments.py [--seconds 10] [--concurrency 16]

Traffic goes to 127.0.0.1 only. The load client is Python threads with http.client
(keep-alive connections for the GETs, a new connection per POST as separate commenters
would use); it shares the machine's cores with the server.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIG = "bench-big-thread"
SMALL = "bench-small-thread"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def seed(env: dict[str, str]) -> None:
    """Create the articles and comments in the fresh data folder (runs in a child)."""
    code = f"""
import django, random
django.setup()
from datetime import timedelta
from django.core.management import call_command
from django.utils import timezone
from runwell.articles.models import Article
from runwell.comments.models import Comment
from runwell.comments.rendering import render_comment
call_command("migrate", interactive=False, verbosity=0)
rng = random.Random(7)
start = timezone.now() - timedelta(days=30)
for slug, size in (("{BIG}", 1000), ("{SMALL}", 20)):
    article = Article.objects.create(title=f"Benchmark thread {{slug}}", slug=slug, body="Text.",
        status="published", published_at=start)
    made = []
    for i in range(size):
        parent = rng.choice(made) if made and rng.random() < 0.3 else None
        body = f"Comment {{i}} with *some* text and a [link](https://example.org/{{i}}). " * 3
        c = Comment.objects.create(article=article, parent=parent,
            depth=min(parent.depth + 1, 4) if parent else 0,
            author_name=f"Reader {{i % 97}}", author_email=f"r{{i % 97}}@example.org",
            body=body, status="approved", created=start + timedelta(minutes=i))
        made.append(c)
"""
    subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=True)


def wait_ready(port: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("runwell serve stopped during start-up")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("runwell serve did not answer in 120 s")


def load(port: int, path: str, seconds: float, concurrency: int) -> tuple[int, int, list[float]]:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        bad = 0
        while time.monotonic() < stop_at:
            t0 = time.perf_counter()
            try:
                conn.request("GET", path)
                answer = conn.getresponse()
                answer.read()
                if answer.status != 200:
                    bad += 1
            except (OSError, http.client.HTTPException):
                bad += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            mine.append(time.perf_counter() - t0)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(latencies), errors[0], latencies


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def posts(port: int, clients: int, each: int) -> tuple[float, list[tuple[int, int, str]]]:
    results: list[tuple[int, int, str]] = []
    lock = threading.Lock()

    def client(n: int) -> None:
        mine = []
        for i in range(each):
            # Each post on a new connection, as separate commenters' browsers would: with
            # eight long-lived connections the two workers can end up with six and two.
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            text = f"bench post {n}-{i} {random.random()}"
            body = json.dumps(
                {"author_name": f"Client {n}", "author_email": f"c{n}@example.org", "body": text}
            )
            try:
                conn.request(
                    "POST",
                    f"/api/v1/articles/{SMALL}/comments",
                    body=body,
                    headers={"Content-Type": "application/json"},
                )
                answer = conn.getresponse()
                raw = answer.read()
                cid = json.loads(raw).get("id", 0) if answer.status == 201 else 0
                mine.append((answer.status, cid, text))
            except (OSError, http.client.HTTPException):
                mine.append((0, 0, text))
            finally:
                conn.close()
        with lock:
            results.extend(mine)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - t0, results


def check_posts(env: dict[str, str], results: list[tuple[int, int, str]]) -> tuple[int, int, int]:
    """(stored new comments, 2xx answers, answers whose id holds another text)."""
    code = f"""
import django, json, sys
django.setup()
from runwell.comments.models import Comment
rows = dict(Comment.objects.filter(article__slug="{SMALL}", body__startswith="bench post")
            .values_list("id", "body"))
json.dump({{str(k): v for k, v in rows.items()}}, sys.stdout)
"""
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    stored = json.loads(out)
    ok = [r for r in results if 200 <= r[0] < 300]
    wrong = sum(1 for _s, cid, text in ok if stored.get(str(cid)) != text)
    return len(stored), len(ok), wrong


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--post-clients", type=int, default=8)
    parser.add_argument("--posts-each", type=int, default=250)
    parser.add_argument("--posts-only", action="store_true", help="skip the GET measurements")
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="runwell-bench-")
    content_dir = Path(data_dir) / "no-content"
    content_dir.mkdir()
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "runwell.settings",
        "RUNWELL_DATA_DIR": data_dir,
        "RUNWELL_CONTENT_DIR": str(content_dir),
        "RUNWELL_COMMENT_MODERATION": "none",
        "RUNWELL_COMMENT_FLOOD_SECONDS": "0",
        "RUNWELL_COMMENT_RATE_LIMIT": "0",
        "RUNWELL_LOG_LEVEL": "WARNING",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }
    print(f"machine: {os.cpu_count()} CPUs, {cpu_model()}, Python {platform.python_version()}")
    print(f"data folder: {data_dir} (SQLite); seeding 1000 + 20 comments ...", flush=True)
    seed(env)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "runwell", "serve", "--workers", "2", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_ready(port, server)
        targets = [
            ("GET 1000-comment thread (API)", f"/api/v1/articles/{BIG}/comments"),
            ("GET 20-comment thread (API)", f"/api/v1/articles/{SMALL}/comments"),
            ("GET article page, 1000 comments", f"/articles/{BIG}/"),
        ]
        print(f"\nconcurrency {args.concurrency}, {args.seconds:g} s each")
        print(f"{'':34} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
        for label, path in [] if args.posts_only else targets:
            load(port, path, 1.0, 4)  # warm both workers' caches
            count, errors, latencies = load(port, path, args.seconds, args.concurrency)
            print(
                f"{label:34} {count / args.seconds:9.1f} {pct(latencies, 0.5):8.1f} "
                f"{pct(latencies, 0.99):8.1f} {errors:7d}",
                flush=True,
            )
        total = args.post_clients * args.posts_each
        elapsed, results = posts(port, args.post_clients, args.posts_each)
        stored, ok, wrong = check_posts(env, results)
        print(
            f"\nPOST {args.post_clients} clients x {args.posts_each}: "
            f"{total / elapsed:.1f} posts/s "
            f"({elapsed:.1f} s); 2xx answers {ok}, stored {stored}, "
            f"answers naming another request's comment {wrong}"
        )
        if stored != ok or wrong:
            print("FAILED: lost or cross-wired posts")
            sys.exit(1)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
