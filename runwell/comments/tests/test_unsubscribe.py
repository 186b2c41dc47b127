"""Unsubscribing takes a deliberate POST (issue 13, point 12).

Before, a plain GET of the link opted the address out, so a mail scanner that opens
every link in a message unsubscribed people who never asked to be.
"""

import pytest
from django.core import mail
from django.test import Client

from runwell.comments.models import MailOptOut
from runwell.comments.notifications import unsubscribe_token
from runwell.testing.factories import make_comment, post_comment

pytestmark = pytest.mark.django_db
FORM = "application/x-www-form-urlencoded"


def _path(email="priya@example.org", kind="replies"):
    return f"/comments/unsubscribe/{unsubscribe_token(email, kind)}/"


def test_opening_the_link_asks_and_opts_nobody_out(client: Client):
    answer = client.get(_path())
    assert answer.status_code == 200
    html = answer.content.decode()
    assert "Unsubscribe?" in html
    assert '<form method="post">' in html
    assert "priya@example.org" not in html
    assert not MailOptOut.objects.exists()


def test_the_pages_button_opts_out(client: Client):
    answer = client.post(_path())
    assert answer.status_code == 200
    assert "Unsubscribed" in answer.content.decode()
    assert MailOptOut.objects.filter(email="priya@example.org", kind="replies").exists()


def test_a_mail_clients_one_click_post_needs_no_session_or_csrf_token():
    client = Client(enforce_csrf_checks=True)
    answer = client.post(_path(kind="article"), "List-Unsubscribe=One-Click", content_type=FORM)
    assert answer.status_code == 200
    assert MailOptOut.objects.filter(email="priya@example.org", kind="article").exists()


def test_every_comment_mail_offers_one_click_unsubscribe(
    article, settings, django_capture_on_commit_callbacks
):
    settings.COMMENT_MODERATION = "none"
    make_comment(article)
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(article, body="a new one")
    assert mail.outbox
    for message in mail.outbox:
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message.extra_headers["List-Unsubscribe"].startswith("<http")


def test_a_forged_link_is_refused_either_way(client: Client):
    assert client.get("/comments/unsubscribe/forged/").status_code == 400
    assert client.post("/comments/unsubscribe/forged/").status_code == 400
    assert not MailOptOut.objects.exists()


def test_unsubscribe_allows_only_get_and_post(client: Client):
    assert client.put(_path()).status_code == 405
    assert client.delete(_path()).status_code == 405
