"""The moderation queue's lists: which comments a tab shows, in which order, and its counts."""

from __future__ import annotations

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from runwell.comments.models import Comment, CommentStatus

# "All" is what needs a moderator's eye and what readers see: held comments first.
TABS = {
    "all": ("All", Q(status__in=[CommentStatus.PENDING, CommentStatus.APPROVED])),
    CommentStatus.PENDING: ("Awaiting moderation", Q(status=CommentStatus.PENDING)),
    CommentStatus.APPROVED: ("Approved", Q(status=CommentStatus.APPROVED)),
    CommentStatus.SPAM: ("Spam", Q(status=CommentStatus.SPAM)),
    CommentStatus.TRASH: ("Trash", Q(status=CommentStatus.TRASH)),
}
PAGE_SIZE = 20


def tab_of(raw: str | None) -> str:
    return raw if raw in TABS else "all"


def queue(tab: str) -> QuerySet[Comment]:
    pending_first = Case(
        When(status=CommentStatus.PENDING, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        Comment.objects.filter(TABS[tab][1])
        .select_related("article", "page", "parent")
        .annotate(waiting=pending_first)
        .order_by("waiting", "-created", "-id")
    )


def tab_counts() -> dict[str, int]:
    found = Comment.objects.aggregate(
        **{key.replace("-", "_"): Count("pk", filter=q) for key, (_l, q) in TABS.items()}
    )
    return {key: int(found[key.replace("-", "_")] or 0) for key in TABS}
