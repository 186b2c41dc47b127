from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from runwell.articles.models import Category, Tag

CONTENT_DIR = Path(__file__).parent / "content"


@pytest.fixture
def category(db: Any) -> Category:
    return Category.objects.create(name="Back pain", slug="back-pain")


@pytest.fixture
def tag(db: Any) -> Tag:
    return Tag.objects.create(name="sciatica", slug="sciatica")


@pytest.fixture
def starter_library(db: Any) -> dict[str, int]:
    from runwell.articles.starter import load_articles

    return load_articles(CONTENT_DIR)
