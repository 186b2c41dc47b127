"""Loads the starter library (content/articles/*.md) into the database.

Each file is TOML front matter between two ``+++`` lines (title, slug, summary,
published, categories, tags), then the Markdown body. Loading is idempotent: an
article is fingerprinted as loaded, so a second run changes nothing, and an article
someone has edited here since (its fields no longer match the fingerprint) is kept.
"""

from __future__ import annotations

import hashlib
import json
import logging
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction

from runwell.articles.actions import do_write_starter_article
from runwell.articles.models import Article
from runwell.articles.slugs import term_slug

logger = logging.getLogger(__name__)

EDITORS_USERNAME = "runwell-editors"

CREATED = "articles created"
UPDATED = "articles updated"
UNCHANGED = "articles unchanged"
KEPT = "articles kept (edited here)"
SKIPPED = "files skipped (unreadable)"


class StarterFileError(ValueError):
    """A starter file that cannot be read; the message names the file."""


@dataclass(frozen=True)
class StarterArticle:
    title: str
    slug: str
    summary: str
    published_at: datetime
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    body: str

    @property
    def checksum(self) -> str:
        return fingerprint(
            self.title, self.summary, self.body, self.published_at, self.categories, self.tags
        )


def fingerprint(
    title: str,
    summary: str,
    body: str,
    published_at: datetime | None,
    categories: Iterable[str],
    tags: Iterable[str],
) -> str:
    data = {
        "title": title,
        "summary": summary,
        "body": body.replace("\r\n", "\n").strip(),
        "published": published_at.astimezone(UTC).isoformat() if published_at else None,
        "categories": sorted(term_slug(c, kind="category") for c in categories),
        "tags": sorted(term_slug(t, kind="tag") for t in tags),
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def parse_starter_file(path: Path) -> StarterArticle:
    text = path.read_text(encoding="utf-8").lstrip("\ufeff")
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "+++":
        raise StarterFileError(f"{path.name}: no +++ front matter at the top")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "+++")
    except StopIteration:
        raise StarterFileError(f"{path.name}: the front matter has no closing +++") from None
    try:
        meta: dict[str, Any] = tomllib.loads("".join(lines[1:end]))
    except tomllib.TOMLDecodeError as exc:
        raise StarterFileError(f"{path.name}: front matter is not valid TOML ({exc})") from None
    published = meta.get("published")
    if not isinstance(published, datetime):
        raise StarterFileError(f"{path.name}: `published` must be a TOML date-time")
    if published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    title = str(meta.get("title", "")).strip()
    if not title:
        raise StarterFileError(f"{path.name}: `title` is missing")
    return StarterArticle(
        title=title,
        slug=str(meta.get("slug") or path.stem),
        summary=str(meta.get("summary", "")).strip(),
        published_at=published,
        categories=tuple(str(c) for c in meta.get("categories", [])),
        tags=tuple(str(t) for t in meta.get("tags", [])),
        body="".join(lines[end + 1 :]).strip() + "\n",
    )


def editors_user() -> User:
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=EDITORS_USERNAME,
        defaults={"first_name": "Runwell", "last_name": "editors", "is_staff": True},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _current_fingerprint(article: Article) -> str:
    return fingerprint(
        article.title,
        article.summary,
        article.body,
        article.published_at,
        [c.slug for c in article.categories.all()],
        [t.slug for t in article.tags.all()],
    )


def load_starter_article(source: StarterArticle, author: User) -> str:
    """Bring one starter article into the database; return which count it adds to."""
    article = Article.objects.filter(slug=source.slug).first()
    if article is None:
        do_write_starter_article(source, author, None)
        return CREATED
    if not article.starter_checksum or _current_fingerprint(article) != article.starter_checksum:
        # Written here, or edited here since it was loaded: the site's version wins.
        return KEPT
    if article.starter_checksum == source.checksum:
        return UNCHANGED
    do_write_starter_article(source, author, article)
    return UPDATED


def load_articles(content_dir: Path) -> dict[str, int]:
    """Create or update starter articles from content_dir/articles/*.md; return counts."""
    counts = {CREATED: 0, UPDATED: 0, UNCHANGED: 0, KEPT: 0, SKIPPED: 0}
    sources: list[StarterArticle] = []
    for path in sorted((content_dir / "articles").glob("*.md")):
        try:
            sources.append(parse_starter_file(path))
        except (StarterFileError, UnicodeDecodeError) as exc:
            # One broken file must not stop a first `runwell serve`; the log names it.
            logger.warning("starter article skipped: %s", exc)
            counts[SKIPPED] += 1
    if not sources:
        return counts
    with transaction.atomic():
        author = editors_user()
        for source in sources:
            counts[load_starter_article(source, author)] += 1
    return counts
