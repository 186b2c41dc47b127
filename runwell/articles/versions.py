"""Which state of the articles a process' cached pages were made from.

The content version (models.ContentVersion) moves with every write. One thing changes
what readers see without a write: a scheduled article going live when its time comes.
So the key of anything cached from the articles is the version *and* how many
publication times later than that version's write have passed (the "epoch"). Those
times are read once per version and process, and are the same list in every process,
so a key (and an ETag made from it) means the same state everywhere.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from runwell.articles.models import Article, ContentVersion, Status
from runwell.lib.versioned import VersionedCache

_schedule = VersionedCache(max_entries=1)


@dataclass(frozen=True)
class ContentKey:
    version: int
    epoch: int
    # When readers last saw a change: the last write, or a publication time just passed.
    changed: datetime

    @property
    def tag(self) -> str:
        return f"{self.version}.{self.epoch}"


def read_version() -> tuple[int, datetime | None]:
    row = ContentVersion.objects.filter(id=1).values_list("version", "changed").first()
    return row if row is not None else (0, None)


def _publication_times(version: int, changed: datetime | None) -> tuple[datetime, ...]:
    """Publication times later than the write that made this version."""

    def build() -> tuple[datetime, ...]:
        published = Article.objects.filter(status=Status.PUBLISHED, published_at__isnull=False)
        if changed is not None:
            published = published.filter(published_at__gt=changed)
        times = published.order_by("published_at").values_list("published_at", flat=True)
        return tuple(t for t in times if t is not None)

    return _schedule.get("schedule", (version, changed), build)


def content_key(version: int, changed: datetime | None) -> ContentKey:
    """The key for cached content at this version (read it before reading the content)."""
    times = _publication_times(version, changed)
    now = timezone.now()
    epoch = bisect_right(times, now)
    stamp = changed or datetime.fromtimestamp(0, tz=timezone.get_current_timezone())
    if epoch:
        stamp = max(stamp, times[epoch - 1])
    return ContentKey(version, epoch, stamp)


def current_key() -> ContentKey:
    """The key as of now (one query; pages read the version with their own query)."""
    return content_key(*read_version())
