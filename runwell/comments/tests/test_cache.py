"""The per-process rendering cache follows the database's thread version."""

import pytest

from runwell.comments import threads
from runwell.comments.actions import do_set_status
from runwell.comments.models import Comment, CommentStatus, ThreadVersion
from runwell.testing.factories import make_comment, post_comment

pytestmark = pytest.mark.django_db


def test_every_write_bumps_the_version(article):
    start = threads.thread_version(article.pk)
    c = post_comment(article)
    assert threads.thread_version(article.pk) == start + 1
    do_set_status(Comment.objects.filter(pk=c.pk), CommentStatus.APPROVED)
    assert threads.thread_version(article.pk) == start + 2


def test_a_write_by_another_process_shows_at_once(client, article):
    make_comment(article, body="first words")
    assert "first words" in client.get(article.get_absolute_url()).content.decode()
    # Another process writes: only the database changes, this process' cache does not.
    Comment.objects.create(article=article, author_name="X", body="second words", status="approved")
    ThreadVersion.objects.filter(article=article).update(version=99)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "second words" in html
    api = client.get(f"/api/v1/articles/{article.slug}/comments").json()
    assert api["count"] == 2


def test_a_bulk_update_bumps_the_version_of_each_article_it_touches(article):
    make_comment(article)
    start = threads.thread_version(article.pk)
    Comment.objects.filter(article=article).update(body_html="<p>changed</p>")
    assert threads.thread_version(article.pk) == start + 1


def test_a_bulk_delete_bumps_the_version(article):
    make_comment(article)
    start = threads.thread_version(article.pk)
    Comment.objects.filter(article=article).delete()
    assert threads.thread_version(article.pk) == start + 1


def test_bulk_create_bumps_the_version(article):
    start = threads.thread_version(article.pk)
    Comment.objects.bulk_create(
        [Comment(article=article, author_name=f"R{i}", body=f"b{i}") for i in range(3)]
    )
    assert threads.thread_version(article.pk) == start + 1


def test_a_bulk_update_that_matches_nothing_bumps_nothing(article):
    start = threads.thread_version(article.pk)
    Comment.objects.filter(pk=-1).update(body="x")
    assert threads.thread_version(article.pk) == start
