"""Loads the starter library (content/articles/*.md) into the database.

Each file is TOML front matter between two ``+++`` lines (title, slug, summary,
published, categories, tags), then the Markdown body. Loading is idempotent: an
article is fingerprinted as loaded, so a second run changes nothing, and an article
someone has edited here since (its fields no longer match the fingerprint) is kept.
"""

from __future__ import annotations

import logging
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction

from runwell.articles.actions import do_ensure_author_profile, do_write_starter_article
from runwell.articles.models import Article, Page, Status
from runwell.articles.starter_files import (
    StarterArticle,
    StarterFileError,
    fingerprint,
    parse_page_file,
    parse_starter_file,
)

logger = logging.getLogger(__name__)

EDITORS_USERNAME = "runwell-editors"

CREATED = "articles created"
UPDATED = "articles updated"
UNCHANGED = "articles unchanged"
KEPT = "articles kept (edited here)"
SKIPPED = "files skipped (unreadable)"
PAGES_CREATED = "pages created"

EDITORS_BIO = (
    "The starter articles were written by Runwell's editors from the guidelines and "
    "studies listed under each one, and checked against them on the date shown as "
    "“last reviewed”. They have not yet been reviewed by a clinician: when one reviews "
    "an article, their name and qualifications appear under its title."
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
    do_ensure_author_profile(user, display_name="Runwell editors", bio=EDITORS_BIO)
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


def load_pages(content_dir: Path) -> dict[str, int]:
    """Create the starter pages (content_dir/pages/*.md) that do not exist yet.

    A page is never overwritten: once created it belongs to the site's editors.
    """
    created = 0
    for path in sorted((content_dir / "pages").glob("*.md")):
        try:
            source = parse_page_file(path)
        except (StarterFileError, UnicodeDecodeError) as exc:
            logger.warning("starter page skipped: %s", exc)
            continue
        _page, made = Page.objects.get_or_create(
            slug=source.slug,
            defaults={"title": source.title, "body": source.body, "status": Status.PUBLISHED},
        )
        created += made
    return {PAGES_CREATED: created}
