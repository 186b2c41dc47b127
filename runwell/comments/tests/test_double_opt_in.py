"""Knowing a regular's email address gives no one their standing (issue 13, point 2).

Before, "approved before" matched the email alone, so anyone who knew a regular's
address posted unmoderated under any name and subscribed that address to reply mail,
which then carried their text in the site's own mail.
"""

import re

import pytest
from django.core import mail
from django.test import Client

from runwell.comments.models import CommentStatus, ConfirmedAddress
from runwell.testing.factories import make_comment, post_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def regular(article):
    return make_comment(article, author_name="Priya", author_email="priya@example.org")


def test_the_same_email_under_another_name_is_held(article, regular):
    comment = post_comment(article, author_name="Not Priya", author_email="priya@example.org")
    assert comment.status == CommentStatus.PENDING


def test_the_same_email_and_name_is_approved_as_wordpress_does(article, regular):
    comment = post_comment(article, author_name="priya", author_email="PRIYA@example.org")
    assert comment.status == CommentStatus.APPROVED


def test_asking_for_reply_mail_sends_only_a_confirmation_link_first(
    article, regular, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(
            article, author_name="Priya", author_email="priya@example.org",
            body="Buy pills at spam.example", notify_replies=True,
        )  # fmt: skip
    to_priya = [m for m in mail.outbox if m.to == ["priya@example.org"]]
    assert len(to_priya) == 1
    assert to_priya[0].subject == "Please confirm your email address"
    assert "/comments/confirm/" in to_priya[0].body
    assert "spam.example" not in to_priya[0].body  # none of the commenter's words


def test_no_reply_mail_reaches_an_unconfirmed_address(article, django_capture_on_commit_callbacks):
    parent = make_comment(article, author_email="victim@example.org", notify_replies=True)
    make_comment(article, author_name="Sam", author_email="sam@example.org", body="earlier")
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(article, parent_id=parent.pk, body="attacker text")
    assert all(m.to != ["victim@example.org"] for m in mail.outbox)


def test_one_confirmation_request_a_day_per_address(article, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            post_comment(article, author_email="victim@example.org", body=f"n{n}",
                         notify_replies=True)  # fmt: skip
    to_victim = [m for m in mail.outbox if m.to == ["victim@example.org"]]
    assert len(to_victim) == 1


def test_the_confirmation_link_asks_then_confirms(
    client: Client, article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(article, author_email="new@example.org", notify_replies=True)
    link = re.search(r"https?://[^/]+(/comments/confirm/\S+/)", str(mail.outbox[-1].body))
    assert link
    page = client.get(link.group(1))
    assert page.status_code == 200 and b"Confirm my address" in page.content
    assert not ConfirmedAddress.objects.exists()  # a scanner's visit confirms nothing
    assert client.post(link.group(1)).status_code == 200
    assert ConfirmedAddress.objects.filter(email="new@example.org").exists()


def test_once_confirmed_replies_are_mailed(article, django_capture_on_commit_callbacks):
    ConfirmedAddress.objects.create(email="priya@example.org")
    parent = make_comment(article, author_email="priya@example.org", notify_replies=True)
    make_comment(article, author_name="Sam", author_email="sam@example.org", body="earlier")
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(article, parent_id=parent.pk, body="a reply")
    assert any(m.to == ["priya@example.org"] and "a reply" in m.body for m in mail.outbox)


def test_a_forged_or_old_confirmation_link_is_refused(client: Client):
    assert client.get("/comments/confirm/forged/").status_code == 400
    assert client.post("/comments/confirm/forged/").status_code == 400


def test_confirm_allows_only_get_and_post(client: Client):
    assert client.put("/comments/confirm/x/").status_code == 405
