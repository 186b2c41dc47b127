"""Search benchmark: top-3 hit rate on the 30 runner questions, keywords alone and merged
with meaning-based search, and the time each search takes.

Prints figures; asserts nothing about speed. Uses a throwaway SQLite data folder unless
DATABASE_URL is set (then a scratch test database on that server). Needs the search
model (installed by `make test`'s set-up, or `runwell searchmodel install`).
Run: python bench/search.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("RUNWELL_DATA_DIR", tempfile.mkdtemp(prefix="rw-bench-search-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "runwell.settings")

from runwell.config import prepare_data_dir

prepare_data_dir()

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

REPEATS = 5


def per_search_ms(texts: list[str], *, use_meaning: bool) -> list[float]:
    from runwell.articles.search import search

    timings = []
    for text in texts:
        best = float("inf")
        for _ in range(REPEATS):
            start = time.perf_counter()
            search(text, 0, 20, use_meaning=use_meaning)
            best = min(best, time.perf_counter() - start)
        timings.append(best * 1000)
    return timings


def main() -> None:
    from django.test.runner import DiscoverRunner

    from runwell.articles import semantic
    from runwell.testing import search_eval

    if semantic.encoder() is None:
        print("search model not installed: run `runwell searchmodel install` (or make test)")
        sys.exit(1)
    setup_test_environment()
    runner = DiscoverRunner(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        start = time.perf_counter()
        count = search_eval.load_starter_library_with_vectors()
        took = time.perf_counter() - start
        asked = search_eval.questions()
        print(f"database: {connection.vendor}; articles: {count} (loaded and embedded in "
              f"{took:.1f} s); questions: {len(asked)}")  # fmt: skip
        for label, meaning in (("keywords alone", False), ("keywords + meaning", True)):
            missed = search_eval.misses(use_meaning=meaning)
            rate = 1 - len(missed) / len(asked)
            print(f"top-{search_eval.TOP} hit rate, {label:<20} {rate:6.1%} "
                  f"({len(asked) - len(missed)}/{len(asked)})")  # fmt: skip
            for q in missed:
                found = search_eval.top_slugs(q.text, use_meaning=meaning)
                print(f"    missed: {q.text!r} -> {found}")
        texts = [q.text for q in asked]
        per_search_ms(texts[:3], use_meaning=True)  # warm the model and the vector cache
        plain = per_search_ms(texts, use_meaning=False)
        merged = per_search_ms(texts, use_meaning=True)
        added = [m - p for m, p in zip(merged, plain, strict=True)]
        print(f"per search, keywords alone:   median {statistics.median(plain):6.2f} ms, "
              f"max {max(plain):6.2f} ms")  # fmt: skip
        print(f"per search, keywords+meaning: median {statistics.median(merged):6.2f} ms, "
              f"max {max(merged):6.2f} ms")  # fmt: skip
        print(f"added by meaning:             median {statistics.median(added):6.2f} ms "
              f"(best of {REPEATS} runs per question)")  # fmt: skip
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
