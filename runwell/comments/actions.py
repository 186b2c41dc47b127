"""Every change a person makes to comments goes through these functions: readers'
posts, edits and deletions, and moderators' work in the admin.

`check_*` validates and then calls `do_*`; `do_*` trusts its caller. Loaders that bring
in comments as they already are (the starter discussion, a WordPress import) save the
model directly (docs/architecture.md). Either way each write bumps the article's thread
version in the same transaction (Comment.save and CommentQuerySet do it), so every
worker's cached rendering of the thread is replaced on its next read.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from runwell.articles.models import Article, display_name
from runwell.comments import spam
from runwell.comments.conf import Rules, load_rules
from runwell.comments.models import Comment, CommentStatus, MailOptOut
from runwell.comments.moderation import Candidate, decide_status
from runwell.lib.net import truncate_ip

logger = logging.getLogger(__name__)

FLOOD_MESSAGE = "You are posting comments too quickly. Slow down."
DUPLICATE_MESSAGE = "It looks as though you've already said that!"
CLOSED_MESSAGE = "Comments are closed on this article."
RATE_MESSAGE = "Too many comments from your network. Please wait a little and try again."


class CommentRefused(Exception):
    """A post that cannot be taken; `code` picks the HTTP answer, `field` the form field."""

    STATUS = {"closed": 403, "rate": 429, "flood": 429}

    def __init__(self, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code  # invalid | closed | flood | duplicate | rate
        self.message = message
        self.field = field

    @property
    def status(self) -> int:
        """The HTTP status the HTML form and the API both answer with."""
        return self.STATUS.get(self.code, 400)


@dataclass
class NewComment:
    article: Article
    author_name: str
    author_email: str
    body: str
    author_url: str = ""
    parent_id: int | None = None
    notify_replies: bool = False
    ip: str = ""
    user_agent: str = ""
    user: AbstractBaseUser | AnonymousUser | None = None


def fingerprint(article_id: int, email: str, body: str) -> str:
    normal = " ".join(body.split()).lower()
    return hashlib.sha256(f"{article_id}\0{email.strip().lower()}\0{normal}".encode()).hexdigest()


def comments_closed(article: Article, rules: Rules) -> bool:
    if not article.comments_open or not article.is_public:
        return True
    if rules.close_after_days and article.published_at:
        return timezone.now() - article.published_at > timedelta(days=rules.close_after_days)
    return False


def check_rate_limit(ip: str, rules: Rules | None = None) -> None:
    rules = rules or load_rules()
    network = truncate_ip(ip)
    if rules.rate_limit and network:
        limit, period = rules.rate_limit
        if not spam.hit_rate_limit(f"rate:{network}", limit, period):
            raise CommentRefused("rate", RATE_MESSAGE)


def check_post_comment(new: NewComment, rules: Rules | None = None) -> Comment:
    """Validate a new comment against the discussion rules, then store it."""
    rules = rules or load_rules()
    if comments_closed(new.article, rules):
        raise CommentRefused("closed", CLOSED_MESSAGE)
    parent = None
    if new.parent_id is not None:
        parent = (
            Comment.objects.filter(
                pk=new.parent_id, article=new.article, status=CommentStatus.APPROVED
            )
            .only("id", "depth", "parent_id", "notify_replies")
            .first()
        )
        if parent is None:
            raise CommentRefused("invalid", "There is no such comment to reply to.", "parent")
        # Past the deepest level a reply joins its parent's level (as WordPress shows it).
        if parent.depth >= rules.thread_depth - 1 and parent.parent_id is not None:
            parent = Comment.objects.only("id", "depth", "parent_id", "notify_replies").get(
                pk=parent.parent_id
            )
    user = new.user if isinstance(new.user, User) else None
    is_staff = bool(user is not None and user.is_staff)
    network = truncate_ip(new.ip)
    email = new.author_email.strip().lower()
    candidate = Candidate(new.author_name, email, new.author_url, new.body, network, new.user_agent)
    has_approved_before = (
        rules.moderation == "wordpress"
        and Comment.objects.filter(author_email=email, status=CommentStatus.APPROVED).exists()
    )
    status = decide_status(
        rules, candidate, has_approved_before=has_approved_before, is_staff=is_staff
    )
    comment = Comment(
        article=new.article,
        parent=parent,
        depth=parent.depth + 1 if parent else 0,
        author_name=new.author_name.strip(),
        author_email=email,
        author_url=new.author_url.strip(),
        user=user,
        is_author=is_staff,
        body=new.body,
        status=status,
        ip_network=network,
        user_agent=new.user_agent[:300],
        notify_replies=new.notify_replies,
        fingerprint=fingerprint(new.article.pk, email, new.body),
    )
    flood_keys = [] if is_staff or not rules.flood_seconds else _flood_keys(network, email)
    return do_post_comment(
        comment, flood_keys, rules.flood_seconds, notify=might_send_mail(comment, parent, rules)
    )


def might_send_mail(comment: Comment, parent: Comment | None, rules: Rules) -> bool:
    """Whether a mail task is worth queueing (the task itself checks opt-outs and addresses)."""
    if comment.status == CommentStatus.PENDING:
        return rules.notify_moderators and bool(settings.MANAGERS)
    if comment.status != CommentStatus.APPROVED:
        return False
    replies = parent is not None and parent.notify_replies
    has_author = rules.notify_article_author and comment.article.author_id is not None
    return has_author or replies


def _flood_keys(network: str, email: str) -> list[str]:
    keys = [f"flood:email:{email}"] if email else []
    return [*keys, f"flood:ip:{network}"] if network else keys


def do_post_comment(
    comment: Comment, flood_keys: list[str], flood_seconds: int, *, notify: bool = True
) -> Comment:
    """Store the comment; its id comes from this INSERT, never from a later read."""
    with transaction.atomic():
        now = timezone.now()
        for key in flood_keys:
            if not spam.claim_flood_slot(key, flood_seconds, now):
                raise CommentRefused("flood", FLOOD_MESSAGE)
        try:
            with transaction.atomic():
                comment.created = now
                comment.save()  # also bumps the thread version
        except IntegrityError:
            raise CommentRefused("duplicate", DUPLICATE_MESSAGE, "body") from None
        if notify:
            _after_commit_notify(comment)
    logger.info("comment %s on article %s: %s", comment.pk, comment.article_id, comment.status)
    return comment


def _after_commit_notify(comment: Comment) -> None:
    from runwell.comments.notifications import schedule_notifications

    comment_id = comment.pk
    transaction.on_commit(lambda: schedule_notifications(comment_id))


def status_changes(status: str) -> dict[str, Any]:
    """The fields a change of status sets: a trashed text may be said again later."""
    changes: dict[str, Any] = {"status": status}
    if status == CommentStatus.TRASH:
        changes["fingerprint"] = ""
    return changes


def do_save_by_moderator(comment: Comment) -> None:
    """A moderator's edit in the admin (any field, the status included)."""
    for field, value in status_changes(comment.status).items():
        setattr(comment, field, value)
    comment.save()


