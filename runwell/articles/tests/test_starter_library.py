"""The starter library in content/ loads, is long enough, cites sources and is searchable."""

import re
import tomllib

import pytest
from django.conf import settings

from runwell.articles.models import Article
from runwell.articles.search import search_articles
from runwell.articles.starter import load_articles

ARTICLE_FILES = sorted((settings.CONTENT_DIR / "articles").glob("*.md"))
FACTS_SOURCES_HINTS = ("NICE", "BMJ", "Cochrane", "Sci Rep", "JOSPT", "BJSM", "Spine", "Pulse")


def split(path):
    _, front, body = path.read_text(encoding="utf-8").split("+++", 2)
    return tomllib.loads(front), body


def test_the_library_has_at_least_eight_articles():
    assert len(ARTICLE_FILES) >= 8


@pytest.mark.parametrize("path", ARTICLE_FILES, ids=lambda p: p.stem)
def test_each_article_is_600_to_1500_words_and_ends_with_its_sources(path):
    front, body = split(path)
    words = len(body.split())
    assert 600 <= words <= 1500, f"{path.name} has {words} words"
    sources = body.split("## Sources", 1)
    assert len(sources) == 2, f"{path.name} has no Sources section"
    assert any(hint in sources[1] for hint in FACTS_SOURCES_HINTS)
    assert front["slug"] == path.stem
    assert not re.search(r"^# ", body, re.M), "the title is the only h1"


@pytest.mark.django_db
def test_the_library_loads_and_sciatica_finds_the_sciatica_article_first():
    counts = load_articles(settings.CONTENT_DIR)
    assert counts["articles created"] == len(ARTICLE_FILES)
    assert Article.objects.published().filter(slug="can-running-cause-back-pain").exists()
    hits = search_articles("sciatica")
    assert hits[0].article.slug == "sciatica-and-warning-signs"
    assert "<mark>" in hits[0].snippet
