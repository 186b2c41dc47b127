"""The import's bookkeeping: what it reports, and what it made on earlier runs.

Shared by the item importer and the comment importer (importer.py and
comments.py), which both write through it and never import each other.

Identity: a post or page is its guid (WordPress never changes one, and Runwell's
export keeps it), with its post id when another post in the file has the same
guid, or the source site and post id when a file gives no guid; a
comment is its post's identity and its comment id; an author is the source site
and the login. The ImportedItem rows keyed on these let a second run find its
first run's work.
"""

from __future__ import annotations

import hashlib
import hmac
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models

from runwell.wordpress import wxr
from runwell.wordpress.models import ImportedItem

ModelT = TypeVar("ModelT", bound=models.Model)
# Postmeta and commentmeta naming the object in the Runwell site that wrote an export.
RUNWELL_ID = "_runwell_id"


@dataclass
class ImportReport:
    posts: int = 0
    pages: int = 0
    drafts: int = 0
    comments: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    redirects: int = 0
    warnings: list[str] = field(default_factory=list)
    # What had to be mended for the file to be read (control characters, a byte order
    # mark, HTML entities outside CDATA, …) and what became something else (embeds as
    # link cards, code shortcodes as code blocks, galleries as figure lists).
    repaired: Counter[str] = field(default_factory=Counter)
    converted: Counter[str] = field(default_factory=Counter)
    # Files from the uploads folder: copied (verified and re-encoded images), missing,
    # or refused (not an image, too big, or an address that climbs out of the folder).
    media: Counter[str] = field(default_factory=Counter)
    # Not part of the JSON contract; the readable report says how much was new.
    created: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "posts": self.posts,
            "pages": self.pages,
            "drafts": self.drafts,
            "comments": self.comments,
            "skipped": dict(sorted(self.skipped.items())),
            "redirects": self.redirects,
            "warnings": list(self.warnings),
            "repaired": dict(sorted(self.repaired.items())),
            "converted": dict(sorted(self.converted.items())),
            "media": dict(sorted(self.media.items())),
        }


def site_fingerprint() -> str:
    """Names this site in its exports without giving anything away (keyed on the secret key)."""
    return hmac.new(
        settings.SECRET_KEY.encode(), b"runwell wordpress export site", hashlib.sha256
    ).hexdigest()[:32]


def _digest(*parts: object) -> str:
    return hashlib.sha256("\n".join(str(p) for p in parts).encode()).hexdigest()


def post_identity(site: str, item: wxr.Item, shared_guids: set[str]) -> str:
    guid = item.guid.strip()
    if not guid:
        return f"id:{site}\n{item.wp_id}"
    # A guid two posts share (a copied post keeps its original's) needs the id beside it.
    return f"guid:{guid}\nid:{item.wp_id}" if guid in shared_guids else f"guid:{guid}"


def item_key(kind: str, identity: str) -> str:
    return _digest(kind, identity)


def comment_key(post: str, comment_id: int) -> str:
    return _digest("comment", post, comment_id)


def author_key(site: str, login: str) -> str:
    return _digest("author", site, login)


class Ledger:
    """Finds and records what the import made, for one source site."""

    BATCH = 500

    def __init__(self, site: str, report: ImportReport) -> None:
        self.site = site
        self.report = report
        self._pending: list[ImportedItem] = []

    def find(self, key: str, model: type[ModelT]) -> ModelT | None:
        row = ImportedItem.objects.filter(key=key).only("object_id").first()
        if row is None:
            return None
        target = model._default_manager.filter(pk=row.object_id).first()
        if target is None:  # deleted in Runwell since: the item is imported afresh
            ImportedItem.objects.filter(key=key).delete()
        return target

    def find_many(self, keys: list[str], model: type[ModelT]) -> dict[str, ModelT]:
        """`find` for many keys in two queries (the comments of one post)."""
        rows = dict(ImportedItem.objects.filter(key__in=keys).values_list("key", "object_id"))
        targets = model._default_manager.in_bulk(list(rows.values()))
        return {key: targets[pk] for key, pk in rows.items() if pk in targets}

    def remember(
        self, kind: str, key: str, wp_id: int, guid: str, target: models.Model, *, now: bool = True
    ) -> None:
        """Record an object made from a WordPress one (written at once, or at `flush`)."""
        row = ImportedItem(
            key=key,
            kind=kind,
            site=self.site[:300],
            wp_id=wp_id,
            guid=guid[:500],
            content_type=ContentType.objects.get_for_model(type(target)),
            object_id=target.pk,
        )
        self.report.created += 1
        if now:
            ImportedItem.objects.filter(key=key).delete()
            row.save()
        else:
            self._pending.append(row)

    def flush(self) -> None:
        """Write the records kept for later, a few hundred per statement."""
        for start in range(0, len(self._pending), self.BATCH):
            rows = self._pending[start : start + self.BATCH]
            # A row left by an object deleted since would hold the key: replace it.
            ImportedItem.objects.filter(key__in=[row.key for row in rows]).delete()
            ImportedItem.objects.bulk_create(rows)
        self._pending.clear()
