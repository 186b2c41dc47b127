"""Reads a WordPress eXtended RSS (WXR) export into plain data.

PURE: no Django here (an import-linter contract keeps it so). Accepts WXR 1.0,
1.1 and 1.2 with the `wp` namespace written with http or https, as the many
WordPress versions and hosts write it. Parsing goes through defusedxml, so an
export can never make the parser fetch anything or expand entity bombs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import IO
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

_WP_NS = re.compile(r"^https?://wordpress\.org/export/1\.[0-2]/$")
_EXCERPT_NS = re.compile(r"^https?://wordpress\.org/export/1\.[0-2]/excerpt/$")
_CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
_DC_NS = "http://purl.org/dc/elements/1.1/"
NO_DATE = "0000-00-00 00:00:00"


class WXRError(ValueError):
    """The file is not a readable WordPress export; the message says where and why."""


@dataclass(frozen=True)
class Site:
    title: str
    link: str
    description: str
    language: str
    wxr_version: str
    base_site_url: str
    base_blog_url: str


@dataclass(frozen=True)
class Author:
    login: str
    email: str
    display_name: str
    first_name: str
    last_name: str
    wp_id: int | None


@dataclass(frozen=True)
class Category:
    term_id: int | None
    slug: str
    name: str
    parent_slug: str
    description: str


@dataclass(frozen=True)
class Tag:
    term_id: int | None
    slug: str
    name: str
    description: str


@dataclass(frozen=True)
class TermRef:
    """A category or tag named on an item (`<category domain=… nicename=…>`)."""

    domain: str  # "category" or "post_tag"
    slug: str
    name: str


@dataclass(frozen=True)
class Comment:
    wp_id: int
    author: str
    author_email: str
    author_url: str
    author_ip: str
    date_gmt: datetime | None
    date_local: str
    content: str
    approved: str
    comment_type: str
    parent_id: int
    user_id: int


@dataclass(frozen=True)
class Item:
    title: str
    link: str
    pub_date: datetime | None
    creator: str
    guid: str
    description: str
    content: str
    excerpt: str
    wp_id: int
    date_gmt: datetime | None
    date_local: str
    comment_status: str
    ping_status: str
    slug: str
    status: str
    parent_id: int
    menu_order: int
    post_type: str
    password: str
    is_sticky: bool
    terms: tuple[TermRef, ...] = ()
    postmeta: tuple[tuple[str, str], ...] = ()
    comments: tuple[Comment, ...] = ()
    attachment_url: str = ""  # only for post_type "attachment": the uploaded file

    def meta(self, key: str) -> str:
        """The first value of a postmeta key ('' when absent)."""
        return next((value for k, value in self.postmeta if k == key), "")


@dataclass(frozen=True)
class Export:
    site: Site
    authors: tuple[Author, ...] = ()
    categories: tuple[Category, ...] = ()
    tags: tuple[Tag, ...] = ()
    items: tuple[Item, ...] = field(default=())


def parse_file(path: Path | str) -> Export:
    with open(path, "rb") as handle:
        return parse(handle)


def parse(source: IO[bytes]) -> Export:
    """Parse a whole export; raise WXRError (with line and column) on any malformation."""
    try:
        root = SafeET.parse(source).getroot()
    except ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        reason = str(exc).split(":")[0]
        raise WXRError(
            f"the file is not well-formed XML at line {line}, column {column} ({reason}); "
            "it may be truncated or damaged"
        ) from None
    except DefusedXmlException as exc:
        raise WXRError(f"the file uses a forbidden XML feature ({exc})") from None
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        raise WXRError("the file is XML but not a WordPress export (no <rss><channel>)")
    if not any(_kind(child.tag)[0] == "wp" for child in channel):
        raise WXRError(
            "the file is an RSS feed but not a WordPress export (no wordpress.org/export namespace)"
        )
    return _read_channel(channel)


def _kind(tag: str) -> tuple[str, str]:
    """Map '{namespace}name' to a short prefix ('wp', 'excerpt', 'content', 'dc', '')."""
    if not tag.startswith("{"):
        return "", tag
    ns, _, name = tag[1:].partition("}")
    if _WP_NS.match(ns):
        return "wp", name
    if _EXCERPT_NS.match(ns):
        return "excerpt", name
    if ns == _CONTENT_NS:
        return "content", name
    if ns == _DC_NS:
        return "dc", name
    return ns, name


def _fields(element: Element) -> dict[str, str]:
    """Child text by 'prefix:name' (first occurrence wins), for simple leaf children."""
    found: dict[str, str] = {}
    for child in element:
        prefix, name = _kind(child.tag)
        key = f"{prefix}:{name}" if prefix else name
        if key not in found:
            found[key] = (child.text or "").strip() if len(child) == 0 else ""
    return found


def _raw_text(element: Element, key: str) -> str:
    for child in element:
        prefix, name = _kind(child.tag)
        if f"{prefix}:{name}" == key:
            return child.text or ""
    return ""


def to_int(value: str) -> int | None:
    try:
        return int(value)
    except ValueError:  # "--5", "²" and other text that only looks like a number
        return None


def _int(value: str) -> int:
    return to_int(value) or 0


def parse_gmt(value: str) -> datetime | None:
    """'2010-07-26 02:40:01' (UTC) -> aware datetime; '0000-00-00 …' or junk -> None."""
    value = value.strip()
    if not value or value.startswith("0000-00-00"):
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def _rfc822(value: str) -> datetime | None:
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed.tzinfo is None or parsed.year < 1900:
        return None
    return parsed.astimezone(UTC)


def _read_channel(channel: Element) -> Export:
    top = _fields(channel)
    site = Site(
        title=top.get("title", ""),
        link=top.get("link", ""),
        description=top.get("description", ""),
        language=top.get("language", ""),
        wxr_version=top.get("wp:wxr_version", ""),
        base_site_url=top.get("wp:base_site_url", ""),
        base_blog_url=top.get("wp:base_blog_url", "") or top.get("link", ""),
    )
    authors: list[Author] = []
    categories: list[Category] = []
    tags: list[Tag] = []
    items: list[Item] = []
    for child in channel:
        prefix, name = _kind(child.tag)
        if prefix == "wp" and name == "author":
            authors.append(_author(child))
        elif prefix == "wp" and name == "category":
            categories.append(_category(child))
        elif prefix == "wp" and name == "tag":
            tags.append(_tag(child))
        elif not prefix and name == "item":
            items.append(_item(child))
    return Export(site, tuple(authors), tuple(categories), tuple(tags), tuple(items))


def _author(element: Element) -> Author:
    f = _fields(element)
    return Author(
        login=f.get("wp:author_login", ""),
        email=f.get("wp:author_email", ""),
        display_name=f.get("wp:author_display_name", ""),
        first_name=f.get("wp:author_first_name", ""),
        last_name=f.get("wp:author_last_name", ""),
        wp_id=to_int(f.get("wp:author_id", "")),
    )


def _category(element: Element) -> Category:
    f = _fields(element)
    return Category(
        term_id=to_int(f.get("wp:term_id", "")),
        slug=f.get("wp:category_nicename", ""),
        name=f.get("wp:cat_name", ""),
        parent_slug=f.get("wp:category_parent", ""),
        description=f.get("wp:category_description", ""),
    )


def _tag(element: Element) -> Tag:
    f = _fields(element)
    return Tag(
        term_id=to_int(f.get("wp:term_id", "")),
        slug=f.get("wp:tag_slug", ""),
        name=f.get("wp:tag_name", ""),
        description=f.get("wp:tag_description", ""),
    )


def _item(element: Element) -> Item:
    f = _fields(element)
    terms: list[TermRef] = []
    postmeta: list[tuple[str, str]] = []
    comments: list[Comment] = []
    for child in element:
        prefix, name = _kind(child.tag)
        if not prefix and name == "category":
            ref = _term_ref(child)
            if ref is not None:
                terms.append(ref)
        elif prefix == "wp" and name == "postmeta":
            meta = _fields(child)
            postmeta.append((meta.get("wp:meta_key", ""), meta.get("wp:meta_value", "")))
        elif prefix == "wp" and name == "comment":
            comments.append(_comment(child))
    return Item(
        title=f.get("title", ""),
        link=f.get("link", ""),
        pub_date=_rfc822(f.get("pubDate", "")),
        creator=f.get("dc:creator", ""),
        guid=f.get("guid", ""),
        description=f.get("description", ""),
        # Bodies keep their own whitespace: blank lines are paragraphs.
        content=_raw_text(element, "content:encoded"),
        excerpt=_raw_text(element, "excerpt:encoded"),
        wp_id=_int(f.get("wp:post_id", "0")),
        date_gmt=parse_gmt(f.get("wp:post_date_gmt", "")),
        date_local=f.get("wp:post_date", ""),
        comment_status=f.get("wp:comment_status", "open"),
        ping_status=f.get("wp:ping_status", ""),
        slug=f.get("wp:post_name", ""),
        status=f.get("wp:status", ""),
        parent_id=_int(f.get("wp:post_parent", "0")),
        menu_order=_int(f.get("wp:menu_order", "0")),
        post_type=f.get("wp:post_type", "post") or "post",
        password=f.get("wp:post_password", ""),
        is_sticky=f.get("wp:is_sticky", "0") == "1",
        terms=_dedupe_terms(terms),
        postmeta=tuple(postmeta),
        comments=tuple(comments),
        attachment_url=f.get("wp:attachment_url", ""),
    )


def _term_ref(element: Element) -> TermRef | None:
    name = (element.text or "").strip()
    domain = element.get("domain", "")
    slug = element.get("nicename", "")
    if domain == "tag":  # WXR 1.0 spelling
        domain = "post_tag"
    if not domain:
        # WXR 1.0 also lists each category once more with neither domain nor nicename.
        domain = "category"
    if domain not in ("category", "post_tag") or not (name or slug):
        return None
    return TermRef(domain, slug, name)


def _dedupe_terms(terms: list[TermRef]) -> tuple[TermRef, ...]:
    with_slug = {(t.domain, t.name) for t in terms if t.slug}
    seen: set[tuple[str, str, str]] = set()
    kept: list[TermRef] = []
    for term in terms:
        if not term.slug and (term.domain, term.name) in with_slug:
            continue
        key = (term.domain, term.slug, term.name)
        if key not in seen:
            seen.add(key)
            kept.append(term)
    return tuple(kept)


def _comment(element: Element) -> Comment:
    f = _fields(element)
    return Comment(
        wp_id=_int(f.get("wp:comment_id", "0")),
        author=f.get("wp:comment_author", ""),
        author_email=f.get("wp:comment_author_email", ""),
        author_url=f.get("wp:comment_author_url", ""),
        author_ip=f.get("wp:comment_author_IP", ""),
        date_gmt=parse_gmt(f.get("wp:comment_date_gmt", "")),
        date_local=f.get("wp:comment_date", ""),
        content=_raw_text(element, "wp:comment_content"),
        approved=f.get("wp:comment_approved", "1"),
        comment_type=f.get("wp:comment_type", "") or "comment",
        parent_id=_int(f.get("wp:comment_parent", "0")),
        user_id=_int(f.get("wp:comment_user_id", "0")),
    )
