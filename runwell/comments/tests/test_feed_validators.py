"""Feeds answer 304 while nothing they show has changed."""

import pytest

from runwell.testing.factories import make_article, make_comment

pytestmark = pytest.mark.django_db


def _again(client, url, first):
    return client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])


def test_the_article_feed_is_304_until_an_article_changes(client, article):
    first = client.get("/feed/")
    assert first.status_code == 200
    assert "Last-Modified" in first
    assert _again(client, "/feed/", first).status_code == 304
    make_comment(article)  # comments are not in the article feed
    assert _again(client, "/feed/", first).status_code == 304
    article.title = "A new title"
    article.save()
    changed = _again(client, "/feed/", first)
    assert changed.status_code == 200
    assert "A new title" in changed.content.decode()


def test_the_site_comment_feed_is_304_until_a_comment_changes(client, article):
    url = "/comments/feed/"
    make_comment(article, body="first")
    first = client.get(url)
    assert first.status_code == 200
    assert _again(client, url, first).status_code == 304
    make_comment(make_article(slug="another", title="Another"), body="second words")
    changed = _again(client, url, first)
    assert changed.status_code == 200
    assert "second words" in changed.content.decode()


def test_an_article_comment_feed_moves_with_its_own_thread_only(client, article):
    url = f"/comments/feed/{article.slug}/"
    other = make_article(slug="another", title="Another")
    first = client.get(url)
    assert first.status_code == 200
    make_comment(other, body="elsewhere")
    assert _again(client, url, first).status_code == 304
    make_comment(article, body="here")
    assert _again(client, url, first).status_code == 200
    assert client.get("/comments/feed/no-such-article/").status_code == 404
