"""Reply notifications and moderators' emails, sent after the commit."""

import logging
from urllib.parse import urlsplit

import pytest
from django.core import mail

from runwell.comments.models import Comment, CommentStatus, ConfirmedAddress, MailOptOut
from runwell.testing.factories import make_comment, post_comment

pytestmark = pytest.mark.django_db
FORM = "application/x-www-form-urlencoded"


@pytest.fixture(autouse=True)
def priya_confirmed(db):
    """Priya asked for reply mail and confirmed her address (see test_double_opt_in.py)."""
    ConfirmedAddress.objects.create(email="priya@example.org")


def test_the_parent_author_and_the_article_author_hear_of_a_reply(
    article, django_capture_on_commit_callbacks
):
    parent = make_comment(article, notify_replies=True, author_email="priya@example.org")
    make_comment(article, author_name="Sam", author_email="sam@example.org", body="earlier")
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(article, parent_id=parent.pk, body="Try hills slowly")
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["editor@example.org", "priya@example.org"]
    reply_mail = next(m for m in mail.outbox if m.to == ["priya@example.org"])
    assert "Try hills slowly" in reply_mail.body
    assert "/comments/unsubscribe/" in reply_mail.body
    assert "List-Unsubscribe" in reply_mail.extra_headers


def test_no_mail_is_sent_before_the_commit(article, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post_comment(article)
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_moderators_hear_of_each_held_comment(article, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        comment = post_comment(article)
    assert comment.status == CommentStatus.PENDING
    assert [m.to for m in mail.outbox] == [["mods@example.org"]]
    assert "Please moderate" in mail.outbox[0].subject


def test_one_click_unsubscribe_stops_the_mail(client, article, django_capture_on_commit_callbacks):
    parent = make_comment(article, notify_replies=True, author_email="priya@example.org")
    make_comment(article, author_name="Sam", author_email="sam@example.org", body="earlier")
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(article, parent_id=parent.pk, body="first reply")
    link = (
        next(m for m in mail.outbox if m.to == ["priya@example.org"])
        .extra_headers["List-Unsubscribe"]
        .strip("<>")
    )
    path = urlsplit(link).path
    answer = client.post(path, "List-Unsubscribe=One-Click", content_type=FORM)  # RFC 8058
    assert answer.status_code == 200
    assert "Unsubscribed" in answer.content.decode()
    assert "priya@example.org" not in answer.content.decode()
    assert MailOptOut.objects.filter(email="priya@example.org", kind="replies").exists()
    assert client.post(path).status_code == 200  # a second click is fine
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(article, parent_id=parent.pk, body="second reply")
    assert [m.to for m in mail.outbox] == [["editor@example.org"]]


def test_a_forged_unsubscribe_link_is_refused(client):
    assert client.get("/comments/unsubscribe/forged/").status_code == 400


def test_a_mail_failure_is_logged_and_retried_and_never_fails_the_post(
    article, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    calls = []

    def broken(self, *a, **kw):
        calls.append(1)
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken)
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        comment = post_comment(article)
    assert Comment.objects.filter(pk=comment.pk).exists()
    assert len(calls) == 5  # tried, then retried up to the limit
    assert "giving up on mail" in caplog.text


def test_no_task_is_queued_when_nobody_would_get_mail(
    article, settings, django_capture_on_commit_callbacks
):
    settings.COMMENT_MODERATION = "none"
    article.author = None
    article.save()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post_comment(article)
    assert callbacks == []


@pytest.mark.parametrize("why", ["the author has no address", "the author wrote it"])
def test_no_task_is_queued_when_the_article_author_is_the_only_one_who_might_be_told(
    article, settings, django_capture_on_commit_callbacks, why
):
    settings.COMMENT_MODERATION = "none"
    if why == "the author has no address":
        article.author.email = ""
        article.author.save()
    fields = (
        {"author_email": article.author.email.upper()} if why != "the author has no address" else {}
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post_comment(article, **fields)
    assert callbacks == []


def test_the_article_author_with_an_address_is_told_of_a_new_comment(
    article, settings, django_capture_on_commit_callbacks
):
    settings.COMMENT_MODERATION = "none"
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(article)
    assert [m.to for m in mail.outbox] == [[article.author.email]]


def test_a_retry_does_not_resend_what_already_went_out(
    article, django_capture_on_commit_callbacks, monkeypatch
):
    parent = make_comment(article, notify_replies=True, author_email="priya@example.org")
    make_comment(article, author_name="Sam", author_email="sam@example.org", body="earlier")
    sent_to = []
    failures = iter([False, True, False])  # the second message fails once

    def flaky(self, *a, **kw):
        if next(failures):
            raise ConnectionResetError("hiccup")
        sent_to.append(self.to[0])
        return 1

    monkeypatch.setattr("django.core.mail.EmailMessage.send", flaky)
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(article, parent_id=parent.pk, body="reply")
    assert sorted(sent_to) == ["editor@example.org", "priya@example.org"]
