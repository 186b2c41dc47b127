"""Editing and deleting your own comment from the same browser, for a while."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from runwell.comments.models import Comment, CommentStatus
from runwell.testing.factories import comment_form_data, make_comment

pytestmark = pytest.mark.django_db


def _post_own(client, article, body="Mine to change"):
    make_comment(article, author_name="Sam", author_email="sam@example.org", body="approved before")
    client.post("/comments/post/", comment_form_data(article, body=body))
    return Comment.objects.get(body=body)


def test_the_poster_can_edit_within_the_window(client, article):
    comment = _post_own(client, article)
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'href="/comments/{comment.pk}/edit/"' in html
    assert client.get(f"/comments/{comment.pk}/edit/").status_code == 200
    answer = client.post(f"/comments/{comment.pk}/edit/", {"body": "Changed *words*"})
    assert answer.status_code == 303
    comment.refresh_from_db()
    assert comment.body_html == "<p>Changed <em>words</em></p>\n"
    assert comment.edited is not None
    assert "Changed <em>words</em>" in client.get(article.get_absolute_url()).content.decode()


def test_nobody_else_can_edit(client, article):
    comment = _post_own(client, article)
    client.cookies.clear()
    assert client.get(f"/comments/{comment.pk}/edit/").status_code == 403
    assert client.post(f"/comments/{comment.pk}/delete/").status_code == 403
    assert (
        f"comments/{comment.pk}/edit" not in client.get(article.get_absolute_url()).content.decode()
    )


def test_the_window_closes_after_the_configured_minutes(client, article):
    comment = _post_own(client, article)
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert client.post(f"/comments/{comment.pk}/edit/", {"body": "late"}).status_code == 403


def test_deleting_a_comment_with_replies_leaves_a_placeholder(client, article):
    comment = _post_own(client, article)
    make_comment(article, parent=comment, body="a reply", author_email="x@example.org")
    assert client.get(f"/comments/{comment.pk}/delete/").status_code == 200
    assert client.post(f"/comments/{comment.pk}/delete/").status_code == 303
    comment.refresh_from_db()
    assert comment.is_removed and comment.body == "" and comment.author_email == ""
    html = client.get(article.get_absolute_url()).content.decode()
    assert "This comment was deleted." in html
    assert "a reply" in html
    api = client.get(f"/api/v1/articles/{article.slug}/comments").json()
    assert api["comments"][-1]["body_html"] == "<p>This comment was deleted.</p>"


def test_deleting_a_comment_without_replies_removes_it(client, article):
    comment = _post_own(client, article)
    client.post(f"/comments/{comment.pk}/delete/")
    assert not Comment.objects.filter(pk=comment.pk).exists()


def test_edit_and_delete_allow_only_get_and_post(client, article):
    comment = _post_own(client, article)
    assert client.put(f"/comments/{comment.pk}/edit/").status_code == 405
    assert client.delete(f"/comments/{comment.pk}/delete/").status_code == 405
    assert comment.status == CommentStatus.APPROVED


def test_an_empty_edit_is_refused_and_changes_nothing(client, article):
    comment = _post_own(client, article)
    answer = client.post(f"/comments/{comment.pk}/edit/", {"body": "   "})
    assert answer.status_code == 400
    assert "Please type your comment." in answer.content.decode()
    comment.refresh_from_db()
    assert comment.body == "Mine to change"