def do_set_status(comments: QuerySet[Comment], status: str) -> int:
    """Moderators' approve / spam / trash, in bulk."""
    with transaction.atomic():
        rows = list(comments.select_for_update().values_list("id", "status"))
        ids = [row[0] for row in rows if row[1] != status]
        count = Comment.objects.filter(id__in=ids).update(**status_changes(status))
        if status == CommentStatus.APPROVED:
            for comment_id in ids:
                _notify_on_approval(comment_id)
    return count


def _notify_on_approval(comment_id: int) -> None:
    from runwell.comments.notifications import schedule_reply_notifications

    transaction.on_commit(lambda: schedule_reply_notifications(comment_id))


def do_reply_as_author(parent: Comment, user: User, body: str) -> Comment:
    """A staff reply from the moderation queue: approved, with the Author badge."""
    # The author's public name (their profile's), never their login name.
    name = display_name(user).strip()[:100]
    reply = Comment(
        article=parent.article,
        parent=parent,
        depth=parent.depth + 1,
        author_name=name,
        author_email=(user.email or "").lower(),
        user=user,
        is_author=True,
        body=body,
        status=CommentStatus.APPROVED,
        fingerprint=fingerprint(parent.article_id, str(user.pk), body),
    )
    if parent.status != CommentStatus.APPROVED:
        do_set_status(Comment.objects.filter(pk=parent.pk), CommentStatus.APPROVED)
    return do_post_comment(reply, [], 0)


def can_still_edit(comment: Comment, rules: Rules) -> bool:
    return comment.can_be_edited(rules.edit_minutes)


def do_edit_comment(comment: Comment, body: str) -> Comment:
    with transaction.atomic():
        comment.body = body
        comment.edited = timezone.now()
        comment.fingerprint = fingerprint(comment.article_id, comment.author_email, body)
        try:
            with transaction.atomic():
                comment.save()
        except IntegrityError:
            raise CommentRefused("duplicate", DUPLICATE_MESSAGE, "body") from None
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


def export_comments_for_email(email: str) -> list[dict[str, Any]]:
    """Everything stored about one address's comments (for staff answering a request)."""
    rows = Comment.objects.filter(author_email__iexact=email.strip()).select_related("article")
    return [
        {
            "id": c.pk,
            "article": c.article.slug,
            "article_title": c.article.title,
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


def do_erase_comments_for_email(email: str, *, keep_text: bool) -> int:
    """Anonymise every comment of an address; optionally remove the text too."""
    with transaction.atomic():
        qs = Comment.objects.filter(author_email__iexact=email.strip())
        changes: dict[str, Any] = {
            "author_name": "Anonymous", "author_email": "", "author_url": "",
            "ip_network": "", "user_agent": "", "notify_replies": False, "fingerprint": "",
            "user": None,
        }  # fmt: skip
        if not keep_text:
            changes.update(body="", body_html="", is_removed=True)
        count = qs.update(**changes)
    logger.info("erased %s comments on request", count)
    return count


def do_opt_out(email: str, kind: str) -> None:
    """Stop one kind of comment mail to an address (idempotent: a second click is fine)."""
    MailOptOut.objects.get_or_create(email=email, kind=kind)
