"""The items of Runwell's WXR export: articles and pages with their comments, and
attachments.

Ids: an article keeps its own id; pages and attachments follow the largest
article id, so every id stays small (WordPress' importer reuses free ids, and a
huge one would push every later post of the target site to ten digits).
Images (hero and body) go out as attachment items with absolute addresses on
this site, which WordPress' importer fetches; bodies point at those addresses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote

from django.conf import settings
from django.utils import timezone

from runwell.articles.models import Article, BodyFormat, Page, Status
from runwell.comments.models import Comment, CommentStatus
from runwell.lib.net import network_address
from runwell.wordpress.comments import REMOVED, TRASHED_FROM
from runwell.wordpress.export_xml import attr, cdata, dates, meta, tag, text
from runwell.wordpress.ledger import RUNWELL_ID
from runwell.wordpress.redirects import CARRIED

COMMENT_APPROVED: dict[str, str] = {
    CommentStatus.APPROVED: "1",
    CommentStatus.PENDING: "0",
    CommentStatus.SPAM: "spam",
    CommentStatus.TRASH: "trash",
}
_MEDIA_ATTR = re.compile(r"""(\s(?:src|href)\s*=\s*)(["'])(/[^"']*)\2""", re.IGNORECASE)
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_SRC = re.compile(r"""\ssrc\s*=\s*(["'])([^"']*)\1""", re.IGNORECASE)
_ALT = re.compile(r"""\salt\s*=\s*(["'])([^"']*)\1""", re.IGNORECASE)


@dataclass
class Context:
    """What every item needs: the site, earlier guids, redirects and the id counter."""

    site: str
    guids: dict[tuple[str, int], str]  # (kind, pk) -> the guid it was imported with
    redirects: dict[str, list[str]]  # new path -> old paths leading there
    page_offset: int
    next_id: int
    counts: dict[str, int] = field(default_factory=dict)

    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id

    def count(self, kind: str, n: int = 1) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + n


@dataclass(frozen=True)
class Attachment:
    url: str
    alt: str = ""
    caption: str = ""


def _absolute_media(html: str, site: str) -> str:
    """Media addresses on this site's address, so another site can fetch the files."""
    media = settings.MEDIA_URL

    def replace(match: re.Match[str]) -> str:
        path = match.group(3)
        if not path.startswith(media) or path.startswith("//"):
            return match.group(0)
        return f"{match.group(1)}{match.group(2)}{site}{path}{match.group(2)}"

    return _MEDIA_ATTR.sub(replace, html)


def _body_images(html: str, site: str) -> list[Attachment]:
    found: dict[str, Attachment] = {}
    for img in _IMG.findall(html):
        src = _SRC.search(img)
        if src and src.group(2).startswith(site + settings.MEDIA_URL):
            alt = _ALT.search(img)
            found.setdefault(src.group(2), Attachment(src.group(2), alt.group(2) if alt else ""))
    return list(found.values())


_LOADING_HINTS = re.compile(r'\s(?:loading="lazy"|decoding="async")')


def _content(body: str, body_format: str, body_html: str, site: str) -> str:
    # WordPress stores HTML; a Markdown article goes out as its rendered HTML (without
    # the page's own loading hints, which rendering adds again), in one "Custom HTML"
    # block, so neither WordPress nor a later import runs its blank-line paragraphs
    # (wpautop) over finished HTML again.
    html = body if body_format == BodyFormat.HTML else _LOADING_HINTS.sub("", body_html)
    return f"<!-- wp:html -->\n{_absolute_media(html.strip(), site)}\n<!-- /wp:html -->"


def wp_status(status: str, published_at: datetime | None) -> str:
    if status != Status.PUBLISHED:
        return "draft"
    if published_at is not None and published_at > timezone.now():
        return "future"
    return "publish"


def _old_slugs(paths: list[str], slug: str) -> list[str]:
    """WordPress' own `_wp_old_slug` for old permalinks, so WordPress redirects them too."""
    slugs = []
    for path in paths:
        last = PurePosixPath(path.split("?")[0]).name
        if last and last != slug and "?" not in path:
            slugs.append(unquote(last))
    return list(dict.fromkeys(slugs))


def _item(fields: dict[str, Any], extra: list[str]) -> str:
    site = settings.SITE_URL
    local, gmt = dates(fields["date"])
    pub = format_datetime(fields["date"]) if fields["date"] else ""
    parts = [
        tag("title", fields["title"], raw=True),
        tag("link", fields.get("link") or site + fields["url"]),
        tag("pubDate", pub),
        tag("dc:creator", fields["creator"], raw=True),
        f'<guid isPermaLink="false">{text(fields["guid"])}</guid>',
        tag("description", ""),
        tag("content:encoded", fields.get("body", ""), raw=True),
        tag("excerpt:encoded", fields.get("excerpt", ""), raw=True),
        tag("wp:post_id", fields["id"]),
        tag("wp:post_date", local, raw=True),
        tag("wp:post_date_gmt", gmt, raw=True),
        tag("wp:comment_status", fields.get("comment_status", "closed"), raw=True),
        tag("wp:ping_status", "closed", raw=True),
        tag("wp:post_name", fields["slug"], raw=True),
        tag("wp:status", fields["status"], raw=True),
        tag("wp:post_parent", fields.get("parent", 0)),
        tag("wp:menu_order", 0),
        tag("wp:post_type", fields["type"], raw=True),
        tag("wp:post_password", "", raw=True),
        tag("wp:is_sticky", 0),
    ]
    return "<item>" + "".join(parts) + "".join(extra) + "</item>"


def _redirect_meta(url: str, slug: str, ctx: Context) -> list[str]:
    carried = ctx.redirects.pop(url, [])
    ctx.count("redirects", len(carried))
    return [meta(CARRIED, path) for path in carried] + [
        meta("_wp_old_slug", old) for old in _old_slugs(carried, slug)
    ]


def article_items(article: Article, comments: list[Comment], ctx: Context) -> Iterator[str]:
    """The article's item (with its comments), then an attachment item per image."""
    site = ctx.site
    body = _content(article.body, article.body_format, article.body_html, site)
    images = _body_images(body, site)
    extra = [meta(RUNWELL_ID, f"article:{article.pk}")]
    hero_id = 0
    if article.hero_image:
        hero = Attachment(site + article.hero_image.url, article.hero_alt, article.hero_caption)
        images = [hero, *[i for i in images if i.url != hero.url]]
    attachment_ids = [ctx.new_id() for _ in images]
    if article.hero_image:
        hero_id = attachment_ids[0]
        extra.append(meta("_thumbnail_id", hero_id))
    url = article.get_absolute_url()
    extra += _redirect_meta(url, article.slug, ctx)
    extra += [
        f'<category domain="category" nicename={attr(c.slug)}>{cdata(c.name)}</category>'
        for c in article.categories.all()
    ]
    extra += [
        f'<category domain="post_tag" nicename={attr(t.slug)}>{cdata(t.name)}</category>'
        for t in article.tags.all()
    ]
    extra += [_comment(c, article) for c in comments]
    fields = {
        "title": article.title,
        "url": url,
        "date": article.published_at,
        "creator": article.author.get_username() if article.author else "",
        "guid": ctx.guids.get(("post", article.pk)) or f"{site}/?p={article.pk}",
        "body": body,
        "excerpt": article.summary,
        "id": article.pk,
        "comment_status": "open" if article.comments_open else "closed",
        "slug": article.slug,
        "status": wp_status(article.status, article.published_at),
        "type": "post",
    }
    yield _item(fields, extra)
    for image, wp_id in zip(images, attachment_ids, strict=True):
        yield _attachment(image, wp_id, article, ctx)


def _attachment(image: Attachment, wp_id: int, article: Article, ctx: Context) -> str:
    name = unquote(PurePosixPath(image.url).name)
    ctx.count("attachments")
    fields = {
        "title": PurePosixPath(name).stem,
        "url": "",
        "link": f"{ctx.site}/?attachment_id={wp_id}",
        "date": article.published_at,
        "creator": article.author.get_username() if article.author else "",
        "guid": image.url,
        "excerpt": image.caption,
        "id": wp_id,
        "slug": f"{PurePosixPath(name).stem}-{wp_id}",
        "status": "inherit",
        "parent": article.pk,
        "type": "attachment",
    }
    extra = [tag("wp:attachment_url", image.url, raw=True)]
    if image.alt:
        extra.append(meta("_wp_attachment_image_alt", image.alt))
    return _item(fields, extra)


def page_wp_id(page: Page, ctx: Context) -> int:
    return ctx.page_offset + page.pk


def page_item(page: Page, comments: list[Comment], ctx: Context) -> str:
    url = page.get_absolute_url()
    extra = [meta(RUNWELL_ID, f"page:{page.pk}"), *_redirect_meta(url, page.slug, ctx)]
    extra += [_comment(c, page) for c in comments]
    fields = {
        "title": page.title,
        "url": url,
        "date": page.published_at,
        "creator": page.author.get_username() if page.author else "",
        "guid": ctx.guids.get(("page", page.pk)) or f"{ctx.site}/?page_id={page.pk}",
        "body": _content(page.body, page.body_format, page.body_html, ctx.site),
        "id": page_wp_id(page, ctx),
        "comment_status": "open" if page.comments_open else "closed",
        "slug": page.slug,
        "status": wp_status(page.status, page.published_at),
        "type": "page",
    }
    return _item(fields, extra)


def _comment(comment: Comment, article: Article | Page) -> str:
    local, gmt = dates(comment.created)
    # The Author badge travels as the post author's user id on the comment.
    user_id = article.author_id if comment.is_author and article.author_id else 0
    approved = COMMENT_APPROVED.get(comment.status, "0")
    extra = [meta(RUNWELL_ID, comment.pk, "wp:commentmeta")]
    if comment.is_removed:
        # Deleted by its author: WordPress keeps such a comment in its trash (with the
        # status it had), and Runwell's import shows the placeholder again.
        extra += [
            meta(TRASHED_FROM, approved, "wp:commentmeta"),
            meta(REMOVED, 1, "wp:commentmeta"),
        ]
        approved = "trash"
    body = comment.body if comment.body_format == BodyFormat.HTML else comment.body_html
    parts = [
        tag("wp:comment_id", comment.pk),
        tag("wp:comment_author", comment.author_name, raw=True),
        tag("wp:comment_author_email", comment.author_email, raw=True),
        tag("wp:comment_author_url", comment.author_url),
        tag("wp:comment_author_IP", network_address(comment.ip_network)),
        tag("wp:comment_date", local, raw=True),
        tag("wp:comment_date_gmt", gmt, raw=True),
        tag("wp:comment_content", body, raw=True),
        tag("wp:comment_approved", approved, raw=True),
        tag("wp:comment_type", "comment", raw=True),
        tag("wp:comment_parent", comment.parent_id or 0),
        tag("wp:comment_user_id", user_id),
    ]
    return "<wp:comment>" + "".join(parts) + "".join(extra) + "</wp:comment>"
