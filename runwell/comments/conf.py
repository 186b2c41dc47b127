"""The discussion rules in force: the admin's Discussion settings, with the
RUNWELL_COMMENT_* environment variables (read in settings.py) taking precedence."""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings

from runwell.comments.models import DiscussionSettings
from runwell.lib.rates import parse_rate


@dataclass(frozen=True)
class Rules:
    moderation: str
    max_links: int
    moderation_words: tuple[str, ...]
    disallowed_words: tuple[str, ...]
    close_after_days: int
    thread_depth: int
    edit_minutes: int
    flood_seconds: int
    rate_limit: tuple[int, int] | None  # (comments, per seconds) or None when off
    min_seconds: int
    notify_moderators: bool
    notify_article_author: bool


def _rate(text: str) -> tuple[int, int] | None:
    # The environment is checked at start-up and the admin field has a validator, so a
    # bad value can only be a row written before the validator existed: treat it as off.
    try:
        return parse_rate(text)
    except ValueError:
        return None


def _words(text: str) -> tuple[str, ...]:
    return tuple(line.strip().lower() for line in text.splitlines() if line.strip())


# The stored row, kept a moment per process: a post or a page then needs no query
# for it, and a change in the admin reaches every process within STORED_TTL seconds
# (at once in the process that saved it).
STORED_TTL = 2.0
_stored: tuple[float, DiscussionSettings] | None = None


def _stored_settings() -> DiscussionSettings:
    global _stored
    now = time.monotonic()
    if _stored is not None and now - _stored[0] < STORED_TTL:
        return _stored[1]
    row = DiscussionSettings.objects.filter(pk=1).first() or DiscussionSettings()
    _stored = (now, row)
    return row


def forget_stored_settings(**_kwargs: object) -> None:
    global _stored
    _stored = None


def load_rules() -> Rules:
    """The rules in force; the environment's RUNWELL_COMMENT_* values win."""
    stored = _stored_settings()
    moderation = settings.COMMENT_MODERATION or stored.moderation
    flood = settings.COMMENT_FLOOD_SECONDS
    min_seconds = settings.COMMENT_MIN_SECONDS
    rate = settings.COMMENT_RATE_LIMIT or stored.rate_limit
    return Rules(
        moderation=moderation,
        max_links=stored.max_links,
        moderation_words=_words(stored.moderation_words),
        disallowed_words=_words(stored.disallowed_words),
        close_after_days=stored.close_after_days,
        thread_depth=max(1, stored.thread_depth),
        edit_minutes=stored.edit_minutes,
        flood_seconds=stored.flood_seconds if flood is None else flood,
        rate_limit=_rate(rate),
        min_seconds=stored.min_seconds if min_seconds is None else min_seconds,
        notify_moderators=stored.notify_moderators,
        notify_article_author=stored.notify_article_author,
    )
