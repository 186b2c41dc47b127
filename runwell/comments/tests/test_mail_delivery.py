"""Mail is queued with the comment and sent at most once (issue 13, point 14 b and c).

Before, the mail task was queued after the commit, so a comment could get its 201 and
never its mail (the failure was only logged); and a task run again after its worker
died resent what had already gone out.
"""

import pytest
from django.core import mail
from django.db import DatabaseError, transaction
from django_tasks_db.models import DBTaskResult

from runwell.comments.models import Comment, SentMail
from runwell.comments.notifications import build_mails, send_comment_mail
from runwell.testing.factories import post_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_the_mail_task_is_stored_in_the_comments_own_transaction(article, database_queue):
    # Nothing here commits (the test runs inside one transaction), and the task is there.
    comment = post_comment(article)
    task = DBTaskResult.objects.get()
    assert task.task_path == "runwell.comments.notifications.send_comment_mail"
    assert task.args_kwargs["args"] == [comment.pk, 1, "posted"]


def test_a_comment_that_is_rolled_back_leaves_no_task(article, database_queue):
    with pytest.raises(RuntimeError), transaction.atomic():
        post_comment(article)
        raise RuntimeError("the request failed after the insert")
    assert not Comment.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_a_comment_whose_task_cannot_be_stored_is_not_stored_either(
    article, database_queue, monkeypatch
):
    def broken(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(DBTaskResult.objects, "create", broken)
    with pytest.raises(DatabaseError):
        post_comment(article)
    assert not Comment.objects.exists()


def test_running_a_task_again_sends_nothing_twice(article):
    comment = post_comment(article)  # held: the moderators are told
    assert send_comment_mail.call(comment.pk) == 1
    assert send_comment_mail.call(comment.pk) == 0
    assert [m.to for m in mail.outbox] == [["mods@example.org"]]
    assert SentMail.objects.filter(sent=True).count() == 1


def test_a_mail_begun_by_a_worker_that_died_is_not_sent_again(article):
    comment = post_comment(article)
    # The worker wrote the ledger row, then died before the mail server answered.
    SentMail.objects.create(key=build_mails(comment)[0].key)
    assert send_comment_mail.call(comment.pk) == 0
    assert mail.outbox == []


def test_a_failed_send_gives_its_row_back_for_the_retry(article, monkeypatch):
    comment = post_comment(article)
    calls = []

    def flaky(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise ConnectionResetError("hiccup")
        return 1

    monkeypatch.setattr("django.core.mail.EmailMessage.send", flaky)
    send_comment_mail.call(comment.pk)  # fails, then the immediate queue retries at once
    assert len(calls) == 2
    assert SentMail.objects.filter(sent=True).count() == 1
