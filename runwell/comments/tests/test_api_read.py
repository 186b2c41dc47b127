"""The comment API's public read: cached bytes, validators and conditional GET."""

from datetime import timedelta

import pytest
from django.utils import timezone

from runwell.comments import reading
from runwell.comments.models import Comment, ThreadVersion
from runwell.testing.factories import make_comment

pytestmark = pytest.mark.django_db

URL = "/api/v1/articles/{}/comments"


def test_it_carries_an_etag_and_last_modified_that_move_with_the_thread(client, article):
    first = client.get(URL.format(article.slug))
    assert first.status_code == 200
    assert first["Content-Type"] == "application/json"
    assert first["Cache-Control"] == reading.CACHE_CONTROL
    assert "Last-Modified" not in first  # nothing was ever written to the thread
    make_comment(article, body="news")
    second = client.get(URL.format(article.slug))
    assert second["ETag"] != first["ETag"]
    assert "Last-Modified" in second
    assert second.json()["count"] == 1


def test_an_unchanged_thread_answers_304_without_a_body(client, article):
    make_comment(article)
    etag = client.get(URL.format(article.slug))["ETag"]
    again = client.get(URL.format(article.slug), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    make_comment(article, body="later")
    assert client.get(URL.format(article.slug), HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_if_modified_since_answers_304_until_the_next_write(client, article):
    make_comment(article)
    stamp = client.get(URL.format(article.slug))["Last-Modified"]
    answer = client.get(URL.format(article.slug), HTTP_IF_MODIFIED_SINCE=stamp)
    assert answer.status_code == 304
    ThreadVersion.objects.filter(article=article).update(
        version=50, changed=timezone.now() + timedelta(seconds=2)
    )
    assert client.get(URL.format(article.slug), HTTP_IF_MODIFIED_SINCE=stamp).status_code == 200


def test_a_write_by_another_process_changes_the_answer_at_once(client, article):
    make_comment(article, body="one")
    assert client.get(URL.format(article.slug)).json()["count"] == 1
    Comment.objects.create(article=article, author_name="X", body="two", status="approved")
    ThreadVersion.objects.filter(article=article).update(version=77)
    assert client.get(URL.format(article.slug)).json()["count"] == 2


def test_the_answer_keeps_the_security_headers(client, article):
    answer = client.get(URL.format(article.slug))
    assert answer["X-Content-Type-Options"] == "nosniff"
    assert "Set-Cookie" not in answer
    assert not answer.cookies


def test_an_unpublished_or_scheduled_article_is_404(client, article):
    article.published_at = timezone.now() + timedelta(days=1)
    article.save()
    assert client.get(URL.format(article.slug)).status_code == 404
    article.status = "draft"
    article.published_at = timezone.now() - timedelta(days=1)
    article.save()
    answer = client.get(URL.format(article.slug))
    assert answer.status_code == 404
    assert answer.json() == {"detail": "No article with that slug."}


def test_the_route_and_the_early_answer_agree(rf, article):
    make_comment(article)
    state = reading.published_thread(article.slug)
    assert state is not None
    early = reading.answer(rf.get(URL.format(article.slug)), state)
    from runwell.comments.api import list_comments

    late = list_comments(rf.get(URL.format(article.slug)), article.slug)
    assert early.content == late.content
    assert early["ETag"] == late["ETag"]


def test_head_and_a_trailing_slash_are_not_answered_early(client, article):
    # The route takes GET and POST only, and the early answer must not widen that.
    assert client.head(URL.format(article.slug)).status_code == 405
    assert client.get(URL.format(article.slug) + "/").status_code == 404
