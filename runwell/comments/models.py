"""Threaded comments under articles and pages."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import IntegrityError, connection, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from runwell.comments.rendering import render_comment, sanitize_comment_html
from runwell.lib.prepared import PreparedInsert
from runwell.lib.rates import validate_rate

if TYPE_CHECKING:
    from runwell.articles.models import Article, Page


class CommentStatus(models.TextChoices):
    APPROVED = "approved", _("Approved")
    PENDING = "pending", _("Awaiting moderation")
    SPAM = "spam", _("Spam")
    TRASH = "trash", _("Trash")


class CommentQuerySet(models.QuerySet["Comment"]):
    """Bulk writes bump the thread version of every thread they touch, as save() does.

    So no caller has to remember to: every way of changing comments through the ORM
    (save, delete, update, bulk_create) replaces the cached threads on the next read.
    Only raw SQL must still call bump_thread_version itself.
    """

    def update(self, **kwargs: Any) -> int:
        with transaction.atomic(savepoint=False):
            targets = set(self.values_list("article_id", "page_id"))
            count = super().update(**kwargs)
            bump_threads(targets)
        return count

    def delete(self) -> tuple[int, dict[str, int]]:
        with transaction.atomic(savepoint=False):
            targets = set(self.values_list("article_id", "page_id"))
            result = super().delete()
            bump_threads(targets)
        return result

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> list[Comment]:
        objs = list(objs)
        with transaction.atomic(savepoint=False):
            created = super().bulk_create(objs, *args, **kwargs)
            bump_threads({(obj.article_id, obj.page_id) for obj in objs})
        return created


def bump_threads(targets: Iterable[tuple[int | None, int | None]]) -> None:
    """Bump each (article_id, page_id) thread once: articles first, then pages, each in
    id order, so two writers never deadlock."""
    targets = set(targets)
    for article_id in sorted({a for a, _p in targets if a is not None}):
        bump_thread_version(article_id)
    for page_id in sorted({p for a, p in targets if a is None and p is not None}):
        bump_page_thread_version(page_id)


class Comment(models.Model):
    # A comment is on an article or on a page, never both (a constraint holds it).
    # Neither has an index of its own: the (article|page, status, created) indexes
    # below start with it and serve every lookup by it, and each index more is one
    # more B-tree every new comment writes while it holds the write lock.
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="comments",
        null=True,
        blank=True,
        db_index=False,
    )
    page = models.ForeignKey(
        "articles.Page",
        on_delete=models.CASCADE,
        related_name="comments",
        null=True,
        blank=True,
        db_index=False,
    )
    # The parent and the user are indexed only where set (Meta.indexes below): most
    # comments start a thread and are anonymous, and an index entry for their NULL
    # would be one more B-tree page each new comment writes while it holds the lock.
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        db_index=False,
    )
    # 0 for a top-level comment; kept so a thread renders from one ordered query.
    depth = models.PositiveSmallIntegerField(default=0)
    author_name = models.CharField(_("name"), max_length=100)
    # Never shown outside the admin: not in pages, feeds, API answers or exports.
    author_email = models.EmailField(_("email"), max_length=254, blank=True)
    author_url = models.URLField(_("website"), max_length=300, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        db_index=False,
    )
    is_author = models.BooleanField(_("by the author"), default=False)
    body = models.TextField(_("comment"))
    # Markdown for comments written here; sanitised HTML for imported ones.
    body_format = models.CharField(max_length=10, default="markdown", editable=False)
    body_html = models.TextField(_("rendered comment"), editable=False, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CommentStatus.choices,
        default=CommentStatus.PENDING,
        db_index=True,
    )
    # Truncated to the /24 (IPv4) or /48 (IPv6) network before it is stored.
    ip_network = models.CharField(_("IP network"), max_length=64, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)
    created = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    edited = models.DateTimeField(_("edited"), null=True, blank=True)
    is_removed = models.BooleanField(_("deleted by its author"), default=False)
    notify_replies = models.BooleanField(_("notify of replies"), default=False)
    # Hash of (article or page, email, text): a unique constraint on it makes duplicate
    # detection hold even when two identical posts arrive at the same instant.
    # Emptied when a comment is trashed or erased, so the text may be said again.
    fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    objects = CommentQuerySet.as_manager()

    # (body_format, body) as last rendered into body_html, so save() renders only a
    # changed body (the API renders before it queues to write).
    _rendered_from: tuple[str, str] | None = None

    class Meta:
        ordering = ["created", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        # Each index holds only the comments it can find (a lookup by a column implies
        # it is not NULL, so both databases use these for it): a comment on an article
        # writes nothing into the page's indexes, a top-level one nothing for parents.
        indexes = [
            models.Index(
                fields=["article", "status", "created"],
                condition=models.Q(article__isnull=False),
                name="comment_on_article",
            ),
            models.Index(
                fields=["page", "status", "created"],
                condition=models.Q(page__isnull=False),
                name="comment_on_page",
            ),
            models.Index(
                fields=["parent"], condition=models.Q(parent__isnull=False), name="comment_reply"
            ),
            models.Index(
                fields=["user"], condition=models.Q(user__isnull=False), name="comment_by_user"
            ),
            models.Index(fields=["author_email", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "fingerprint"],
                condition=models.Q(article__isnull=False) & ~models.Q(fingerprint=""),
                name="comment_unique_fingerprint",
            ),
            models.UniqueConstraint(
                fields=["page", "fingerprint"],
                condition=models.Q(page__isnull=False) & ~models.Q(fingerprint=""),
                name="comment_unique_fingerprint_on_page",
            ),
            models.CheckConstraint(
                condition=models.Q(article__isnull=False, page__isnull=True)
                | models.Q(article__isnull=True, page__isnull=False),
                name="comment_on_article_or_page",
            ),
        ]

    def __str__(self) -> str:
        if self.article_id is None:
            return f"{self.author_name} on page {self.page_id}"
        return f"{self.author_name} on {self.article_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._rendered_from != (self.body_format, self.body):
            self.render_body()
        # Any saved change invalidates every process' cached rendering of the thread.
        # savepoint=False: inside a caller's transaction this adds no statements, and
        # a failure still rolls back the caller's whole transaction.
        with transaction.atomic(savepoint=False):
            super().save(*args, **kwargs)
            self.bump_thread()

    def prepare_insert(self) -> PreparedInsert:
        """This new comment's INSERT, built now so that `insert_prepared` (inside the
        writing transaction) runs one statement and the version bump: what save() would
        write, with `created` given then."""
        if self._rendered_from != (self.body_format, self.body):
            self.render_body()
        return PreparedInsert(self, late=["created"])

    def insert_prepared(self, insert: PreparedInsert, created: datetime) -> None:
        if insert.obj is not self:
            raise ValueError("the prepared insert is another comment's")
        with transaction.atomic(savepoint=False):
            insert.run(created=created)
            self.bump_thread()

    def can_be_edited(self, minutes: int) -> bool:
        """Its author may still edit or delete it (the edit window, from the rules)."""
        return not self.is_removed and timezone.now() - self.created < timedelta(minutes=minutes)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        with transaction.atomic():
            result = super().delete(*args, **kwargs)
            self.bump_thread()
        return result

    @property
    def target(self) -> Article | Page:
        """What the comment is on: its article or its page (both have a title and a URL)."""
        target = self.article if self.article_id is not None else self.page
        assert target is not None  # the check constraint holds it
        return target

    @property
    def target_id(self) -> int:
        return self.article_id if self.article_id is not None else self.page_id  # type: ignore[return-value]

    def bump_thread(self) -> None:
        """Bump the version of this comment's thread (inside the writing transaction)."""
        if self.article_id is not None:
            bump_thread_version(self.article_id)
        elif self.page_id is not None:
            bump_page_thread_version(self.page_id)

    def render_body(self) -> None:
        """Fill body_html from body (every write does this; reads only ever send body_html)."""
        if self.body_format == "html":
            self.body_html = sanitize_comment_html(self.body)
        else:
            self.body_html = render_comment(self.body)
        self._rendered_from = (self.body_format, self.body)


