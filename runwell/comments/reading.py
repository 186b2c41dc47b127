"""The comment API's read side: one query, cached bytes, conditional GET.

`GET /api/v1/articles/{slug}/comments` is the same for every reader, so the whole
answer is kept per process as JSON bytes under the thread's version (threads.py). One
fixed statement reads the article's publication state and its thread version; the
ETag is made of the article and that version (so a new comment changes it in every
process), Last-Modified is when the version last moved. The ninja route and the
middleware that answers before the rest of the stack (middleware.py) both answer
through `answer`, so they cannot differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from runwell.articles.models import Article, Status
from runwell.comments.threads import changed_sql, thread_json, version_sql
from runwell.lib.conditional import not_modified, validators
from runwell.lib.rawsql import aware_datetime

# Part of every ETag: raise it when the answer's shape changes, so no client keeps an
# answer of the old shape through a 304.
ANSWER_FORMAT = 1
CACHE_CONTROL = "public, no-cache"


@dataclass(frozen=True)
class ThreadState:
    article_id: int
    version: int
    changed: datetime | None

    @property
    def etag(self) -> str:
        return f'"c{ANSWER_FORMAT}-{self.article_id}-{self.version}"'


_sql: str | None = None


def _query() -> str:
    global _sql
    if _sql is None:
        _sql = (
            f"SELECT a.id, a.status, a.published_at, {version_sql('a.id')}, "  # noqa: S608
            f"{changed_sql('a.id')} FROM {Article._meta.db_table} a WHERE a.slug = %s"
        )
    return _sql


def published_thread(slug: str) -> ThreadState | None:
    """The thread of a published article, or None (the caller answers 404)."""
    with connection.cursor() as cursor:
        cursor.execute(_query(), [slug])
        row = cursor.fetchone()
    if row is None:
        return None
    article_id, status, published_at, version, changed = row
    published_at = aware_datetime(published_at)
    if status != Status.PUBLISHED or published_at is None or published_at > timezone.now():
        return None
    return ThreadState(article_id, version, aware_datetime(changed))


def answer(request: HttpRequest, state: ThreadState) -> HttpResponse:
    headers = {"Cache-Control": CACHE_CONTROL}
    unchanged = not_modified(request, etag=state.etag, last_modified=state.changed, headers=headers)
    if unchanged is not None:
        return unchanged
    response = HttpResponse(
        thread_json(state.article_id, state.version), content_type="application/json"
    )
    for name, value in {**headers, **validators(state.etag, state.changed)}.items():
        response[name] = value
    return response
