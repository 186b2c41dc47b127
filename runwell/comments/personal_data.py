"""What the discussion keeps about a person, exported and erased on request.

For an account (registered in CommentsConfig.ready, called by "download my data" and
"delete my account"): the comments posted while logged in. For an email address (the
admin's personal-data page, for staff answering a request): every comment under it.
An erased comment stays in its thread, so replies still make sense, but keeps nothing
about its author: no name, email, website, network, browser or reply-mail wish.
"""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth.models import User

from runwell.comments.models import Comment, ConfirmedAddress

logger = logging.getLogger(__name__)

ANONYMOUS = "Anonymous"
ANONYMISED: dict[str, Any] = {
    "author_name": ANONYMOUS, "author_email": "", "author_url": "", "ip_network": "",
    "user_agent": "", "notify_replies": False, "fingerprint": "", "user": None,
}  # fmt: skip


def export_for_user(user: User) -> list[dict[str, Any]]:
    # Only comments posted while logged in: an email address typed into a sign-up form
    # proves nothing about who wrote the anonymous comments that used it.
    comments = (
        Comment.objects.filter(user=user).select_related("article", "page").order_by("created")
    )
    return [
        {
            **_where(c),
            "created": c.created.isoformat(),
            "status": c.status,
            "author_name": c.author_name,
            "author_url": c.author_url,
            "body": c.body,
        }
        for c in comments
    ]


def _where(comment: Comment, *, with_title: bool = False) -> dict[str, str]:
    """{"article": slug} for a comment on an article, {"page": slug} for one on a page."""
    kind = "article" if comment.article_id is not None else "page"
    target = comment.target
    where = {kind: target.slug}
    if with_title:
        where[f"{kind}_title"] = target.title
    return where


def erase_for_user(user: User) -> None:
    """Anonymise the comments posted from the account; the text stays in its thread."""
    comments = Comment.objects.filter(user=user)
    emails = {e for e in comments.values_list("author_email", flat=True) if e}
    if user.email:
        emails.add(user.email.lower())
    count = comments.update(**ANONYMISED)
    ConfirmedAddress.objects.filter(email__in=emails).delete()
    logger.info("anonymised %s comments of a deleted account", count)


def export_comments_for_email(email: str) -> list[dict[str, Any]]:
    """Everything stored about one address's comments (for staff answering a request)."""
    rows = Comment.objects.filter(author_email__iexact=email.strip()).select_related(
        "article", "page"
    )
    return [
        {
            "id": c.pk,
            **_where(c, with_title=True),
            "parent": c.parent_id,
            "author_name": c.author_name,
            "author_email": c.author_email,
            "author_url": c.author_url,
            "body": c.body,
            "status": c.status,
            "ip_network": c.ip_network,
            "user_agent": c.user_agent,
            "created": c.created.isoformat(),
            "edited": c.edited.isoformat() if c.edited else None,
            "notify_replies": c.notify_replies,
        }
        for c in rows
    ]
