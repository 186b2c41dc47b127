"""From XML elements of a WordPress export to plain data: names, numbers, dates, records."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from runwell.wordpress.wxr.model import (
    RUNWELL_NS,
    Attachment,
    Author,
    Category,
    Comment,
    Item,
    Redirect,
    Site,
    Tag,
    TermRef,
    WXRError,
)
from runwell.wordpress.wxr.repair import CleanStream

_WP_NS = re.compile(r"^https?://wordpress\.org/export/1\.[0-2]/$")
_EXCERPT_NS = re.compile(r"^https?://wordpress\.org/export/1\.[0-2]/excerpt/$")
_PREFIXES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    RUNWELL_NS: "runwell",
}
_GMT = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d")
# The largest id a database's 64-bit integer column holds.
MAX_ID = 2**63 - 1
# WordPress writes a draft's missing date as the Unix epoch in <pubDate>.
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


# -- walking the file ---------------------------------------------------------------


def channel_children(stream: CleanStream) -> Iterator[Element]:
    """Each <item> as soon as it is complete (then emptied), then the channel's other children.

    Only end events are asked for: they are all this needs, and half the work.
    """
    channel: Element | None = None
    last: Element | None = None
    try:
        for _, element in SafeET.iterparse(stream, events=("end",), forbid_dtd=True):
            if element.tag == "item":
                yield element
                element.clear()  # done with it: the tree never grows with the file
            elif element.tag == "channel":
                channel = element
            last = element
    except ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        reason = str(exc).split(":")[0]
        raise WXRError(
            f"the file is not well-formed XML at line {line + stream.lines_dropped}, "
            f"column {column} ({reason}); it may be truncated or damaged"
        ) from None
    except DefusedXmlException as exc:
        raise WXRError(f"the file uses a forbidden XML feature ({exc})") from None
    if channel is None or last is None or last.tag != "rss" or channel not in list(last):
        raise WXRError("the file is XML but not a WordPress export (no <rss><channel>)")
    yield from (child for child in channel if child.tag != "item")


@functools.lru_cache(maxsize=512)
def _key_of(tag: str) -> str:
    """'{namespace}name' as 'prefix:name' ('wp:post_id', 'content:encoded', …)."""
    if not tag.startswith("{"):
        return tag
    ns, _, name = tag[1:].partition("}")
    if _WP_NS.match(ns):
        return f"wp:{name}"
    if _EXCERPT_NS.match(ns):
        return f"excerpt:{name}"
    prefix = _PREFIXES.get(ns, ns)
    return f"{prefix}:{name}"


def element_key(element: Element) -> str:
    return _key_of(element.tag)


def _texts(element: Element) -> dict[str, str]:
    """Child text as written, by 'prefix:name' (first occurrence wins; '' for non-leaves)."""
    found: dict[str, str] = {}
    for child in element:
        key = element_key(child)
        if key not in found:
            found[key] = (child.text or "") if len(child) == 0 else ""
    return found


def fields(element: Element) -> dict[str, str]:
    """Child text by 'prefix:name', stripped, for simple leaf children."""
    return {key: value.strip() for key, value in _texts(element).items()}


def has_wp_fields(element: Element) -> bool:
    return any(element_key(child).startswith("wp:") for child in element)


# -- values -------------------------------------------------------------------------


def to_int(value: str) -> int | None:
    try:
        return int(value)
    except ValueError:  # "--5", "²" and other text that only looks like a number
        return None


def to_id(value: str) -> int | None:
    """An id as written: '' is 0 (none given); junk or a number no database holds is None."""
    value = value.strip()
    if not value:
        return 0
    number = to_int(value) if len(value) < 40 else None
    return number if number is not None and 0 <= number <= MAX_ID else None


def _int(value: str) -> int:
    return to_int(value) or 0


def parse_gmt(value: str) -> datetime | None:
    """'2010-07-26 02:40:01' (UTC) -> aware datetime; no date, the epoch or junk -> None."""
    value = value.strip()
    if not value or value.startswith("0000-00-00"):
        return None
    if not _GMT.fullmatch(value):
        return None
    try:
        moment = datetime.fromisoformat(value).replace(tzinfo=UTC)  # strptime is ten times slower
    except ValueError:  # 2010-02-30 and the like
        return None
    return None if moment == _EPOCH else moment


def _rfc822(value: str) -> datetime | None:
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed.tzinfo is None or parsed.year < 1900:
        return None
    parsed = parsed.astimezone(UTC)
    # A draft's "no date" is written as the epoch: it is no date, not 1 January 1970.
    return None if parsed == _EPOCH else parsed


# -- the channel's own elements -----------------------------------------------------


def site(fields: dict[str, str]) -> Site:
    return Site(
        title=fields.get("title", ""),
        link=fields.get("link", ""),
        description=fields.get("description", ""),
        language=fields.get("language", ""),
        wxr_version=fields.get("wp:wxr_version", ""),
        base_site_url=fields.get("wp:base_site_url", ""),
        base_blog_url=fields.get("wp:base_blog_url", "") or fields.get("link", ""),
        runwell_site=fields.get("runwell:site", ""),
    )


def author(element: Element) -> Author:
    f = fields(element)
    return Author(
        login=f.get("wp:author_login", ""),
        email=f.get("wp:author_email", ""),
        display_name=f.get("wp:author_display_name", ""),
        first_name=f.get("wp:author_first_name", ""),
        last_name=f.get("wp:author_last_name", ""),
        wp_id=to_int(f.get("wp:author_id", "")),
    )


def category(element: Element) -> Category:
    f = fields(element)
    return Category(
        term_id=to_int(f.get("wp:term_id", "")),
        slug=f.get("wp:category_nicename", ""),
        name=f.get("wp:cat_name", ""),
        parent_slug=f.get("wp:category_parent", ""),
        description=f.get("wp:category_description", ""),
    )


def tag(element: Element) -> Tag:
    f = fields(element)
    return Tag(
        term_id=to_int(f.get("wp:term_id", "")),
        slug=f.get("wp:tag_slug", ""),
        name=f.get("wp:tag_name", ""),
        description=f.get("wp:tag_description", ""),
    )


def redirect(element: Element) -> Redirect:
    f = fields(element)
    return Redirect(f.get("runwell:old_path", ""), f.get("runwell:new_path", ""))


# -- items ----------------------------------------------------------------------------


def item(element: Element) -> Item:
    raw = _texts(element)
    f = {key: value.strip() for key, value in raw.items()}
    terms: list[TermRef] = []
    postmeta: list[tuple[str, str]] = []
    comments: list[Comment] = []
    for child in element:
        key = element_key(child)
        if key == "category":
            ref = _term_ref(child)
            if ref is not None:
                terms.append(ref)
        elif key == "wp:postmeta":
            postmeta.append(_meta(child))
        elif key == "wp:comment":
            comments.append(_comment(child))
    raw_id = f.get("wp:post_id", "")
    return Item(
        title=f.get("title", ""),
        link=f.get("link", ""),
        pub_date=_rfc822(f.get("pubDate", "")),
        creator=f.get("dc:creator", ""),
        guid=f.get("guid", ""),
        description=f.get("description", ""),
        # Bodies keep their own whitespace: blank lines are paragraphs.
        content=raw.get("content:encoded", ""),
        excerpt=raw.get("excerpt:encoded", ""),
        wp_id=to_id(raw_id),
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
        raw_id=raw_id[:40],
    )


def _meta(element: Element) -> tuple[str, str]:
    raw = _texts(element)
    return raw.get("wp:meta_key", "").strip(), raw.get("wp:meta_value", "")


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
    raw = _texts(element)
    f = {key: value.strip() for key, value in raw.items()}
    meta = tuple(_meta(child) for child in element if element_key(child) == "wp:commentmeta")
    return Comment(
        wp_id=to_id(f.get("wp:comment_id", "")),
        author=f.get("wp:comment_author", ""),
        author_email=f.get("wp:comment_author_email", ""),
        author_url=f.get("wp:comment_author_url", ""),
        author_ip=f.get("wp:comment_author_IP", ""),
        date_gmt=parse_gmt(f.get("wp:comment_date_gmt", "")),
        date_local=f.get("wp:comment_date", ""),
        content=raw.get("wp:comment_content", ""),
        approved=f.get("wp:comment_approved", "1"),
        comment_type=f.get("wp:comment_type", "") or "comment",
        parent_id=_int(f.get("wp:comment_parent", "0")),
        user_id=_int(f.get("wp:comment_user_id", "0")),
        meta=meta,
    )


def attachment(item: Item) -> Attachment | None:
    if not item.wp_id:
        return None
    return Attachment(
        wp_id=item.wp_id,
        url=item.attachment_url or item.guid,
        parent_id=item.parent_id,
        title=item.title,
        alt=item.meta("_wp_attachment_image_alt"),
        caption=item.excerpt,
    )
