"""Deleting an account leaves nothing personal behind (issue 13, point 8), checked by
reading the database afterwards.

Before, comments posted while logged in kept the email, name, network and reply-mail
wish, and django-axes kept the user name with full addresses and browsers for ever.
"""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessLog
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from runwell.comments.models import Comment, ConfirmedAddress
from runwell.testing.factories import PASSWORD, make_comment, post_comment

pytestmark = pytest.mark.django_db


def _rows(sql: str, *params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@pytest.fixture
def lockout_on(settings):
    settings.AXES_ENABLED = True


def test_deleting_an_account_anonymises_its_comments(client: Client, runner, article):
    mine = post_comment(
        article, user=runner, author_name="Rosa Runner", author_email="rosa@example.org",
        author_url="https://rosa.example", notify_replies=True, ip="198.51.100.7",
        user_agent="Firefox/140", body="My knees hurt",
    )  # fmt: skip
    ConfirmedAddress.objects.create(email="rosa@example.org")
    reply = make_comment(article, parent=mine, body="Try rest")
    client.force_login(runner)
    assert client.post("/accounts/delete/", {"password": PASSWORD}).status_code == 302
    row = _rows(
        "SELECT author_name, author_email, author_url, ip_network, user_agent, notify_replies,"
        " user_id, body FROM comments_comment WHERE id = %s", mine.pk,
    )  # fmt: skip
    assert row == [("Anonymous", "", "", "", "", False, None, "My knees hurt")]
    assert not ConfirmedAddress.objects.exists()
    assert Comment.objects.filter(pk=reply.pk).exists()  # the thread still makes sense
    dump = str(_rows("SELECT * FROM comments_comment"))
    for trace in ("rosa@example.org", "Rosa Runner", "198.51.100", "Firefox", "rosa.example"):
        assert trace not in dump


def test_deleting_an_account_erases_its_log_in_records(lockout_on, runner):
    other = Client()
    other.post("/accounts/login/", {"username": "rosa", "password": "wrong"},
               REMOTE_ADDR="203.0.113.9")  # fmt: skip
    client = Client()
    client.post("/accounts/login/", {"username": "rosa", "password": PASSWORD})
    assert AccessLog.objects.filter(username="rosa").exists()
    assert AccessAttempt.objects.filter(username="rosa", ip_address="203.0.113.9").exists()
    client.post("/accounts/delete/", {"password": PASSWORD})
    for table in ("axes_accessattempt", "axes_accesslog", "axes_accessfailurelog"):
        assert _rows(f"SELECT COUNT(*) FROM {table} WHERE username = %s", "rosa") == [(0,)]  # noqa: S608


def test_the_data_export_holds_the_accounts_log_ins(lockout_on, runner):
    client = Client()
    client.post("/accounts/login/", {"username": "rosa", "password": PASSWORD})
    data = client.get("/accounts/export/").json()
    assert [entry["ip_address"] for entry in data["sign_ins"]] == ["127.0.0.1"]


def test_log_in_records_are_forgotten_after_the_retention_period(lockout_on, settings, runner):
    settings.SECURITY_LOG_DAYS = 30
    Client().post("/accounts/login/", {"username": "rosa", "password": PASSWORD})
    Client().post("/accounts/login/", {"username": "rosa", "password": "wrong"})
    Client().post("/accounts/login/", {"username": "nobody", "password": "wrong"})
    assert AccessAttempt.objects.count() == 2
    old = timezone.now() - timedelta(days=31)
    AccessAttempt.objects.filter(username="rosa").update(attempt_time=old)
    AccessLog.objects.filter(username="rosa").update(attempt_time=old)
    call_command("housekeeping", verbosity=0)
    assert _rows("SELECT username FROM axes_accessattempt") == [("nobody",)]
    assert _rows("SELECT username FROM axes_accesslog") == []


def test_the_housekeeping_command_reports_each_job(capsys, db):
    call_command("housekeeping")
    out = capsys.readouterr().out
    for job in ("security log", "stale tasks", "unfinished sign-ups", "idempotent answers"):
        assert f"{job}: " in out
