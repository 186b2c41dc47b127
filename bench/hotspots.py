"""Where an article page and the comment API spend their time, in-process.

Seeds a throwaway data folder (bench/speedkit/seed.py), then drives the real settings
(DEBUG off, hashed static files, every middleware) through Django's test client and
prints, per request kind: CPU time per request, SQL statements per request, and the
cProfile entries with the most time of their own and the most cumulative time.

    .venv/bin/python bench/hotspots.py [--requests 200] [--top 15] [--only page_20]

Nothing here is timed against a goal; it says where the time goes. bench/speed.py
measures throughput through gunicorn beside WordPress and Isso.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.speedkit.seed import BIG, SMALL, WRITE  # noqa: E402


def prepare() -> str:
    data_dir = tempfile.mkdtemp(prefix="runwell-hotspots-")
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "runwell.settings",
        "RUNWELL_DATA_DIR": data_dir,
        "RUNWELL_LOG_LEVEL": "WARNING",
    }
    subprocess.run(
        [sys.executable, "-m", "runwell", "check"],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )  # fmt: skip  (makes the data folder and key)
    subprocess.run([sys.executable, "-m", "bench.speedkit.seed"], env=env, cwd=ROOT, check=True)
    subprocess.run([sys.executable, "-m", "runwell", "collectstatic", "--noinput", "-v0"],
                   env=env, cwd=ROOT, check=True)  # fmt: skip
    # Seeding queued work (the search vectors of every new article): done now, or the
    # worker would do it on the measured cores while the load runs.
    subprocess.run([sys.executable, "-m", "runwell", "worker", "--batch", "-v0"],
                   env=env, cwd=ROOT, check=True)  # fmt: skip
    return data_dir


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--only", default="")
    parser.add_argument("--data-dir", default="", help="reuse a folder seeded before")
    args = parser.parse_args()

    data_dir = args.data_dir or prepare()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "runwell.settings")
    os.environ.update(
        RUNWELL_DATA_DIR=data_dir,
        RUNWELL_LOG_LEVEL="WARNING",
        RUNWELL_COMMENT_MODERATION="none",
        RUNWELL_COMMENT_FLOOD_SECONDS="0",
        RUNWELL_COMMENT_RATE_LIMIT="0",
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
    )
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    posted = [0]
    run = os.urandom(4).hex()  # a reused data folder already holds earlier runs' texts

    def post() -> int:
        posted[0] += 1
        body = json.dumps(
            {"author_name": "Bench", "author_email": "b@example.org",
             "body": f"Post {run}-{posted[0]}: my calves hurt after the long run."}
        )  # fmt: skip
        return client.post(
            f"/api/v1/articles/{WRITE}/comments", body, content_type="application/json"
        ).status_code

    kinds = {
        "page_20": lambda: client.get(f"/articles/{SMALL}/").status_code,
        "page_1000": lambda: client.get(f"/articles/{BIG}/").status_code,
        "api_get_20": lambda: client.get(f"/api/v1/articles/{SMALL}/comments").status_code,
        "api_get_1000": lambda: client.get(f"/api/v1/articles/{BIG}/comments").status_code,
        "api_post": post,
    }
    print(f"data folder {data_dir}; {args.requests} requests per kind after 5 warm-up requests")
    for name, call in kinds.items():
        if args.only and name != args.only:
            continue
        for _ in range(5):
            status = call()
            assert status in (200, 201), (name, status)
        statements: list[str] = []

        def record(execute, sql, params, many, context, seen=statements):  # type: ignore[no-untyped-def]
            seen.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(record):
            call()
        cpu0 = time.process_time()
        for _ in range(args.requests):
            call()
        bare = (time.process_time() - cpu0) / args.requests * 1000
        profiler = cProfile.Profile()
        cpu0, wall0 = time.process_time(), time.perf_counter()
        profiler.enable()
        for _ in range(args.requests):
            call()
        profiler.disable()
        cpu = (time.process_time() - cpu0) / args.requests * 1000
        wall = (time.perf_counter() - wall0) / args.requests * 1000
        stats = pstats.Stats(profiler)
        calls = stats.total_calls / args.requests  # type: ignore[attr-defined]
        print(f"\n== {name}: {bare:.2f} ms CPU per request ({cpu:.2f} ms CPU, {wall:.2f} ms "
              f"wall under the profiler); {len(statements)} SQL statements; "
              f"{calls:.0f} Python calls")  # fmt: skip
        for label, key in (("own time", "tottime"), ("cumulative", "cumulative")):
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats(key).print_stats(args.top)
            lines = [ln for ln in out.getvalue().splitlines() if ln.strip()]
            start = next(i for i, ln in enumerate(lines) if ln.lstrip().startswith("ncalls"))
            print(f"-- top {args.top} by {label}")
            print("\n".join(lines[start:]))
        for sql in statements:
            print(f"   SQL: {sql[:160]}")


if __name__ == "__main__":
    main()
