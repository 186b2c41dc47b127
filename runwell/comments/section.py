"""What the discussion under an article depends on, for the page that shows it.

Every reader sees the same thread, except a reader whose own comment is held for
moderation (only they see it) or still in its edit window (only they get the Edit and
Delete links). The article page asks this module which case a reader is in, so it can
serve everyone else the page it rendered once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from runwell.comments.conf import Rules, load_rules
from runwell.comments.cookies import own_comment_ids
from runwell.comments.models import Comment, CommentStatus
from runwell.comments.threads import On

CONTEXT_KEY = "comment_section_state"


@dataclass(frozen=True)
class SectionState:
    article_id: int
    version: int  # the thread version, read before anything else of the thread
    rules: Rules
    # The reader's own comments that look different to them here (held or editable).
    own_ids: frozenset[int] = frozenset()
    on: On = "article"  # article_id is a page's id when the thread is a page's

    @property
    def personal(self) -> bool:
        return bool(self.own_ids)


def section_state(
    request: HttpRequest | None, article_id: int, version: int, on: On = "article"
) -> SectionState:
    rules = load_rules()
    own = own_comment_ids(request) if request is not None else set()
    shown = _shown_differently(article_id, own, rules, on)
    return SectionState(article_id, version, rules, shown, on)


def _shown_differently(
    target_id: int, own: set[int], rules: Rules, on: On = "article"
) -> frozenset[int]:
    if not own:
        return frozenset()
    cutoff = timezone.now() - timedelta(minutes=rules.edit_minutes)
    editable = Q(status=CommentStatus.APPROVED, is_removed=False, created__gt=cutoff)
    rows = Comment.objects.filter(
        Q(status=CommentStatus.PENDING) | editable, id__in=own, **{f"{on}_id": target_id}
    ).values_list("id", flat=True)
    return frozenset(rows)
