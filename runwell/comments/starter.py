"""Loads the demo discussions (content/comments/*.toml) under starter articles."""

from __future__ import annotations

import logging
import tomllib
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.db import transaction

from runwell.articles.models import Article, display_name
from runwell.comments.models import Comment, CommentStatus

logger = logging.getLogger(__name__)


def _load_file(path: Path) -> int:
    data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    slug = str(data.get("article", ""))
    article = Article.objects.filter(slug=slug).select_related("author").first()
    if article is None:
        logger.warning("%s: no article %r, skipped", path.name, slug)
        return 0
    if Comment.objects.filter(article=article).exists():
        return 0  # loaded before (or the thread is live): never duplicate
    base = article.published_at or article.created_at
    by_key: dict[str, Comment] = {}
    created = 0
    for entry in data.get("comments", []):
        key = str(entry["key"])
        parent = by_key.get(str(entry["parent"])) if entry.get("parent") else None
        if entry.get("parent") and parent is None:
            raise ValueError(f"{path.name}: comment {key} replies to an unknown key")
        by_author = bool(entry.get("by_author", False))
        author = article.author if by_author else None
        comment = Comment(
            article=article,
            parent=parent,
            depth=parent.depth + 1 if parent else 0,
            author_name=str(entry.get("author_name") or (author and display_name(author)) or ""),
            author_url=str(entry.get("author_url", "")),
            user=author,
            is_author=by_author,
            body=str(entry["body"]).strip(),
            status=CommentStatus.APPROVED,
            created=base + timedelta(minutes=int(entry.get("minutes_after_publication", 0))),
        )
        comment.save()
        by_key[key] = comment
        created += 1
    return created


def load_threads(content_dir: Path) -> dict[str, int]:
    """Create the demo threads once; return counts such as {"comments": n}."""
    folder = Path(content_dir) / "comments"
    if not folder.is_dir():
        return {}
    total = 0
    for path in sorted(folder.glob("*.toml")):
        with transaction.atomic():
            total += _load_file(path)
    return {"comments": total}
