"""Reply and moderation emails, sent after the commit by the background worker.

A post never waits for, or fails because of, the mail server: the web process
only enqueues a task (`runwell serve` runs `runwell db_worker` beside gunicorn).
A failed send is logged and tried again later, a few times, with growing delays.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone
from django_tasks import task, task_backends

from runwell.comments.conf import load_rules
from runwell.comments.models import Comment, CommentStatus, MailOptOut

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "runwell.comments.unsubscribe"
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


def _opted_out(email: str, kind: str) -> bool:
    return MailOptOut.objects.filter(email__iexact=email, kind=kind).exists()


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


def build_messages(comment: Comment) -> list[EmailMessage]:
    """The emails one comment causes (possibly none)."""
    rules = load_rules()
    article = comment.article
    link = f"{settings.SITE_URL}{article.get_absolute_url()}#comment-{comment.pk}"
    messages: list[EmailMessage] = []
    if comment.status == CommentStatus.PENDING and rules.notify_moderators:
        admin = f"{settings.SITE_URL}{reverse('admin:comments_comment_change', args=[comment.pk])}"
        for _name, address in settings.MANAGERS:
            if not _opted_out(address, MailOptOut.Kind.MODERATION):
                messages.append(
                    _message(
                        address,
                        MailOptOut.Kind.MODERATION,
                        f"Please moderate: “{article.title}”",
                        f"A new comment by {comment.author_name} on “{article.title}” is "
                        f"waiting for your approval.\n\n{comment.body}\n\nModerate it: {admin}",
                    )
                )
        return messages
    if comment.status != CommentStatus.APPROVED:
        return messages
    sent_to: set[str] = {comment.author_email}
    parent = comment.parent
    if (
        parent is not None
        and parent.notify_replies
        and parent.author_email
        and parent.author_email not in sent_to
        and not _opted_out(parent.author_email, MailOptOut.Kind.REPLIES)
    ):
        sent_to.add(parent.author_email)
        messages.append(
            _message(
                parent.author_email,
                MailOptOut.Kind.REPLIES,
                f"New reply to your comment on “{article.title}”",
                f"{comment.author_name} replied to your comment:\n\n{comment.body}\n\n"
                f"Read it: {link}",
            )
        )
    author_email = (article.author.email if article.author else "").lower()
    if (
        rules.notify_article_author
        and author_email
        and author_email not in sent_to
        and not comment.is_author
        and not _opted_out(author_email, MailOptOut.Kind.ARTICLE)
    ):
        messages.append(
            _message(
                author_email,
                MailOptOut.Kind.ARTICLE,
                f"New comment on “{article.title}”",
                f"{comment.author_name} wrote:\n\n{comment.body}\n\nRead it: {link}",
            )
        )
    return messages


@task()
def send_comment_mail(comment_id: int, attempt: int = 1, skip: int = 0) -> int:
    """Send a comment's emails; `skip` leaves out those an earlier attempt sent."""
    comment = (
        Comment.objects.select_related("article__author", "parent").filter(pk=comment_id).first()
    )
    if comment is None:
        return 0
    messages = build_messages(comment)[skip:]
    sent = 0
    try:
        for message in messages:
            message.send()
            sent += 1
    except Exception:
        logger.exception("sending mail for comment %s failed (attempt %s)", comment_id, attempt)
        _retry(comment_id, attempt, skip + sent)
        return sent
    return sent


def _retry(comment_id: int, attempt: int, skip: int) -> None:
    if attempt >= MAX_ATTEMPTS:
        logger.error("giving up on mail for comment %s after %s attempts", comment_id, attempt)
        return
    backend = task_backends["default"]
    if backend.supports_defer:
        delay = timedelta(minutes=2**attempt)
        send_comment_mail.using(run_after=timezone.now() + delay).enqueue(
            comment_id, attempt + 1, skip
        )
    else:
        # The immediate backend (tests, small installs) retries at once.
        send_comment_mail.enqueue(comment_id, attempt + 1, skip)


def schedule_notifications(comment_id: int) -> None:
    try:
        send_comment_mail.enqueue(comment_id)
    except Exception:
        logger.exception("could not queue mail for comment %s", comment_id)


# Approving a held comment sends what a directly approved one would have sent.
schedule_reply_notifications = schedule_notifications
