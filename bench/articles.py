"""Articles benchmark: rendering on save, search and reader pages with many articles.

Prints figures; asserts nothing about speed. Uses a throwaway SQLite data folder unless
DATABASE_URL is set (then that database is used as a scratch test database).
Run: python bench/articles.py [N_ARTICLES]
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("RUNWELL_DATA_DIR", tempfile.mkdtemp(prefix="rw-bench-articles-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "runwell.settings")

import django

django.setup()

from django.db import connection  # noqa: E402

from bench.speedkit.queries import statements  # noqa: E402
from bench.speedkit.scratch import scratch_database  # noqa: E402

WORDS = [
    "runner",
    "back",
    "pain",
    "sciatica",
    "hamstrings",
    "pelvis",
    "load",
    "mileage",
    "strength",
    "core",
    "hills",
    "shoes",
    "insoles",
    "treadmill",
    "stride",
    "cadence",
    "rest",
    "recovery",
    "nerve",
    "muscle",
    "spine",
    "disc",
    "posture",
]


def paragraph(rng: random.Random, n: int = 80) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def body(rng: random.Random) -> str:
    parts = []
    for i in range(6):
        parts.append(f"## Section {i + 1}\n\n{paragraph(rng)}\n\n{paragraph(rng)}")
    parts.append('![A runner](/static/img/favicon.svg "A caption")')
    parts.append("## Sources\n\n- NICE NG59 (2016, updated 2020).")
    return "\n\n".join(parts)


def timed(label: str, func, repeat: int = 20) -> None:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    print(f"{label:<44} median {statistics.median(times):7.2f} ms  max {max(times):7.2f} ms")


def main() -> None:
    from django.test import Client

    from runwell.articles.models import Article, Category, Status, Tag
    from runwell.articles.rendering import render_article
    from runwell.articles.search import search_articles

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with scratch_database():
        rng = random.Random(7)
        sample = body(rng)
        print(f"database: {connection.vendor}; articles: {n}; body words: {len(sample.split())}")
        timed("render one article body (Markdown+nh3)", lambda: render_article(sample, "markdown"))
        cats = [Category.objects.create(name=f"Cat {i}", slug=f"cat-{i}") for i in range(7)]
        tags = [Tag.objects.create(name=f"tag {i}", slug=f"tag-{i}") for i in range(30)]
        start = time.perf_counter()
        from django.utils import timezone

        for i in range(n):
            a = Article.objects.create(
                title=f"Article {i} about {rng.choice(WORDS)}",
                slug=f"a-{i}",
                summary=paragraph(rng, 20),
                body=body(rng),
                status=Status.PUBLISHED,
                published_at=timezone.now(),
            )
            a.categories.set(rng.sample(cats, 2))
            a.tags.set(rng.sample(tags, 4))
        per = (time.perf_counter() - start) * 1000 / n
        print(f"{'save an article (render + index + m2m)':<44} mean    {per:7.2f} ms")
        timed("search 'sciatica hamstrings'", lambda: search_articles("sciatica hamstrings"))
        timed("search 'posture' (common word)", lambda: search_articles("posture"))
        client = Client()
        for url in ["/", "/articles/a-5/", "/tags/tag-3/", "/search/?q=sciatica", "/feed/",
                    "/sitemap.xml"]:  # fmt: skip
            count = statements(lambda u=url: client.get(u))
            timed(f"GET {url} ({count} queries)", lambda u=url: client.get(u))


if __name__ == "__main__":
    main()