def on_target(target: Article | Page) -> dict[str, Article | Page]:
    """The field a comment on `target` (an article or a page) is filed under, for
    Comment(**on_target(t)) and .filter(**on_target(t))."""
    return {target._meta.model_name or "article": target}


def bump_thread_version(article_id: int) -> None:
    """Mark an article's thread as changed (call inside the writing transaction).

    Comment.save() and delete() and the CommentQuerySet's bulk writes call it; only
    raw SQL that writes comments must call it itself.
    """
    _bump_version(ThreadVersion, "article_id", article_id)


def _bump_version(model: type[ThreadVersion | PageThreadVersion], key: str, value: int) -> None:
    # Every comment write runs this, so it skips the ORM's query building (measured:
    # a third of the cost of the ORM update); the statement is the same on both databases.
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {model._meta.db_table} SET version = version + 1, changed = %s "  # noqa: S608
            f"WHERE {key} = %s",
            [connection.ops.adapt_datetimefield_value(now), value],
        )
        if cursor.rowcount:
            return
    try:
        with transaction.atomic():
            model.objects.create(**{key: value, "version": 1, "changed": now})
    except IntegrityError:  # created meanwhile by another writer
        model.objects.filter(**{key: value}).update(version=F("version") + 1, changed=now)


class ThreadVersion(models.Model):
    """A counter per article that every comment write bumps in the same transaction.

    Rendered threads are cached under (article, version), so each worker process
    sees a new comment on its very next read, without any shared cache.
    """

    article = models.OneToOneField(
        "articles.Article", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    version = models.PositiveBigIntegerField(default=0)
    # When the version last moved: Last-Modified of the comment API and feeds.
    changed = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"thread {self.article_id} v{self.version}"


def bump_page_thread_version(page_id: int) -> None:
    """bump_thread_version for a page's thread."""
    _bump_version(PageThreadVersion, "page_id", page_id)


class PageThreadVersion(models.Model):
    """ThreadVersion for a page's thread: its own table, so the article paths' fixed
    statements (and their keys, the article ids) stay as they are."""

    page = models.OneToOneField(
        "articles.Page", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    version = models.PositiveBigIntegerField(default=0)
    changed = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"page thread {self.page_id} v{self.version}"


class Throttle(models.Model):
    """Shared counters for flood control and the per-IP rate limit.

    One row per key; the checks update it atomically (an UPDATE with a condition,
    then an INSERT guarded by the primary key), so they hold across processes.
    """

    key = models.CharField(max_length=200, primary_key=True)
    window_start = models.DateTimeField()
    hits = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return self.key


class ModerationMode(models.TextChoices):
    WORDPRESS = "wordpress", _("Hold first-time commenters, links and moderation words")
    NONE = "none", _("Approve everything that is not spam")
    ALL = "all", _("Hold every comment")


class DiscussionSettings(models.Model):
    """The site's discussion rules (one row); the RUNWELL_COMMENT_* variables override it."""

    moderation = models.CharField(
        _("moderation"),
        max_length=10,
        choices=ModerationMode.choices,
        default=ModerationMode.WORDPRESS,
    )
    max_links = models.PositiveSmallIntegerField(
        _("hold a comment with more than this many links"), default=2
    )
    moderation_words = models.TextField(
        _("moderation words"),
        blank=True,
        help_text=_(
            "One word, address or IP prefix a line; a match in the name, email, "
            "website, text or IP network holds the comment."
        ),
    )
    disallowed_words = models.TextField(
        _("disallowed words"),
        blank=True,
        help_text=_("Same format; a match marks the comment as spam."),
    )
    close_after_days = models.PositiveIntegerField(
        _("close comments on articles older than this many days"),
        default=0,
        help_text=_("0 keeps comments open."),
    )
    thread_depth = models.PositiveSmallIntegerField(_("nested comment levels"), default=5)
    edit_minutes = models.PositiveSmallIntegerField(
        _("minutes a commenter may edit or delete their comment"), default=15
    )
    flood_seconds = models.PositiveIntegerField(
        _("seconds between two comments from one address or email"), default=15
    )
    rate_limit = models.CharField(
        _("comments per IP network"),
        max_length=20,
        default="10/m",
        help_text=_("Such as 10/m or 100/h; 0 turns it off."),
        validators=[validate_rate],
    )
    min_seconds = models.PositiveSmallIntegerField(
        _("minimum seconds to fill in the form"), default=3
    )
    notify_moderators = models.BooleanField(_("email moderators about held comments"), default=True)
    notify_article_author = models.BooleanField(
        _("email the article's author about new comments"), default=True
    )

    class Meta:
        verbose_name = _("Discussion settings")
        verbose_name_plural = _("Discussion settings")

    def __str__(self) -> str:
        return str(_("Discussion settings"))


class MailOptOut(models.Model):
    """An address that clicked "unsubscribe" on a comment notification of this kind."""

    class Kind(models.TextChoices):
        REPLIES = "replies", _("Replies to my comments")
        ARTICLE = "article", _("Comments on my articles")
        MODERATION = "moderation", _("Comments awaiting moderation")

    email = models.EmailField(max_length=254)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["email", "kind"], name="mail_opt_out_once")]

    def __str__(self) -> str:
        return f"opt-out {self.kind}"


