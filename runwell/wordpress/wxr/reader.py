"""Reads a WordPress eXtended RSS (WXR) export, streaming, into plain data.

Accepts WXR 1.0, 1.1 and 1.2 with the `wp` namespace written with http or
https, as the many WordPress versions and hosts write it, and every file
WordPress' importer accepts (repair.py mends what its lenient parser would
have let through). Parsing goes through defusedxml with document type
declarations refused, so an export can never make the parser fetch anything
or expand entity bombs.

An import reads a file twice, never holding it: `scan` (everything but the
items' bodies, checking the whole file is readable before anything is
written) and then `iter_items` (one item at a time).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO
from xml.etree.ElementTree import Element

from runwell.wordpress.wxr import elements as el
from runwell.wordpress.wxr.model import (
    Attachment,
    Author,
    Category,
    Export,
    Item,
    Redirect,
    Survey,
    Tag,
    WXRError,
)
from runwell.wordpress.wxr.repair import CleanStream

# -- the three ways in -------------------------------------------------------------


class _Collector:
    """Gathers everything but the items' bodies, as `scan` and `parse` both need."""

    def __init__(self) -> None:
        self.fields: dict[str, str] = {}
        self.authors: list[Author] = []
        self.categories: list[Category] = []
        self.tags: list[Tag] = []
        self.redirects: list[Redirect] = []
        self.channel_has_wp = False
        self.items_have_wp = False

    def take(self, element: Element) -> bool:
        """Record a channel element; True when it is an item (left to the caller)."""
        key = el.element_key(element)
        if key == "item":
            self.items_have_wp = self.items_have_wp or el.has_wp_fields(element)
            return True
        if key.startswith("wp:"):
            self.channel_has_wp = True
        if key == "wp:author":
            self.authors.append(el.author(element))
        elif key == "wp:category":
            self.categories.append(el.category(element))
        elif key == "wp:tag":
            self.tags.append(el.tag(element))
        elif key == "runwell:redirect":
            self.redirects.append(el.redirect(element))
        elif len(element) == 0 and key not in self.fields:
            self.fields[key] = (element.text or "").strip()
        return False

    def check(self, repairs: dict[str, int]) -> None:
        if self.channel_has_wp:
            if not self.fields.get("wp:wxr_version"):
                repairs["missing_wxr_version"] = 1
            return
        if not self.items_have_wp:
            raise WXRError(
                "the file is an RSS feed but not a WordPress export"
                " (no wordpress.org/export namespace)"
            )
        # Items with wp: fields but no channel-level ones: WordPress takes it; so do we.
        repairs["missing_wxr_version"] = 1


def scan(source: IO[bytes]) -> Survey:
    """Read the whole file once, keeping everything but the items' bodies.

    Raises WXRError for a file that cannot be read to its end, so an import that
    scans first writes nothing from a damaged file.
    """
    collector = _Collector()
    stream = CleanStream(source)
    items: dict[str, int] = {}
    comments = 0
    attachments: dict[int, Attachment] = {}
    guid_ids: dict[str, str] = {}
    shared: set[str] = set()
    for element in el.channel_children(stream):
        if not collector.take(element):
            continue
        f = el.fields(element)
        post_type = f.get("wp:post_type", "post") or "post"
        items[post_type] = items.get(post_type, 0) + 1
        guid, post_id = f.get("guid", ""), f.get("wp:post_id", "")
        in_id_space = guid and post_type in ("post", "page")
        if in_id_space and guid_ids.setdefault(guid, post_id) != post_id:
            shared.add(guid)
        comments += sum(1 for child in element if el.element_key(child) == "wp:comment")
        if post_type == "attachment":
            attachment = el.attachment(el.item(element))
            if attachment is not None:
                attachments[attachment.wp_id] = attachment
    repairs = dict(stream.repairs)
    collector.check(repairs)
    survey = Survey(
        site=el.site(collector.fields),
        authors=tuple(collector.authors),
        categories=tuple(collector.categories),
        tags=tuple(collector.tags),
        attachments=attachments,
        redirects=tuple(collector.redirects),
        comments=comments,
        shared_guids=shared,
    )
    survey.items.update(items)
    survey.repairs.update(repairs)
    return survey


def iter_items(source: IO[bytes]) -> Iterator[Item]:
    """The items, one at a time, in file order (after a successful `scan`)."""
    for element in el.channel_children(CleanStream(source)):
        if el.element_key(element) == "item":
            yield el.item(element)


def parse(source: IO[bytes]) -> Export:
    """Parse a whole export into memory; raise WXRError (with line and column) if damaged."""
    collector = _Collector()
    stream = CleanStream(source)
    items = [el.item(e) for e in el.channel_children(stream) if collector.take(e)]
    repairs = dict(stream.repairs)
    collector.check(repairs)
    return Export(
        site=el.site(collector.fields),
        authors=tuple(collector.authors),
        categories=tuple(collector.categories),
        tags=tuple(collector.tags),
        items=tuple(items),
        redirects=tuple(collector.redirects),
        repairs=repairs,
    )


def parse_file(path: Path | str) -> Export:
    with open(path, "rb") as handle:
        return parse(handle)
