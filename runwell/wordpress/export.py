"""Writes Runwell's content as a WXR 1.2 file that WordPress' own importer reads.

Besides what WordPress reads, the file names the site that wrote it (a keyed
fingerprint, `runwell:site`) and carries its redirects: on the items they lead
to (`_runwell_redirect` postmeta, with WordPress' `_wp_old_slug` beside), the
rest on the channel (`runwell:redirect`). Importing the file into the same site
changes nothing; into another Runwell, the old addresses come along.
"""

from __future__ import annotations

from collections.abc import Iterator
from email.utils import format_datetime
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Max
from django.utils import timezone

from runwell.articles.models import Article, Category, Page, Tag
from runwell.comments.models import Comment
from runwell.wordpress.export_items import Context, article_items, page_item
from runwell.wordpress.export_xml import tag
from runwell.wordpress.ledger import site_fingerprint
from runwell.wordpress.models import ImportedItem, Redirect
from runwell.wordpress.wxr import RUNWELL_NS

NAMESPACES = (
    'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
    'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    'xmlns:wfw="http://wellformedweb.org/CommentAPI/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:wp="http://wordpress.org/export/1.2/" '
    f'xmlns:runwell="{RUNWELL_NS}"'
)


def export_wordpress(path: Path) -> dict[str, int]:
    """Write the whole site to `path`; return what was written, by kind."""
    counts: dict[str, int] = {}
    temporary = path.with_name(path.name + ".part")
    try:
        with temporary.open("w", encoding="utf-8") as out:
            for chunk in _document(counts):
                out.write(chunk)
                out.write("\n")
        temporary.replace(path)
    except BaseException:
        # Leave no half-written file behind, whatever stopped the export.
        temporary.unlink(missing_ok=True)
        raise
    return counts


def _context() -> Context:
    guids: dict[tuple[str, int], str] = {
        (kind, object_id): guid
        for kind, object_id, guid in ImportedItem.objects.filter(
            kind__in=["post", "page"]
        ).values_list("kind", "object_id", "guid")
        if guid
    }
    redirects: dict[str, list[str]] = {}
    for old, new in Redirect.objects.order_by("old_path").values_list("old_path", "new_path"):
        redirects.setdefault(new, []).append(old)
    last_article = Article.objects.aggregate(last=Max("pk"))["last"] or 0
    last_page = Page.objects.aggregate(last=Max("pk"))["last"] or 0
    return Context(
        site=settings.SITE_URL,
        guids=guids,
        redirects=redirects,
        page_offset=last_article,
        next_id=last_article + last_page,
    )


def _document(counts: dict[str, int]) -> Iterator[str]:
    site = settings.SITE_URL
    ctx = _context()
    yield '<?xml version="1.0" encoding="UTF-8"?>'
    yield f'<rss version="2.0" {NAMESPACES}>'
    yield "<channel>"
    yield tag("title", settings.SITE_NAME)
    yield tag("link", site)
    yield tag("description", "")
    yield tag("pubDate", format_datetime(timezone.now()))
    yield tag("language", settings.LANGUAGE_CODE)
    yield tag("wp:wxr_version", "1.2")
    yield tag("wp:base_site_url", site)
    yield tag("wp:base_blog_url", site)
    yield tag("runwell:site", site_fingerprint())
    yield from _authors()
    categories = _ordered_categories()
    for category in categories:
        yield _category(category)
    tags = list(Tag.objects.order_by("pk"))
    for t in tags:
        yield _tag(t)
    counts["categories"], counts["tags"] = len(categories), len(tags)
    counts["articles"] = counts["comments"] = 0
    yield from _articles(ctx, counts)
    pages = list(Page.objects.select_related("author").order_by("pk"))
    counts["pages"] = len(pages)
    for page in pages:
        comments = list(Comment.objects.filter(page=page).order_by("pk"))
        counts["comments"] += len(comments)
        yield page_item(page, comments, ctx)
    # Redirects to anything but an article or page (a category, an author's listing).
    for new_path, old_paths in sorted(ctx.redirects.items()):
        for old_path in old_paths:
            ctx.count("redirects")
            yield (
                "<runwell:redirect>"
                + tag("runwell:old_path", old_path, raw=True)
                + tag("runwell:new_path", new_path, raw=True)
                + "</runwell:redirect>"
            )
    yield "</channel>"
    yield "</rss>"
    counts.update(ctx.counts)


def _articles(ctx: Context, counts: dict[str, int]) -> Iterator[str]:
    articles = Article.objects.select_related("author").prefetch_related("categories", "tags")
    for article in articles.order_by("pk").iterator(chunk_size=200):
        comments = list(Comment.objects.filter(article=article).order_by("pk"))
        counts["articles"] += 1
        counts["comments"] += len(comments)
        yield from article_items(article, comments, ctx)


def _authors() -> Iterator[str]:
    ids = set(Article.objects.values_list("author_id", flat=True))
    ids |= set(Page.objects.values_list("author_id", flat=True))
    users = get_user_model().objects.filter(pk__in=ids - {None}).order_by("pk")
    for user in users:
        yield (
            "<wp:author>"
            + "".join(
                [
                    tag("wp:author_id", user.pk),
                    tag("wp:author_login", user.get_username(), raw=True),
                    tag("wp:author_email", user.email, raw=True),
                    tag(
                        "wp:author_display_name",
                        user.get_full_name() or user.get_username(),
                        raw=True,
                    ),
                    tag("wp:author_first_name", user.first_name, raw=True),
                    tag("wp:author_last_name", user.last_name, raw=True),
                ]
            )
            + "</wp:author>"
        )


def _ordered_categories() -> list[Category]:
    """Parents before children: WordPress' importer needs each parent defined first."""
    remaining = list(Category.objects.select_related("parent").order_by("pk"))
    ordered: list[Category] = []
    placed: set[int] = set()
    while remaining:
        ready = [c for c in remaining if c.parent_id is None or c.parent_id in placed]
        if not ready:  # a loop of parents: write the rest as they come
            ready = remaining
        ordered += ready
        placed.update(c.pk for c in ready)
        remaining = [c for c in remaining if c.pk not in placed]
    return ordered


def _category(category: Category) -> str:
    parent = category.parent.slug if category.parent else ""
    return (
        "<wp:category>"
        + "".join(
            [
                tag("wp:term_id", category.pk),
                tag("wp:category_nicename", category.slug, raw=True),
                tag("wp:category_parent", parent, raw=True),
                tag("wp:cat_name", category.name, raw=True),
                tag("wp:category_description", category.description, raw=True),
            ]
        )
        + "</wp:category>"
    )


def _tag(t: Tag) -> str:
    return (
        "<wp:tag>"
        + "".join(
            [
                tag("wp:term_id", t.pk),
                tag("wp:tag_slug", t.slug, raw=True),
                tag("wp:tag_name", t.name, raw=True),
            ]
        )
        + "</wp:tag>"
    )
