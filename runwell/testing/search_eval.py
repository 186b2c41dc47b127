"""The search evaluation: how often each question's article is in the top three results.

Shared by runwell/articles/tests/test_search_quality.py (which checks the figures hold)
and bench/search.py (which prints them with the time each search takes).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from runwell.articles.models import Article
from runwell.articles.search import search
from runwell.articles.semantic import embed_article
from runwell.articles.starter import load_articles

QUESTIONS = Path(__file__).resolve().parents[1] / "articles" / "tests" / "search_questions.toml"
TOP = 3


@dataclass(frozen=True)
class Question:
    text: str
    expected: str


def questions() -> list[Question]:
    data = tomllib.loads(QUESTIONS.read_text(encoding="utf-8"))
    return [Question(q["text"], q["expected"]) for q in data["question"]]


def load_starter_library_with_vectors() -> int:
    """The real starter articles (content/articles), each embedded; returns how many."""
    load_articles(Path(settings.CONTENT_DIR))
    articles = list(Article.objects.all())
    for article in articles:
        embed_article(article)
    return len(articles)


def top_slugs(text: str, *, use_meaning: bool) -> list[str]:
    return [h.article.slug for h in search(text, 0, TOP, use_meaning=use_meaning).hits]


def misses(*, use_meaning: bool) -> list[Question]:
    return [q for q in questions() if q.expected not in top_slugs(q.text, use_meaning=use_meaning)]


def hit_rate(*, use_meaning: bool) -> float:
    asked = questions()
    return 1 - len(misses(use_meaning=use_meaning)) / len(asked)
