"""Starter files (content/articles/*.md) read into plain values, and their fingerprints.

Each file is TOML front matter between two ``+++`` lines (title, slug, summary,
published, categories, tags), then the Markdown body. Reading touches no database;
runwell.articles.starter loads what is read.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from runwell.articles.slugs import term_slug


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


@dataclass(frozen=True)
class StarterPage:
    title: str
    slug: str
    body: str


def _front_matter(path: Path) -> tuple[dict[str, Any], str]:
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
    return meta, "".join(lines[end + 1 :]).strip() + "\n"


def parse_page_file(path: Path) -> StarterPage:
    """A starter page (About, Privacy, Contact): title and slug on top, Markdown below."""
    meta, body = _front_matter(path)
    title = str(meta.get("title", "")).strip()
    if not title:
        raise StarterFileError(f"{path.name}: `title` is missing")
    return StarterPage(title=title, slug=str(meta.get("slug") or path.stem), body=body)


def parse_starter_file(path: Path) -> StarterArticle:
    meta, body = _front_matter(path)
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
        body=body,
    )
