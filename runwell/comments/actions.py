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

from runwell.articles.models import Article, Page, display_name
from runwell.comments import spam
from runwell.comments.conf import Rules, load_rules
from runwell.comments.idempotency import answers_since
from runwell.comments.models import (
    Comment,
    CommentStatus,
    ConfirmedAddress,
    IdempotentPost,
    MailOptOut,
    bump_threads,
    on_target,
)
from runwell.comments.moderation import Candidate, decide_status
from runwell.comments.personal_data import ANONYMISED
from runwell.comments.reserved import reserved_owners
from runwell.lib.net import truncate_ip
from runwell.lib.tasks import enqueue_with_transaction

logger = logging.getLogger(__name__)

FLOOD_MESSAGE = "You are posting comments too quickly. Slow down."
DUPLICATE_MESSAGE = "It looks as though you've already said that!"
CLOSED_MESSAGE = "Comments are closed on this article."
CLOSED_ON_PAGE = "Comments are closed on this page."
RATE_MESSAGE = "Too many comments from your network. Please wait a little and try again."
RESERVED_MESSAGE = "That name belongs to the site or its team. Please choose another."


class CommentRefused(Exception):
    """A post that cannot be taken; `code` picks the HTTP answer, `field` the form field."""

    STATUS = {
        "closed": 403, "foreign": 403, "rate": 429, "flood": 429, "conflict": 409,
        "unsupported": 415, "key_reused": 422,
    }  # fmt: skip

    def __init__(self, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code  # invalid | closed | flood | duplicate | rate | ... (see STATUS)
        self.message = message
        self.field = field

    @property
    def status(self) -> int:
        """The HTTP status the HTML form and the API both answer with."""
        return self.STATUS.get(self.code, 400)


@dataclass
class NewComment:
    article: Article | Page  # what the comment is on
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


def comments_closed(article: Article | Page, rules: Rules) -> bool:
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


NO_PARENT = "There is no such comment to reply to."


@dataclass
class ReadyComment:
    """A new comment past every check that only reads: what is left is the write."""

    comment: Comment
    flood_keys: list[str]
    flood_seconds: int
    notify: bool


def check_post_comment(new: NewComment, rules: Rules | None = None) -> Comment:
    """Validate a new comment against the discussion rules, then store it."""
    return do_post_ready(check_new_comment(new, rules or load_rules()))


def check_new_comment(new: NewComment, rules: Rules) -> ReadyComment:
    """Every check on a new comment that only reads, and its rendering.

    The comment API runs this before it queues for SQLite's write lock (api.py), so a
    post holds the lock only for its INSERT and UPDATE; the checks a concurrent writer
    could undo (flood slots, duplicates, the parent still shown) run again inside.
    """
    if comments_closed(new.article, rules):
        on_page = isinstance(new.article, Page)
        raise CommentRefused("closed", CLOSED_ON_PAGE if on_page else CLOSED_MESSAGE)
    parent = None
    if new.parent_id is not None:
        parent = (
            Comment.objects.filter(
                pk=new.parent_id, status=CommentStatus.APPROVED, **on_target(new.article)
            )
            .only("id", "depth", "parent_id", "notify_replies")
            .first()
        )
        if parent is None:
            raise CommentRefused("invalid", NO_PARENT, "parent")
        # Past the deepest level a reply joins its parent's level (as WordPress shows it).
        if parent.depth >= rules.thread_depth - 1 and parent.parent_id is not None:
            parent = Comment.objects.only("id", "depth", "parent_id", "notify_replies").get(
                pk=parent.parent_id
            )
    user = new.user if isinstance(new.user, User) else None
    is_staff = bool(user is not None and user.is_staff)
    check_name_is_free(new.author_name, user)
    network = truncate_ip(new.ip)
    email = new.author_email.strip().lower()
    candidate = Candidate(new.author_name, email, new.author_url, new.body, network, new.user_agent)
    status = decide_status(
        rules,
        candidate,
        has_approved_before=rules.moderation == "wordpress" and approved_before(candidate),
        is_staff=is_staff,
    )
    comment = Comment(
        **on_target(new.article),
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
    comment.render_body()  # here, not in save(): Markdown and nh3 are half the CPU of a post
    flood_keys = [] if is_staff or not rules.flood_seconds else _flood_keys(network, email)
    notify = might_send_mail(comment, parent, rules)
    return ReadyComment(comment, flood_keys, rules.flood_seconds, notify)


def do_post_ready(ready: ReadyComment) -> Comment:
    """Store a comment check_new_comment passed (it may have waited for the write lock)."""
    return do_post_comment(
        ready.comment,
        ready.flood_keys,
        ready.flood_seconds,
        notify=ready.notify,
        parent_checked_before=True,
    )


def check_name_is_free(name: str, user: User | None) -> None:
    """A reader may not comment under the site's name or a team member's (their own is fine)."""
    owners = reserved_owners(name)
    if owners and (user is None or not (user.is_staff or owners == {user.pk})):
        raise CommentRefused("invalid", RESERVED_MESSAGE, "author_name")


def approved_before(candidate: Candidate, *, other_than: int | None = None) -> bool:
    """WordPress' "comment author must have a previously approved comment": the same email
    *and* name, so knowing a regular's address is not enough to skip moderation."""
    earlier = Comment.objects.filter(
        author_email=candidate.author_email,
        author_name__iexact=candidate.author_name,
        status=CommentStatus.APPROVED,
    )
    if other_than is not None:
        earlier = earlier.exclude(pk=other_than)
    return earlier.exists()


def might_send_mail(comment: Comment, parent: Comment | None, rules: Rules) -> bool:
    """Whether a mail task is worth queueing (the task itself checks opt-outs and addresses)."""
    if comment.status == CommentStatus.SPAM:
        return False
    if comment.notify_replies and comment.author_email:
        return True  # the address may need its confirmation mail
    if comment.status == CommentStatus.PENDING:
        return rules.notify_moderators and bool(settings.MANAGERS)
    if comment.status != CommentStatus.APPROVED:
        return False
    replies = parent is not None and parent.notify_replies
    return replies or (rules.notify_article_author and _author_mail_due(comment))


def _author_mail_due(comment: Comment) -> bool:
    # The task's own test (notifications._article_mail), short of the opt-out list: a
    # post queues no task that could only find that nobody is to be told.
    author = comment.target.author  # the article's, or the page's (None: no query)
    if author is None or comment.is_author:
        return False
    email = author.email.lower()
    return bool(email) and email != comment.author_email


def _flood_keys(network: str, email: str) -> list[str]:
    # Hashed: a key must fit its column however long a valid address is.
    keys = [f"flood:email:{hashlib.sha256(email.encode()).hexdigest()}"] if email else []
    return [*keys, f"flood:ip:{network}"] if network else keys


def do_post_comment(
    comment: Comment,
    flood_keys: list[str],
    flood_seconds: int,
    *,
    notify: bool = True,
    parent_checked_before: bool = False,
) -> Comment:
    """Store the comment; its id comes from this INSERT, never from a later read.

    `parent_checked_before`: the parent was found shown before this transaction began,
    so look again (a moderator may have hidden it meanwhile).
    """
    with transaction.atomic():
        now = timezone.now()
        for key in flood_keys:
            if not spam.claim_flood_slot(key, flood_seconds, now):
                raise CommentRefused("flood", FLOOD_MESSAGE)
        if parent_checked_before and comment.parent_id is not None:
            shown = Comment.objects.filter(pk=comment.parent_id, status=CommentStatus.APPROVED)
            if not shown.exists():
                raise CommentRefused("invalid", NO_PARENT, "parent")
        try:
            # No savepoint: a refusal leaves this block by an exception, which rolls
            # back the whole of it (two statements fewer on every post).
            with transaction.atomic(savepoint=False):
                comment.created = now
                comment.save()  # also bumps the thread version
        except IntegrityError:
            raise CommentRefused("duplicate", DUPLICATE_MESSAGE, "body") from None
        if notify:
            queue_mail(comment.pk, "posted")
    on = "article" if comment.article_id is not None else "page"
    logger.info("comment %s on %s %s: %s", comment.pk, on, comment.target_id, comment.status)
    return comment


def queue_mail(comment_id: int, event: str) -> None:
    """Queue the mail a comment's event causes, inside the caller's transaction: the task
    is stored with the change, so a comment is never saved without its mail task."""
    from runwell.comments.notifications import send_comment_mail

    enqueue_with_transaction(send_comment_mail, comment_id, 1, event)


def idempotency_key(article_id: int, header: str) -> str:
    return hashlib.sha256(f"{article_id}\0{header}".encode()).hexdigest()


def first_answer(key: str, request_hash: str) -> tuple[int, str] | None:
    """The stored answer to an earlier POST with this Idempotency-Key, if there was one."""
    rows = IdempotentPost.objects.filter(key=key, created__gte=answers_since())
    found = rows.values_list("request_hash", "status", "answer").first()
    if found is None:
        return None
    if found[0] != request_hash:
        raise CommentRefused("key_reused", "This Idempotency-Key was used for another request.")
    return found[1], found[2]


def do_record_answer(key: str, request_hash: str, status: int, answer: str) -> None:
    """Keep the answer, in the comment's own transaction (call inside it)."""
    IdempotentPost.objects.filter(key=key, created__lt=answers_since()).delete()
    try:
        with transaction.atomic():
            IdempotentPost.objects.create(
                key=key, request_hash=request_hash, status=status, answer=answer
            )
    except IntegrityError:
        # Another request with this key got there first: this one must not be kept.
        raise CommentRefused(
            "conflict", "Another request with this Idempotency-Key is being handled."
        ) from None


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
