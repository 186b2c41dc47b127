"""Ranked article search on SQLite or PostgreSQL, merged with meaning-based search.

Keywords: one small interface over two engines chosen by the connection's vendor.

- SQLite: an FTS5 table `articles_search` (rowid = article id; columns title, headings,
  summary, body), ranked with weighted bm25() and excerpted with snippet() from the
  body. Kept current by the post_save/post_delete signals (signals.py), so every code
  path that saves through the ORM (admin, loaders, importers) is indexed.
- PostgreSQL: a generated, GIN-indexed tsvector column `search_document` (title A,
  headings B, summary C, body D; migration 0005), recomputed by the database on every
  write; queries use websearch syntax, ts_rank and ts_headline.

Neither indexes an article's Sources section (see indexing.py). When no article holds
every word, any of the meaningful words will do, and the page says so.

Meaning: when the sentence-embedding model is installed (semantic.py), the articles
closest in meaning join the keyword ranking by reciprocal rank fusion, so a question
that shares no word with the right article still finds it. Without the model the
ranking is the keyword one, unchanged.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import F, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from runwell.articles import semantic
from runwell.articles.models import Article, Status
from runwell.articles.query_syntax import (
    ParsedQuery,
    fts5_any,
    fts5_expression,
    parse,
    relaxed_words,
)

MAX_QUERY_CHARS = 200
MAX_RESULTS = 100
# Reciprocal rank fusion: each list adds 1 / (K + rank); K = 60 is the usual choice, and
# it keeps a single list's top place from outweighing agreement between the two.
RRF_K = 60
SNIPPET_WORDS = 32
# Private-use characters mark the hit inside a snippet; they survive escaping and are
# swapped for <mark> afterwards, so the snippet's own text can never inject markup.
_START, _STOP = "\ue000", "\ue001"

SQLITE_TABLE = "articles_search"
# Title counts most, then headings, then the summary, then the body.
_SQLITE_WEIGHTS = "10.0, 5.0, 3.0, 1.0"
_SQLITE_BODY_COLUMN = 3


@dataclass(frozen=True)
class SearchHit:
    article: Article
    snippet: SafeString
    by_meaning: bool = False  # found by meaning only: no keyword of the query is in it


@dataclass
class SearchResults:
    query: str
    total: int = 0
    hits: list[SearchHit] = field(default_factory=list)
    relaxed: bool = False  # no article had every word; these have some of them
    meaning: bool = False  # meaning-based ranking took part
    keyword_matches: int = 0


def clean_query(raw: str | None) -> str:
    """The query as searched: control and private-use characters dropped (PostgreSQL
    refuses NUL; our snippet markers are private-use), whitespace collapsed, capped."""
    text = (raw or "")[: MAX_QUERY_CHARS * 4]
    text = "".join(" " if unicodedata.category(c)[0] == "C" else c for c in text)
    return " ".join(text.split())[:MAX_QUERY_CHARS].strip()


def highlight(snippet: str) -> SafeString:
    text = escape(snippet)
    return mark_safe(text.replace(_START, "<mark>").replace(_STOP, "</mark>"))


def search(
    raw_query: str | None, offset: int = 0, limit: int = 20, *, use_meaning: bool = True
) -> SearchResults:
    """One page of results for the query (best first), with the total for paging.

    `use_meaning=False` ranks by keywords alone (what the search evaluation compares)."""
    query = clean_query(raw_query)
    parsed = parse(query)
    results = SearchResults(query)
    if parsed.is_empty:
        return results
    keyword_ids, results.relaxed = _keyword_ranking(query, parsed)
    results.keyword_matches = len(keyword_ids)
    meaning = semantic.rank_by_meaning(query) if use_meaning else []
    results.meaning = bool(meaning)
    ranked = _fuse(keyword_ids, [m.article_id for m in meaning])
    results.total = len(ranked)
    page = ranked[offset : offset + limit]
    if not page:
        return results
    articles = _page_articles(page)
    snippets = _keyword_snippets([pk for pk in page if pk in set(keyword_ids)], query, parsed,
                                 relaxed=results.relaxed)  # fmt: skip
    passages = {m.article_id: m.passage for m in meaning}
    for pk in page:
        if pk not in articles:
            continue
        if pk in snippets:
            results.hits.append(SearchHit(articles[pk], snippets[pk]))
        else:
            text = Truncator(passages.get(pk, "")).words(SNIPPET_WORDS, truncate=" …")
            results.hits.append(SearchHit(articles[pk], highlight(text), by_meaning=True))
    return results


def search_articles(raw_query: str | None, limit: int = 50, offset: int = 0) -> list[SearchHit]:
    """Published articles matching the query, best first, each with a highlighted snippet."""
    return search(raw_query, offset, limit).hits


def count_matches(raw_query: str | None) -> int:
    """How many published articles the query finds, for "N articles found"."""
    return search(raw_query, 0, 0).total


def _fuse(keyword_ids: list[int], meaning_ids: list[int]) -> list[int]:
    if not meaning_ids:
        return keyword_ids[:MAX_RESULTS]
    scores: dict[int, float] = {}
    for ranking in (keyword_ids, meaning_ids):
        for rank, pk in enumerate(ranking, start=1):
            scores[pk] = scores.get(pk, 0.0) + 1.0 / (RRF_K + rank)
    # Ties (an article in one list only, at the same place) go to the keyword match.
    keyword_place = {pk: i for i, pk in enumerate(keyword_ids)}
    return sorted(scores, key=lambda pk: (-scores[pk], keyword_place.get(pk, len(scores))))[
        :MAX_RESULTS
    ]


def _page_articles(ids: list[int]) -> dict[int, Article]:
    return (
        Article.objects.published()
        .select_related("author__author_profile", "reviewed_by__author_profile")
        .defer("body", "body_html", "body_text", "search_body", "toc")
        .in_bulk(ids)
    )


def _keyword_ranking(query: str, parsed: ParsedQuery) -> tuple[list[int], bool]:
    """Article ids best first, and whether the match had to be relaxed to any word."""
    if connection.vendor == "postgresql":
        ids = list(_postgresql_matches(query).values_list("pk", flat=True)[:MAX_RESULTS])
        if ids or not relaxed_words(parsed) or len(parsed.groups) < 2:
            return ids, False
        return list(_postgresql_matches(query, relaxed=parsed).values_list("pk", flat=True)[
            :MAX_RESULTS
        ]), True  # fmt: skip
    ids = _sqlite_ranking(fts5_expression(parsed))
    words = relaxed_words(parsed)
    if ids or not words or len(parsed.groups) < 2:
        return ids, False
    return _sqlite_ranking(fts5_any(words)), True


def _keyword_snippets(
    ids: list[int], query: str, parsed: ParsedQuery, *, relaxed: bool
) -> dict[int, SafeString]:
    if not ids:
        return {}
    if connection.vendor == "postgresql":
        return _postgresql_snippets(ids, query, parsed if relaxed else None)
    expression = fts5_any(relaxed_words(parsed)) if relaxed else fts5_expression(parsed)
    placeholders = ", ".join(["%s"] * len(ids))
    sql = (
        f"SELECT rowid, snippet({SQLITE_TABLE}, {_SQLITE_BODY_COLUMN}, %s, %s, '…', 24) "  # noqa: S608
        f"FROM {SQLITE_TABLE} WHERE {SQLITE_TABLE} MATCH %s AND rowid IN ({placeholders})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [_START, _STOP, expression, *ids])
        return {pk: highlight(snippet) for pk, snippet in cursor.fetchall()}


def index_article(article: Article) -> None:
    if connection.vendor != "sqlite":
        return  # PostgreSQL's generated column keeps itself current.
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {SQLITE_TABLE} WHERE rowid = %s", [article.pk])  # noqa: S608
        cursor.execute(
            f"INSERT INTO {SQLITE_TABLE} (rowid, title, headings, summary, body) "  # noqa: S608
            "VALUES (%s, %s, %s, %s, %s)",
            [article.pk, article.title, article.search_headings, article.summary,
             article.search_body],
        )  # fmt: skip


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
            f"INSERT INTO {SQLITE_TABLE} (rowid, title, headings, summary, body) "  # noqa: S608
            "SELECT id, title, search_headings, summary, search_body FROM articles_article"
        )
        return int(cursor.rowcount)


def _sqlite_ranking(expression: str) -> list[int]:
    if not expression:
        return []
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    # ORDER BY the built-in `rank` (set to weighted bm25) lets FTS5 sort internally.
    sql = (
        f"SELECT {SQLITE_TABLE}.rowid FROM {SQLITE_TABLE} "  # noqa: S608
        f"JOIN articles_article a ON a.id = {SQLITE_TABLE}.rowid "
        f"WHERE {SQLITE_TABLE} MATCH %s AND rank MATCH 'bm25({_SQLITE_WEIGHTS})' "
        f"AND a.status = %s AND a.published_at <= %s ORDER BY rank LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [expression, Status.PUBLISHED, now, MAX_RESULTS])
        return [row[0] for row in cursor.fetchall()]


def _ts_query(query: str, relaxed: ParsedQuery | None = None):  # type: ignore[no-untyped-def]
    from django.contrib.postgres.search import SearchQuery

    if relaxed is not None:
        # Words are \w+ runs, so none carries tsquery syntax of its own.
        raw = " | ".join(relaxed_words(relaxed))
        return SearchQuery(raw, search_type="raw", config="english")
    return SearchQuery(query, search_type="websearch", config="english")


def _postgresql_matches(query: str, relaxed: ParsedQuery | None = None) -> QuerySet[Article]:
    from django.contrib.postgres.search import SearchRank, SearchVectorField

    ts_query = _ts_query(query, relaxed)
    return (
        Article.objects.published()
        .annotate(
            document=RawSQL(
                "articles_article.search_document", [], output_field=SearchVectorField()
            )
        )
        .filter(document=ts_query)
        .annotate(rank=SearchRank(F("document"), ts_query))
        .order_by("-rank", "-published_at")
    )


def _postgresql_snippets(
    ids: list[int], query: str, relaxed: ParsedQuery | None
) -> dict[int, SafeString]:
    from django.contrib.postgres.search import SearchHeadline

    headline = SearchHeadline(
        "search_body",
        _ts_query(query, relaxed),
        config="english",
        start_sel=_START,
        stop_sel=_STOP,
        max_words=30,
        min_words=12,
        max_fragments=2,
        fragment_delimiter=" … ",
    )
    rows = Article.objects.filter(pk__in=ids).annotate(snippet=headline)
    return {pk: highlight(snippet or "") for pk, snippet in rows.values_list("pk", "snippet")}