class ConfirmedAddress(models.Model):
    """An address whose owner confirmed, from a mailed link, that they want reply mail.

    Ticking "notify me of replies" is not enough: anyone can type anyone's address. Until
    the owner confirms (the first mail to an address asks them to), no reply mail goes to it.
    """

    email = models.EmailField(max_length=254, unique=True)
    confirmed = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("confirmed address")
        verbose_name_plural = _("confirmed addresses")

    def __str__(self) -> str:
        return "confirmed address"


class SentMail(models.Model):
    """The ledger of mail the worker has sent, or begun to send, one row per mail.

    A mail's row is written (committed) before it is handed to the mail server, so a task
    that runs again — a retry, or a task reclaimed from a worker that died mid-send —
    skips every mail already sent or begun: nobody gets the same mail twice. A row left
    unsent means the outcome is unknown, and the mail is not tried again.
    """

    key = models.CharField(max_length=64, primary_key=True)  # sha256 of what the mail is
    sent = models.BooleanField(default=False)
    created = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"mail {self.key[:12]}"


class IdempotentPost(models.Model):
    """The first answer to a comment POST made with an Idempotency-Key header.

    A client whose connection dropped after its comment was saved sends the same request
    again with the same key, and gets this answer instead of a refusal as a duplicate.
    """

    key = models.CharField(max_length=64, primary_key=True)  # sha256 of article and key
    request_hash = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    answer = models.TextField()
    created = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"idempotent post {self.key[:12]}"
