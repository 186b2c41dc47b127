"""Loads the starter library (content/articles/*.md) into the database."""

from __future__ import annotations

from pathlib import Path


def load_articles(content_dir: Path) -> dict[str, int]:
    """Create or update starter articles; return counts such as {"created": n}."""
    return {}
