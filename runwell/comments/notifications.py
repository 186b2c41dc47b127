"""Reply, moderation and confirmation emails, sent by the background worker.

A post never waits for, or fails because of, the mail server: the comment's transaction
stores a task (actions.queue_mail) and `runwell worker` sends it. A failed send is
logged and tried again later, a few times, with growing delays.

Every mail has a key in the SentMail ledger, written before the mail is handed over, so
a task that runs again (a retry, or one reclaimed from a worker that died) never sends
the same mail twice. Reply mail goes only to an address whose owner confirmed it from a
mailed link (double opt-in); the first mail to such an address is that confirmation,
and it carries none of the commenter's words.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task, task_backends

from runwell.comments.conf import load_rules
from runwell.comments.models import (
    Comment,
    CommentStatus,
    ConfirmedAddress,
    MailOptOut,
    SentMail,
)

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "runwell.comments.unsubscribe"
CONFIRM_SALT = "runwell.comments.confirm-address"
CONFIRM_MAX_AGE = 7 * 86400
MAX_ATTEMPTS = 5


def unsubscribe_token(email: str, kind: str) -> str:
    return signing.dumps({"e": email.lower(), "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[str, str] | None:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("k") not in MailOptOut.Kind.values:
        return None
    return str(data["e"]), str(data["k"])


def unsubscribe_url(email: str, kind: str) -> str:
    path = reverse("comments:unsubscribe", args=[unsubscribe_token(email, kind)])
    return f"{settings.SITE_URL}{path}"


def read_confirm_token(token: str) -> str | None:
    try:
        email = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None
    return email if isinstance(email, str) else None


def confirm_url(email: str) -> str:
    token = signing.dumps(email.lower(), salt=CONFIRM_SALT, compress=True)
    return f"{settings.SITE_URL}{reverse('comments:confirm', args=[token])}"


@dataclass(frozen=True)
class Mail:
    key: str  # what this mail is, for the ledger: the same mail always has the same key
    message: EmailMessage


def _ledger_key(*parts: object) -> str:
    return hashlib.sha256("\0".join(str(p) for p in parts).encode()).hexdigest()


def _opted_out(email: str, kind: str) -> bool:
    return MailOptOut.objects.filter(email__iexact=email, kind=kind).exists()


def _confirmed(email: str) -> bool:
    return ConfirmedAddress.objects.filter(email__iexact=email).exists()


def _message(to: str, kind: str, subject: str, text: str) -> EmailMessage:
    link = unsubscribe_url(to, kind)
    body = f"{text}\n\n--\nStop these emails with one click: {link}\n"
    return EmailMessage(
        subject=subject,
        body=body,
        to=[to],
        headers={
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def _moderation_mails(comment: Comment, event: str) -> list[Mail]:
    article = comment.target
    admin = f"{settings.SITE_URL}{reverse('admin:comments_comment_change', args=[comment.pk])}"
    what = "An edited comment" if event.startswith("edited") else "A new comment"
    return [
        Mail(
            _ledger_key("moderation", comment.pk, event, address),
            _message(
                address,
                MailOptOut.Kind.MODERATION,
                f"Please moderate: “{article.title}”",
                f"{what} by {comment.author_name} on “{article.title}” is waiting for your "
                f"approval.\n\n{comment.body}\n\nModerate it: {admin}",
            ),
        )
        for _name, address in settings.MANAGERS
        if not _opted_out(address, MailOptOut.Kind.MODERATION)
    ]


def _reply_mail(comment: Comment, link: str) -> Mail | None:
    parent = comment.parent
    if parent is None or not parent.notify_replies or not parent.author_email:
        return None
    email = parent.author_email
    if email == comment.author_email or not _confirmed(email):
        return None
    if _opted_out(email, MailOptOut.Kind.REPLIES):
        return None
    title = comment.target.title
    return Mail(
        _ledger_key("reply", comment.pk, email.lower()),
        _message(
            email,
            MailOptOut.Kind.REPLIES,
            f"New reply to your comment on “{title}”",
            f"{comment.author_name} replied to your comment:\n\n{comment.body}\n\nRead it: {link}",
        ),
    )


def _article_mail(comment: Comment, link: str, skip: set[str]) -> Mail | None:
    article = comment.target
    email = (article.author.email if article.author else "").lower()
    if not email or email in skip or comment.is_author:
        return None
    if _opted_out(email, MailOptOut.Kind.ARTICLE):
        return None
    return Mail(
        _ledger_key("article", comment.pk, email),
        _message(
            email,
            MailOptOut.Kind.ARTICLE,
            f"New comment on “{article.title}”",
            f"{comment.author_name} wrote:\n\n{comment.body}\n\nRead it: {link}",
        ),
    )


def _confirmation_mail(comment: Comment) -> Mail | None:
    """The first mail to an address that asked for reply mail: a link, and no words of
    the comment's, so typing someone else's address sends them nothing anyone wrote."""
    email = comment.author_email
    if not comment.notify_replies or not email or comment.status == CommentStatus.SPAM:
        return None
    if _confirmed(email) or _opted_out(email, MailOptOut.Kind.REPLIES):
        return None
    text = (
        f"Someone, hopefully you, commented on “{comment.target.title}” on "
        f"{settings.SITE_NAME} and asked to be told by email when somebody replies.\n\n"
        f"To get those emails, confirm this address:\n{confirm_url(email)}\n\n"
        "If it was not you, ignore this mail: without the confirmation we send you nothing."
    )
    # Keyed by day: at most one confirmation request per address per day.
    return Mail(
        _ledger_key("confirm", email.lower(), timezone.now().date()),
        _message(email, MailOptOut.Kind.REPLIES, "Please confirm your email address", text),
    )


def build_mails(comment: Comment, event: str = "posted") -> list[Mail]:
    """The emails one event of a comment causes (possibly none)."""
    rules = load_rules()
    mails: list[Mail] = []
    if comment.status == CommentStatus.PENDING and rules.notify_moderators:
        mails += _moderation_mails(comment, event)
    if comment.status == CommentStatus.APPROVED:
        link = f"{settings.SITE_URL}{comment.target.get_absolute_url()}#comment-{comment.pk}"
        reply = _reply_mail(comment, link)
        skip = {comment.author_email, *(reply.message.to if reply else [])}
        article = _article_mail(comment, link, skip) if rules.notify_article_author else None
        mails += [m for m in (reply, article) if m is not None]
    confirmation = _confirmation_mail(comment)
    return [*mails, confirmation] if confirmation else mails


def _claim(key: str) -> bool:
    """Write the ledger row (committed at once in the worker): False if it was there."""
    try:
        with transaction.atomic():
            SentMail.objects.create(key=key)
    except IntegrityError:
        return False
    return True


@task()
def send_comment_mail(comment_id: int, attempt: int = 1, event: str = "posted") -> int:
    """Send what a comment's event causes, skipping every mail the ledger already holds."""
    comment = (
        Comment.objects.select_related("article__author", "page__author", "parent")
        .filter(pk=comment_id)
        .first()
    )
    if comment is None:
        return 0
    sent = 0
    for mail in build_mails(comment, event):
        if not _claim(mail.key):
            continue  # sent (or begun) by an earlier run
        try:
            mail.message.send()
        except Exception:
            SentMail.objects.filter(key=mail.key).delete()  # never sent: a retry may send it
            logger.exception("sending mail for comment %s failed (attempt %s)", comment_id, attempt)
            _retry(comment_id, attempt, event)
            return sent
        SentMail.objects.filter(key=mail.key).update(sent=True)
        sent += 1
    return sent


def _retry(comment_id: int, attempt: int, event: str) -> None:
    if attempt >= MAX_ATTEMPTS:
        logger.error("giving up on mail for comment %s after %s attempts", comment_id, attempt)
        return
    backend = task_backends["default"]
    if backend.supports_defer:
        delay = timedelta(minutes=2**attempt)
        send_comment_mail.using(run_after=timezone.now() + delay).enqueue(
            comment_id, attempt + 1, event
        )
    else:
        # The immediate backend (tests, small installs) retries at once.
        send_comment_mail.enqueue(comment_id, attempt + 1, event)


def purge_ledger(days: int = 30) -> int:
    """Forget ledger rows once no task can still be running for them."""
    cutoff = timezone.now() - timedelta(days=days)
    return SentMail.objects.filter(created__lt=cutoff).delete()[0]
