"""Ranked article search with highlighted snippets, on SQLite or PostgreSQL.

One small interface (`search_articles`, `index_article`, `unindex_article`) over two
engines chosen by the connection's vendor:

- SQLite: an FTS5 table `articles_search` (rowid = article id), ranked with bm25() and
  excerpted with snippet(). Kept current by the post_save/post_delete signals in apps.py,
  so every code path that saves through the ORM (admin, loaders, importers) is indexed.
- PostgreSQL: a generated, GIN-indexed tsvector column `search_document` on the article
  table (migration 0003). The database recomputes it on every write, so it cannot go
  stale; queries use websearch syntax, ts_rank and ts_headline.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.db import connection
from django.db.models import F, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from runwell.articles.models import Article, Status

MAX_QUERY_CHARS = 200
MAX_TERMS = 12
MAX_RESULTS = 50
# Private-use characters mark the hit inside a snippet; they survive escaping and are
# swapped for <mark> afterwards, so the snippet's own text can never inject markup.
_START, _STOP = "\ue000", "\ue001"
_WORD = re.compile(r"\w+")

SQLITE_TABLE = "articles_search"
# Title counts most, then the summary, then the body.
_SQLITE_WEIGHTS = "10.0, 4.0, 1.0"


@dataclass(frozen=True)
class SearchHit:
    article: Article
    snippet: SafeString


def clean_query(raw: str | None) -> str:
    """The query as searched: control and private-use characters dropped (PostgreSQL
    refuses NUL; our snippet markers are private-use), whitespace collapsed, capped."""
    text = (raw or "")[: MAX_QUERY_CHARS * 4]
    text = "".join(" " if unicodedata.category(c)[0] == "C" else c for c in text)
    return " ".join(text.split())[:MAX_QUERY_CHARS].strip()


def highlight(snippet: str) -> SafeString:
    text = escape(snippet)
    return mark_safe(text.replace(_START, "<mark>").replace(_STOP, "</mark>"))


def search_articles(
    raw_query: str | None, limit: int = MAX_RESULTS, offset: int = 0
) -> list[SearchHit]:
    """Published articles matching the query, best first, each with a highlighted snippet."""
    query = clean_query(raw_query)
    terms = _WORD.findall(query)[:MAX_TERMS]
    if not terms:
        return []
    if connection.vendor == "postgresql":
        return _search_postgresql(query, limit, offset)
    return _search_sqlite(terms, limit, offset)


def count_matches(raw_query: str | None) -> int:
    """How many published articles match, for "N articles found" and the page links."""
    query = clean_query(raw_query)
    terms = _WORD.findall(query)[:MAX_TERMS]
    if not terms:
        return 0
    if connection.vendor == "postgresql":
        return _postgresql_matches(query).count()
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    sql = (
        f"SELECT count(*) FROM {SQLITE_TABLE} "  # noqa: S608
        f"JOIN articles_article a ON a.id = {SQLITE_TABLE}.rowid "
        f"WHERE {SQLITE_TABLE} MATCH %s AND a.status = %s AND a.published_at <= %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [_fts5_expression(terms), Status.PUBLISHED, now])
        return int(cursor.fetchone()[0])


def index_article(article: Article) -> None:
    if connection.vendor != "sqlite":
        return  # PostgreSQL's generated column keeps itself current.
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {SQLITE_TABLE} WHERE rowid = %s", [article.pk])  # noqa: S608
        cursor.execute(
            f"INSERT INTO {SQLITE_TABLE} (rowid, title, summary, body) "  # noqa: S608
            "VALUES (%s, %s, %s, %s)",
            [article.pk, article.title, article.summary, article.body_text],
        )


def unindex_article(article_id: int) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {SQLITE_TABLE} WHERE rowid = %s", [article_id])  # noqa: S608


def rebuild_index() -> int:
    """Re-index every article (after bulk writes that bypass signals); return the count."""
    if connection.vendor != "sqlite":
        return Article.objects.count()  # the generated column is always current
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {SQLITE_TABLE}")  # noqa: S608
        cursor.execute(
            f"INSERT INTO {SQLITE_TABLE} (rowid, title, summary, body) "  # noqa: S608
            "SELECT id, title, summary, body_text FROM articles_article"
        )
        return int(cursor.rowcount)


def _fts5_expression(terms: list[str]) -> str:
    # Every term quoted, so nothing the reader types is read as FTS5 syntax; all terms
    # must match, and the last may be a prefix (the reader may still be typing it).
    quoted = [f'"{t}"' for t in terms]
    if len(terms[-1]) >= 3:
        quoted[-1] += "*"
    return " ".join(quoted)


def _search_sqlite(terms: list[str], limit: int, offset: int) -> list[SearchHit]:
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    # ORDER BY the built-in `rank` (set to weighted bm25) lets FTS5 sort internally, so
    # snippet() is only computed for the rows returned, not for every match.
    sql = (
        f"SELECT {SQLITE_TABLE}.rowid, "  # noqa: S608
        f"snippet({SQLITE_TABLE}, 2, %s, %s, '…', 24) "
        f"FROM {SQLITE_TABLE} JOIN articles_article a ON a.id = {SQLITE_TABLE}.rowid "
        f"WHERE {SQLITE_TABLE} MATCH %s AND rank MATCH 'bm25({_SQLITE_WEIGHTS})' "
        f"AND a.status = %s AND a.published_at <= %s "
        f"ORDER BY rank LIMIT %s OFFSET %s"
    )
    params = [_START, _STOP, _fts5_expression(terms), Status.PUBLISHED, now, limit, offset]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    articles = Article.objects.select_related("author").in_bulk([r[0] for r in rows])
    return [SearchHit(articles[pk], highlight(snippet)) for pk, snippet in rows if pk in articles]


def _postgresql_matches(query: str) -> QuerySet[Article]:
    from django.contrib.postgres.search import SearchQuery, SearchVectorField

    ts_query = SearchQuery(query, search_type="websearch", config="english")
    return (
        Article.objects.published()
        .annotate(
            document=RawSQL(
                "articles_article.search_document", [], output_field=SearchVectorField()
            )
        )
        .filter(document=ts_query)
    )


def _search_postgresql(query: str, limit: int, offset: int) -> list[SearchHit]:
    from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank

    ts_query = SearchQuery(query, search_type="websearch", config="english")
    found = (
        _postgresql_matches(query)
        .select_related("author")
        .annotate(
            rank=SearchRank(F("document"), ts_query),
            snippet=SearchHeadline(
                "body_text",
                ts_query,
                config="english",
                start_sel=_START,
                stop_sel=_STOP,
                max_words=30,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .order_by("-rank", "-published_at")[offset : offset + limit]
    )
    return [SearchHit(a, highlight(getattr(a, "snippet", ""))) for a in found]
