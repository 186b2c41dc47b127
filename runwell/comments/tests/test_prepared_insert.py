"""A new comment's INSERT is built before the write lock and run inside it
(Comment.prepare_insert, runwell.lib.prepared)."""

from datetime import timedelta
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models.functions import Now
from django.db.models.sql.compiler import SQLInsertCompiler
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from runwell.comments import actions
from runwell.comments.conf import load_rules
from runwell.comments.models import Comment, CommentStatus, ThreadVersion
from runwell.lib.prepared import PreparedInsert
from runwell.testing.factories import make_comment

pytestmark = pytest.mark.django_db

_SKIP = {"id", "body", "body_html", "created", "fingerprint"}


def _new(article, **fields) -> Comment:
    data = {
        "article": article,
        "author_name": "Priya",
        "author_email": "priya@example.org",
        "author_url": "https://priya.example.org/",
        "body": "Hills *hurt*.",
        "status": CommentStatus.PENDING,
        "ip_network": "203.0.113.0",
        "user_agent": "Firefox",
        "notify_replies": True,
        "fingerprint": "abc",
        **fields,
    }
    return Comment(**data)


def _stored(comment_id: int) -> dict[str, Any]:
    return dict(Comment.objects.filter(pk=comment_id).values().get())


def test_a_prepared_insert_stores_what_save_would(article):
    saved = _new(article, fingerprint="one")
    saved.save()
    prepared = _new(article, fingerprint="two")
    insert = prepared.prepare_insert()
    with transaction.atomic():
        prepared.insert_prepared(insert, timezone.now())
    mine, theirs = _stored(prepared.pk), _stored(saved.pk)
    assert {k: v for k, v in mine.items() if k not in _SKIP} == {
        k: v for k, v in theirs.items() if k not in _SKIP
    }
    assert mine["body_html"] == theirs["body_html"]
    assert "<em>hurt</em>" in mine["body_html"]


def test_the_time_given_inside_the_transaction_is_the_one_stored(article):
    comment = _new(article)
    insert = comment.prepare_insert()
    later = timezone.now() + timedelta(seconds=5)
    with transaction.atomic():
        comment.insert_prepared(insert, later)
    assert comment.created == later
    assert _stored(comment.pk)["created"] == later
    assert comment._state.adding is False


def test_a_prepared_insert_bumps_the_thread_version(article):
    make_comment(article)
    before = ThreadVersion.objects.get(article=article).version
    comment = _new(article)
    insert = comment.prepare_insert()
    with transaction.atomic():
        comment.insert_prepared(insert, timezone.now())
    assert ThreadVersion.objects.get(article=article).version == before + 1


def test_the_write_itself_is_the_insert_and_the_version_bump(article):
    make_comment(article)  # the thread has a version row to bump
    comment = _new(article)
    insert = comment.prepare_insert()
    with CaptureQueriesContext(connection) as captured, transaction.atomic():
        comment.insert_prepared(insert, timezone.now())
    # Nothing read, nothing built: the row (its id comes back with it) and the version.
    writes = [q["sql"] for q in captured.captured_queries if "SAVEPOINT" not in q["sql"]]
    assert [sql.split()[0] for sql in writes] == ["INSERT", "UPDATE"]
    assert "RETURNING" in writes[0]


def test_a_post_builds_its_insert_before_it_queues_to_write(article, monkeypatch):
    make_comment(article)  # the thread's version row exists (the first post creates it)
    new = actions.NewComment(article, "Lee", "lee@example.org", "Easy runs first.")
    ready = actions.check_new_comment(new, load_rules())

    def _must_not_compile(*args, **kwargs):
        raise AssertionError("the INSERT was built while the write lock is held")

    monkeypatch.setattr(SQLInsertCompiler, "as_sql", _must_not_compile)
    stored = actions.do_post_ready(ready)
    assert Comment.objects.get(pk=stored.pk).body == "Easy runs first."


def test_a_prepared_duplicate_is_refused_by_the_database(article):
    make_comment(article, fingerprint="same")
    comment = _new(article, fingerprint="same")
    insert = comment.prepare_insert()
    with pytest.raises(IntegrityError), transaction.atomic():
        comment.insert_prepared(insert, timezone.now())
    assert Comment.objects.filter(fingerprint="same").count() == 1


def test_a_stored_comment_cannot_be_inserted_again(article):
    comment = make_comment(article)
    with pytest.raises(ValueError, match="already stored"):
        comment.prepare_insert()


def test_an_insert_runs_only_for_the_comment_it_was_built_for(article):
    insert = _new(article).prepare_insert()
    with pytest.raises(ValueError, match="another comment"):
        _new(article).insert_prepared(insert, timezone.now())


def test_the_late_values_are_all_needed(article):
    insert = PreparedInsert(_new(article), late=["created"])
    with pytest.raises(TypeError, match="created"):
        insert.run()
    assert not Comment.objects.exists()


def test_a_late_value_must_be_a_column_it_inserts(article):
    with pytest.raises(ValueError, match="replies"):
        PreparedInsert(_new(article), late=["replies"])


def test_a_value_that_is_sql_is_refused(article):
    with pytest.raises(ValueError, match="plain value"):
        PreparedInsert(_new(article, edited=Now()))


def test_each_prepared_comment_keeps_its_own_values(article, staff):
    first = _new(article, fingerprint="one")
    second = _new(article, fingerprint="two", user=staff, is_author=True, author_url="")
    inserts = [first.prepare_insert(), second.prepare_insert()]
    assert inserts[0].sql == inserts[1].sql  # built once, for every row of the model
    with transaction.atomic():
        second.insert_prepared(inserts[1], timezone.now())
        first.insert_prepared(inserts[0], timezone.now())
    assert (_stored(first.pk)["user_id"], _stored(first.pk)["author_url"]) == (
        None,
        "https://priya.example.org/",
    )
    assert (_stored(second.pk)["user_id"], _stored(second.pk)["is_author"]) == (staff.pk, True)
