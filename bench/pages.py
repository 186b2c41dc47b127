"""Pages benchmark: a page with a discussion beside an article with the same thread.

Seeds one article and one open page, each with N approved comments (a third of them
replies), then times, in process with Django's test client, the article page (shared
by every reader, and rendered for a reader with a cookie of their own), the page with
its discussion, and both comment APIs; each line names its query count. Prints
figures; asserts nothing about speed. Uses a throwaway SQLite data folder unless
DATABASE_URL is set (then that database is used as a scratch test database).

Run: python bench/pages.py [N_COMMENTS]
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("RUNWELL_DATA_DIR", tempfile.mkdtemp(prefix="rw-bench-pages-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "runwell.settings")

import django

django.setup()

from django.db import connection  # noqa: E402

from bench.speedkit.queries import statements  # noqa: E402
from bench.speedkit.scratch import scratch_database  # noqa: E402


def timed(label: str, func: Callable[[], object], repeat: int = 200) -> None:
    func()  # this version's caches are filled once, as in a running process
    count = statements(func)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    label = f"{label} ({count} queries)"
    print(f"{label:<52} median {statistics.median(times):7.2f} ms  p99 "
          f"{sorted(times)[int(repeat * 0.99) - 1]:7.2f} ms")  # fmt: skip


def _seed(on: str, target: object, n: int) -> None:
    from runwell.comments.actions import do_import_comments
    from runwell.comments.models import Comment, CommentStatus

    made: list[Comment] = []
    for i in range(n):
        parent = made[i - 1] if i % 3 and made else None
        made.append(
            Comment(
                **{on: target},
                parent=parent,
                depth=parent.depth + 1 if parent else 0,
                author_name=f"Reader {i}",
                author_email=f"r{i}@example.org",
                body=f"Comment number {i} about hills and backs.",
                status=CommentStatus.APPROVED,
            )
        )
    do_import_comments(made)


def main() -> None:
    from django.test import Client

    from runwell.comments.cookies import OWN_COOKIE
    from runwell.testing import factories

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    with scratch_database():
        _seed("article", factories.make_article(slug="hills"), n)
        # Without pages' discussions (an older checkout), the article lines alone.
        has_pages = hasattr(factories, "make_page")
        if has_pages:
            _seed("page", factories.make_page(slug="ask-the-coach", title="Ask the coach"), n)
        print(f"database: {connection.vendor}; comments per thread: {n}")
        reader = Client()
        marked = Client()
        marked.cookies["unrelated"] = "1"  # any other cookie: the page is rendered for them
        marked.cookies[OWN_COOKIE] = ""
        timed("GET /articles/hills/ (shared page)", lambda: reader.get("/articles/hills/"))
        timed("GET /articles/hills/ (rendered for the reader)",
              lambda: marked.get("/articles/hills/"))  # fmt: skip
        timed("GET /api/v1/articles/hills/comments",
              lambda: reader.get("/api/v1/articles/hills/comments"))  # fmt: skip
        if has_pages:
            timed("GET /ask-the-coach/ (page with discussion)",
                  lambda: reader.get("/ask-the-coach/"))  # fmt: skip
            timed("GET /api/v1/pages/ask-the-coach/comments",
                  lambda: reader.get("/api/v1/pages/ask-the-coach/comments"))  # fmt: skip


if __name__ == "__main__":
    main()
