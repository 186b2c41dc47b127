"""Readers' new comments: the checks, the write, its mail task and its kept answer.

`check_new_comment` runs every check that only reads and renders the body;
`do_post_comment` writes it in one transaction (flood slots, the INSERT, the thread
version, the mail task). The comment API runs the first before it queues for SQLite's
write lock, the second inside it (api.py).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from runwell.articles.models import Article, Page
from runwell.comments import spam
from runwell.comments.conf import Rules, load_rules
from runwell.comments.idempotency import answers_since
from runwell.comments.models import (
    Comment,
    CommentStatus,
    IdempotentPost,
    on_target,
)
from runwell.comments.moderation import Candidate, decide_status
from runwell.comments.reserved import reserved_owners
from runwell.lib.net import truncate_ip
from runwell.lib.prepared import PreparedInsert
from runwell.lib.rawsql import loaded
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
_SHOWN = f"SELECT 1 FROM {Comment._meta.db_table} WHERE id = %s AND status = %s"  # noqa: S608
_PARENT_FIELDS = [
    f.attname
    for f in Comment._meta.concrete_fields
    if f.attname in {"id", "depth", "parent_id", "notify_replies"}
]
_PARENT_BY_ID = f"SELECT {', '.join(_PARENT_FIELDS)} FROM {Comment._meta.db_table} WHERE id = %s"  # noqa: S608
_PARENT_ON_ARTICLE = f"{_PARENT_BY_ID} AND status = %s AND article_id = %s"
_PARENT_ON_PAGE = f"{_PARENT_BY_ID} AND status = %s AND page_id = %s"


@dataclass
class ReadyComment:
    """A new comment past every check that only reads: what is left is the write."""

    comment: Comment
    flood_keys: list[str]
    flood_seconds: int
    notify: bool
    insert: PreparedInsert


def check_post_comment(new: NewComment, rules: Rules | None = None) -> Comment:
    """Validate a new comment against the discussion rules, then store it."""
    return do_post_ready(check_new_comment(new, rules or load_rules()))


def check_new_comment(new: NewComment, rules: Rules) -> ReadyComment:
    """Every check on a new comment that only reads, and its rendering.

    The comment API runs this before it queues for SQLite's write lock (api.py), so a
    post holds the lock only for its writes. What a concurrent writer could change is
    checked in the write itself (do_post_comment): flood slots, duplicates, and whether
    the parent is still shown.
    """
    if comments_closed(new.article, rules):
        on_page = isinstance(new.article, Page)
        raise CommentRefused("closed", CLOSED_ON_PAGE if on_page else CLOSED_MESSAGE)
    parent = None
    if new.parent_id is not None:
        parent = _replied_to(new.parent_id, new.article)
        if parent is None:
            raise CommentRefused("invalid", NO_PARENT, "parent")
        # Past the deepest level a reply joins its parent's level (as WordPress shows it).
        if parent.depth >= rules.thread_depth - 1 and parent.parent_id is not None:
            parent = _replied_to(parent.parent_id)
            if parent is None:  # only if the grandparent was erased this instant
                raise CommentRefused("invalid", NO_PARENT, "parent")
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
    # Rendered and compiled here, so the write lock is held for the statements only.
    insert = comment.prepare_insert()
    flood_keys = [] if is_staff or not rules.flood_seconds else _flood_keys(network, email)
    notify = might_send_mail(comment, parent, rules)
    return ReadyComment(comment, flood_keys, rules.flood_seconds, notify, insert)


def do_post_ready(ready: ReadyComment) -> Comment:
    """Store a comment check_new_comment passed (it may have waited for the write lock)."""
    return do_post_comment(
        ready.comment,
        ready.flood_keys,
        ready.flood_seconds,
        notify=ready.notify,
        parent_checked_before=True,
        insert=ready.insert,
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
    insert: PreparedInsert | None = None,
) -> Comment:
    """Store the comment; its id comes from this INSERT, never from a later read.

    `parent_checked_before`: the parent was found shown before this transaction began,
    so look again (a moderator may have hidden it meanwhile). `insert`: the comment's
    INSERT, prepared before the lock (Comment.prepare_insert); without it, built here.
    """
    with transaction.atomic():
        now = timezone.now()
        for key in flood_keys:
            if not spam.claim_flood_slot(key, flood_seconds, now):
                raise CommentRefused("flood", FLOOD_MESSAGE)
        if parent_checked_before and comment.parent_id and not shown(comment.parent_id):
            raise CommentRefused("invalid", NO_PARENT, "parent")
        try:
            # No savepoint: a refusal leaves this block by an exception, which rolls
            # back the whole of it (two statements fewer on every post).
            with transaction.atomic(savepoint=False):
                # Also bumps the thread version.
                comment.insert_prepared(insert or comment.prepare_insert(), now)
        except IntegrityError:
            raise CommentRefused("duplicate", DUPLICATE_MESSAGE, "body") from None
        if notify:
            queue_mail(comment.pk, "posted")
    on = "article" if comment.article_id is not None else "page"
    logger.info("comment %s on %s %s: %s", comment.pk, on, comment.target_id, comment.status)
    return comment


def _replied_to(comment_id: int, target: Article | Page | None = None) -> Comment | None:
    """The comment a reply goes under (only the fields a reply needs): the shown one on
    `target`, or, without a target, the one with this id (a checked parent's parent).

    A fixed statement, as a third of posts are replies and the ORM's query building cost
    more than the query (bench/hotspots.py).
    """
    params: list[int | str]
    if target is None:
        sql, params = _PARENT_BY_ID, [comment_id]
    else:
        on = _PARENT_ON_PAGE if isinstance(target, Page) else _PARENT_ON_ARTICLE
        sql, params = on, [comment_id, str(CommentStatus.APPROVED), target.pk]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    values = dict(zip(_PARENT_FIELDS, row, strict=True))
    values["notify_replies"] = bool(values["notify_replies"])  # SQLite answers 0 or 1
    return loaded(Comment, _PARENT_FIELDS, list(values.values()), connection.alias)


def shown(comment_id: int) -> bool:
    """The comment is approved (one fixed statement: posts run it holding the write lock)."""
    with connection.cursor() as cursor:
        cursor.execute(_SHOWN, [comment_id, CommentStatus.APPROVED])
        return cursor.fetchone() is not None


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
