"""“Did you mean sciatica?”: the closest word of the published articles to each unknown one.

The vocabulary (SearchTerm) is built from what the index holds — titles, headings,
summaries and bodies of published articles, without their Sources — and rebuilt when
the published articles change (checked on the search that needs it, so a bulk import
rebuilds it once, not once per article). PostgreSQL finds the closest word with
pg_trgm's trigram similarity and its GIN index; SQLite with the same measure computed
here (trigrams.py) over a copy of the vocabulary kept per process.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, Max

from runwell.articles.models import Article, SearchTerm, SearchVocabularyStamp
from runwell.articles.query_syntax import ParsedQuery
from runwell.articles.trigrams import THRESHOLD, TrigramIndex, words_of

_sqlite_index: dict[str, tuple[str, TrigramIndex]] = {}


def _stamp() -> str:
    found = Article.objects.published().aggregate(n=Count("pk"), latest=Max("updated_at"))
    return f"{found['n']}:{found['latest'].isoformat() if found['latest'] else ''}"


def refresh_vocabulary() -> str:
    """Rebuild the vocabulary if the published articles changed; return its stamp."""
    stamp = _stamp()
    current = SearchVocabularyStamp.objects.filter(pk=1).values_list("stamp", flat=True).first()
    if current == stamp:
        return stamp
    texts = (
        " ".join(row)
        for row in Article.objects.published().values_list(
            "title", "search_headings", "summary", "search_body"
        )
    )
    counts = words_of(texts)
    with transaction.atomic():
        SearchTerm.objects.all().delete()
        SearchTerm.objects.bulk_create(
            [SearchTerm(term=w, documents=n) for w, n in counts.items() if len(w) <= 60],
            batch_size=1000,
            ignore_conflicts=True,
        )
        SearchVocabularyStamp.objects.update_or_create(pk=1, defaults={"stamp": stamp})
    return stamp


def _closest_postgresql(words: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    with connection.cursor() as cursor:
        for word in words:
            cursor.execute(
                "SELECT term FROM articles_searchterm WHERE term %% %s "
                "AND similarity(term, %s) >= %s "
                "ORDER BY similarity(term, %s) DESC, documents DESC, term LIMIT 1",
                [word, word, THRESHOLD, word],
            )
            row = cursor.fetchone()
            if row:
                found[word] = row[0]
    return found


def _closest_sqlite(words: list[str], stamp: str) -> dict[str, str]:
    cached = _sqlite_index.get("terms")
    if cached is None or cached[0] != stamp:
        terms = dict(SearchTerm.objects.values_list("term", "documents"))
        cached = (stamp, TrigramIndex(terms))
        _sqlite_index["terms"] = cached
    index = cached[1]
    found = {}
    for word in words:
        closest = index.closest(word)
        if closest:
            found[word] = closest
    return found


def suggest(query: str, parsed: ParsedQuery) -> str | None:
    """The query with each word the articles never use replaced by the closest one they
    do use, or None when every word is known or nothing close enough exists."""
    words = [w for w in parsed.words if len(w) >= 3 and not w.isdigit()]
    if not words:
        return None
    stamp = refresh_vocabulary()
    known = set(SearchTerm.objects.filter(term__in=words).values_list("term", flat=True))
    unknown = [w for w in words if w not in known]
    if not unknown:
        return None
    if connection.vendor == "postgresql":
        closest = _closest_postgresql(unknown)
    else:
        closest = _closest_sqlite(unknown, stamp)
    if not closest:
        return None

    def replace(match: re.Match[str]) -> str:
        return closest.get(match.group(0).lower(), match.group(0))

    return re.sub(r"\w+", replace, query)


def forget_vocabulary(*_: Any) -> None:
    _sqlite_index.clear()
