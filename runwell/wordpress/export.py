"""Writes Runwell's content as a WXR 1.2 file that WordPress' own importer reads."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from runwell.articles.models import Article, BodyFormat, Category, Page, Status, Tag
from runwell.comments.models import Comment, CommentStatus
from runwell.lib.net import network_address
from runwell.wordpress.wxr import NO_DATE

NAMESPACES = (
    'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
    'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    'xmlns:wfw="http://wellformedweb.org/CommentAPI/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:wp="http://wordpress.org/export/1.2/"'
)
COMMENT_APPROVED: dict[str, str] = {
    CommentStatus.APPROVED: "1",
    CommentStatus.PENDING: "0",
    CommentStatus.SPAM: "spam",
    CommentStatus.TRASH: "trash",
}


def cdata(text: str) -> str:
    # "]]>" cannot appear inside CDATA: split it across two sections.
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def tag(name: str, value: str | int, *, raw: bool = False) -> str:
    text = cdata(str(value)) if raw else escape(str(value))
    return f"<{name}>{text}</{name}>"


def _dates(moment: datetime | None) -> tuple[str, str]:
    if moment is None:
        return NO_DATE, NO_DATE
    local = timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S")
    return local, moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def _body(body: str, body_format: str, body_html: str) -> str:
    # WordPress stores HTML; a Markdown article goes out as its rendered HTML.
    return body if body_format == BodyFormat.HTML else body_html


def _post_content(body: str, body_format: str, body_html: str) -> str:
    # One "Custom HTML" block: the body is finished HTML, so neither WordPress nor a
    # later import runs its blank-line paragraphs (wpautop) over it again.
    return f"<!-- wp:html -->\n{_body(body, body_format, body_html)}\n<!-- /wp:html -->"


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


def _document(counts: dict[str, int]) -> Iterator[str]:
    site = settings.SITE_URL
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
    yield from _authors()
    categories = _ordered_categories()
    for category in categories:
        yield _category(category)
    tags = list(Tag.objects.order_by("pk"))
    for t in tags:
        yield _tag(t)
    counts["categories"], counts["tags"] = len(categories), len(tags)
    counts["articles"] = counts["comments"] = 0
    articles = Article.objects.select_related("author").prefetch_related("categories", "tags")
    for article in articles.order_by("pk"):
        comments = list(Comment.objects.filter(article=article).order_by("pk"))
        counts["articles"] += 1
        counts["comments"] += len(comments)
        yield _article(article, comments)
    pages = list(Page.objects.select_related("author").order_by("pk"))
    counts["pages"] = len(pages)
    for page in pages:
        yield _page(page)
    yield "</channel>"
    yield "</rss>"


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


def _item(fields: dict[str, Any], extra: Iterable[str]) -> str:
    site = settings.SITE_URL
    local, gmt = _dates(fields["date"])
    pub = format_datetime(fields["date"]) if fields["date"] else ""
    parts = [
        tag("title", fields["title"], raw=True),
        tag("link", site + fields["url"]),
        tag("pubDate", pub),
        tag("dc:creator", fields["creator"], raw=True),
        f'<guid isPermaLink="false">{escape(fields["guid"])}</guid>',
        tag("description", ""),
        tag("content:encoded", fields["body"], raw=True),
        tag("excerpt:encoded", fields.get("excerpt", ""), raw=True),
        tag("wp:post_id", fields["id"]),
        tag("wp:post_date", local, raw=True),
        tag("wp:post_date_gmt", gmt, raw=True),
        tag("wp:comment_status", fields["comment_status"], raw=True),
        tag("wp:ping_status", "closed", raw=True),
        tag("wp:post_name", fields["slug"], raw=True),
        tag("wp:status", fields["status"], raw=True),
        tag("wp:post_parent", 0),
        tag("wp:menu_order", 0),
        tag("wp:post_type", fields["type"], raw=True),
        tag("wp:post_password", "", raw=True),
        tag("wp:is_sticky", 0),
    ]
    return "<item>" + "".join(parts) + "".join(extra) + "</item>"


def _wp_status(status: str, published_at: datetime | None) -> str:
    if status != Status.PUBLISHED:
        return "draft"
    if published_at is not None and published_at > timezone.now():
        return "future"
    return "publish"


def _article(article: Article, comments: list[Comment]) -> str:
    terms = [
        f'<category domain="category" nicename={quoteattr(c.slug)}>{cdata(c.name)}</category>'
        for c in article.categories.all()
    ] + [
        f'<category domain="post_tag" nicename={quoteattr(t.slug)}>{cdata(t.name)}</category>'
        for t in article.tags.all()
    ]
    fields = {
        "title": article.title,
        "url": article.get_absolute_url(),
        "date": article.published_at,
        "creator": article.author.get_username() if article.author else "",
        "guid": f"{settings.SITE_URL}/?p={article.pk}",
        "body": _post_content(article.body, article.body_format, article.body_html),
        "excerpt": article.summary,
        "id": article.pk,
        "comment_status": "open" if article.comments_open else "closed",
        "slug": article.slug,
        "status": _wp_status(article.status, article.published_at),
        "type": "post",
    }
    return _item(fields, terms + [_comment(c, article) for c in comments])


def page_wp_id(page: Page) -> int:
    # Articles and pages share WordPress' one id space; pages go far above articles.
    return 1_000_000_000 + page.pk


def _page(page: Page) -> str:
    fields = {
        "title": page.title,
        "url": page.get_absolute_url(),
        "date": page.published_at,
        "creator": page.author.get_username() if page.author else "",
        "guid": f"{settings.SITE_URL}/?page_id={page_wp_id(page)}",
        "body": _post_content(page.body, page.body_format, page.body_html),
        "id": page_wp_id(page),
        "comment_status": "closed",
        "slug": page.slug,
        "status": _wp_status(page.status, page.published_at),
        "type": "page",
    }
    return _item(fields, [])


def _comment(comment: Comment, article: Article) -> str:
    local, gmt = _dates(comment.created)
    # The Author badge travels as the post author's user id on the comment.
    user_id = article.author_id if comment.is_author and article.author_id else 0
    return (
        "<wp:comment>"
        + "".join(
            [
                tag("wp:comment_id", comment.pk),
                tag("wp:comment_author", comment.author_name, raw=True),
                tag("wp:comment_author_email", comment.author_email, raw=True),
                tag("wp:comment_author_url", comment.author_url),
                tag("wp:comment_author_IP", network_address(comment.ip_network)),
                tag("wp:comment_date", local, raw=True),
                tag("wp:comment_date_gmt", gmt, raw=True),
                tag(
                    "wp:comment_content",
                    _body(comment.body, comment.body_format, comment.body_html),
                    raw=True,
                ),
                tag("wp:comment_approved", COMMENT_APPROVED.get(comment.status, "0"), raw=True),
                tag("wp:comment_type", "comment", raw=True),
                tag("wp:comment_parent", comment.parent_id or 0),
                tag("wp:comment_user_id", user_id),
            ]
        )
        + "</wp:comment>"
    )
