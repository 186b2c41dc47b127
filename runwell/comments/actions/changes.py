"""Changes to comments once posted: moderators' statuses and replies, authors' edits and
deletions, imports, and what the mailed links and personal-data requests ask for."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from runwell.articles.models import display_name
from runwell.comments.actions.posting import (
    DUPLICATE_MESSAGE,
    CommentRefused,
    approved_before,
    do_post_comment,
    fingerprint,
    queue_mail,
)
from runwell.comments.conf import Rules, load_rules
from runwell.comments.models import (
    Comment,
    CommentStatus,
    ConfirmedAddress,
    MailOptOut,
    bump_threads,
    on_target,
)
from runwell.comments.moderation import Candidate, decide_status
from runwell.comments.personal_data import ANONYMISED

logger = logging.getLogger(__name__)


def status_changes(status: str) -> dict[str, Any]:
    """The fields a change of status sets: a trashed text may be said again later."""
    changes: dict[str, Any] = {"status": status}
    if status == CommentStatus.TRASH:
        changes["fingerprint"] = ""
    return changes


def do_save_by_moderator(comment: Comment) -> None:
    """A moderator's edit in the admin (any field, the status included)."""
    with transaction.atomic():
        before = Comment.objects.filter(pk=comment.pk).values_list("status", flat=True).first()
        for field, value in status_changes(comment.status).items():
            setattr(comment, field, value)
        comment.save()
        if comment.status == CommentStatus.APPROVED and before != CommentStatus.APPROVED:
            queue_mail(comment.pk, "approved")


def do_set_status(comments: QuerySet[Comment], status: str) -> int:
    """Moderators' approve / spam / trash, in bulk."""
    with transaction.atomic():
        rows = list(comments.select_for_update().values_list("id", "status"))
        ids = [row[0] for row in rows if row[1] != status]
        count = Comment.objects.filter(id__in=ids).update(**status_changes(status))
        if status == CommentStatus.APPROVED:
            for comment_id in ids:
                queue_mail(comment_id, "approved")
    return count


def do_reply_as_author(parent: Comment, user: User, body: str) -> Comment:
    """A staff reply from the moderation queue: approved, with the Author badge."""
    # The author's public name (their profile's), never their login name.
    name = display_name(user).strip()[:100]
    reply = Comment(
        **on_target(parent.target),
        parent=parent,
        depth=parent.depth + 1,
        author_name=name,
        author_email=(user.email or "").lower(),
        user=user,
        is_author=True,
        body=body,
        status=CommentStatus.APPROVED,
        fingerprint=fingerprint(parent.target_id, str(user.pk), body),
    )
    if parent.status != CommentStatus.APPROVED:
        do_set_status(Comment.objects.filter(pk=parent.pk), CommentStatus.APPROVED)
    return do_post_comment(reply, [], 0)


def can_still_edit(comment: Comment, rules: Rules) -> bool:
    return comment.can_be_edited(rules.edit_minutes)


def check_edit_comment(comment: Comment, body: str, rules: Rules | None = None) -> Comment:
    """An edit runs the moderation a new comment would: links, word lists, a first-timer.

    Only other approved comments count as "approved before" (the one being edited was
    approved as it was, not as it now reads), and an edit never approves a held comment.
    """
    rules = rules or load_rules()
    user = comment.user if isinstance(comment.user, User) else None
    is_staff = bool(user is not None and user.is_staff)
    candidate = Candidate(
        comment.author_name, comment.author_email, comment.author_url, body,
        comment.ip_network, comment.user_agent,
    )  # fmt: skip
    decided = decide_status(
        rules,
        candidate,
        has_approved_before=rules.moderation == "wordpress"
        and approved_before(candidate, other_than=comment.pk),
        is_staff=is_staff,
    )
    if decided == CommentStatus.SPAM or comment.status == CommentStatus.APPROVED:
        status = decided
    else:
        status = comment.status
    return do_edit_comment(comment, body, status)


def do_edit_comment(comment: Comment, body: str, status: str) -> Comment:
    with transaction.atomic():
        returns_to_queue = comment.status == CommentStatus.APPROVED and status != comment.status
        comment.body = body
        comment.status = status
        comment.edited = timezone.now()
        comment.fingerprint = fingerprint(comment.target_id, comment.author_email, body)
        try:
            with transaction.atomic():
                comment.save()
        except IntegrityError:
            raise CommentRefused("duplicate", DUPLICATE_MESSAGE, "body") from None
        if returns_to_queue:
            queue_mail(comment.pk, f"edited:{comment.edited.timestamp()}")
    logger.info("comment %s edited: %s", comment.pk, comment.status)
    return comment


def do_delete_comment(comment: Comment) -> None:
    """Remove a comment at its author's request; a comment with replies leaves a placeholder."""
    with transaction.atomic():
        if comment.replies.exists():
            Comment.objects.filter(pk=comment.pk).update(
                is_removed=True, body="", body_html="", author_name="", author_email="",
                author_url="", ip_network="", user_agent="", fingerprint="",
                notify_replies=False, edited=timezone.now(),
            )  # fmt: skip
        else:
            comment.delete()


def do_import_comments(comments: list[Comment]) -> list[Comment]:
    """Store comments brought from another system (the WordPress import), in bulk.

    The list comes parents first; a reply's `parent` is a stored comment or one
    earlier in the list. No discussion rule runs (they were the old site's) and no
    mail goes out; each body is rendered as every write renders it, and each thread
    touched has its version bumped once, in this transaction.
    """
    with transaction.atomic():
        for comment in comments:
            comment.render_body()
        waiting = list(comments)
        while waiting:
            # A generation at a time: a reply is inserted once its parent has an id.
            ready = [c for c in waiting if c.parent is None or c.parent.pk is not None]
            if not ready:
                raise ValueError("a reply's parent is neither stored nor in the list")
            # The plain QuerySet's bulk_create, so a 1,200-deep thread costs one version
            # bump at the end rather than one per generation.
            QuerySet.bulk_create(Comment.objects.all(), ready, batch_size=500)
            waiting = [c for c in waiting if c.pk is None]
        bump_threads({(c.article_id, c.page_id) for c in comments})
    return comments


def do_erase_comments_for_email(email: str, *, keep_text: bool) -> int:
    """Anonymise every comment of an address; optionally remove the text too."""
    with transaction.atomic():
        changes = dict(ANONYMISED)
        if not keep_text:
            changes.update(body="", body_html="", is_removed=True)
        count = Comment.objects.filter(author_email__iexact=email.strip()).update(**changes)
        ConfirmedAddress.objects.filter(email__iexact=email.strip()).delete()
    logger.info("erased %s comments on request", count)
    return count


def do_opt_out(email: str, kind: str) -> None:
    """Stop one kind of comment mail to an address (idempotent: a second click is fine)."""
    MailOptOut.objects.get_or_create(email=email, kind=kind)


def do_confirm_address(email: str) -> None:
    """The owner of an address asked, from the mailed link, for reply mail to reach it."""
    ConfirmedAddress.objects.get_or_create(email=email.strip().lower())
