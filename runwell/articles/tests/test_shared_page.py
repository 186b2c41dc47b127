"""The article page rendered once for every reader, with only their own parts put in."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import signing
from django.middleware.csrf import _unmask_cipher_token  # type: ignore[attr-defined]
from django.test import Client
from django.utils import timezone

from runwell.articles import pages
from runwell.articles.models import Article, AuthorProfile, ContentVersion, Tag
from runwell.comments import spam
from runwell.comments.conf import forget_stored_settings
from runwell.comments.models import Comment, CommentStatus, DiscussionSettings, ThreadVersion
from runwell.testing.factories import comment_form_data, make_comment

pytestmark = pytest.mark.django_db

POST_URL = "/comments/post/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STAMP = re.compile(r'name="timestamp" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _open_discussion(settings):
    settings.COMMENT_MODERATION = ""
    settings.COMMENT_FLOOD_SECONDS = 0
    settings.COMMENT_RATE_LIMIT = "0"


def _get(client, article):
    answer = client.get(article.get_absolute_url())
    assert answer.status_code == 200
    return answer, answer.content.decode()


def test_each_reader_gets_their_own_csrf_token_and_it_works(article):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    _, page_one = _get(first, article)
    _, page_two = _get(second, article)
    tokens_one, tokens_two = TOKEN.findall(page_one), TOKEN.findall(page_two)
    assert tokens_one and tokens_two
    secret_one = first.cookies["csrftoken"].value
    secret_two = second.cookies["csrftoken"].value
    assert secret_one != secret_two
    assert {_unmask_cipher_token(t) for t in tokens_one} == {secret_one}
    assert {_unmask_cipher_token(t) for t in tokens_two} == {secret_two}
    assert "rwhole" not in page_one + page_two
    # The token the page gave works for its reader, and only for them.
    data = comment_form_data(article, body="With my own token")
    data["csrfmiddlewaretoken"] = tokens_two[0]
    assert first.post(POST_URL, data).status_code == 403
    assert second.post(POST_URL, data).status_code == 303


def test_each_reader_gets_a_fresh_signed_form_timestamp(article):
    _get(Client(), article)
    _, page = _get(Client(), article)
    stamp = STAMP.search(page)
    assert stamp is not None
    assert spam.form_timestamp_problem(stamp.group(1), min_seconds=0) is None
    issued = float(signing.loads(stamp.group(1), salt=spam._TIMESTAMP_SALT))
    assert abs(issued - timezone.now().timestamp()) < 60


def test_a_held_comment_is_shown_to_its_poster_only(client, article, settings):
    settings.COMMENT_MODERATION = "all"
    _get(Client(), article)  # the shared page exists before the post
    client.post(POST_URL, comment_form_data(article, body="Held words of mine"))
    assert Comment.objects.get(body="Held words of mine").status == CommentStatus.PENDING
    _, own = _get(client, article)
    assert "Held words of mine" in own
    for _ in range(2):
        _, other = _get(Client(), article)
        assert "Held words of mine" not in other
        assert "awaiting moderation" not in other


def test_a_signed_in_runner_never_shapes_the_page_others_get(client, article, staff):
    client.force_login(staff)
    _, signed_in = _get(client, article)
    assert "Log out" in signed_in and "Your account" in signed_in
    _, anonymous = _get(Client(), article)
    assert "Log out" not in anonymous
    assert "Your account" not in anonymous
    assert ">Admin<" not in anonymous
    _, again = _get(client, article)
    assert "Log out" in again


def test_a_new_comment_from_another_process_shows_at_once(article):
    make_comment(article, body="first words")
    _, page = _get(Client(), article)
    assert "first words" in page
    # Another process writes: only the database changes, this process' cache does not.
    Comment.objects.create(article=article, author_name="X", body="second words", status="approved")
    ThreadVersion.objects.filter(article=article).update(version=99)
    _, page = _get(Client(), article)
    assert "second words" in page


def test_an_edit_from_another_process_shows_at_once(article):
    _, page = _get(Client(), article)
    assert "Body." in page
    Article.objects.filter(pk=article.pk).update(body_html="<p>Rewritten body.</p>")
    assert ContentVersion.objects.get(id=1).version > 0
    _, page = _get(Client(), article)
    assert "Rewritten body." in page


def test_filing_under_a_tag_shows_at_once(article):
    _get(Client(), article)
    tag = Tag.objects.create(name="Knees", slug="knees")
    article.tags.add(tag)
    _, page = _get(Client(), article)
    assert "Knees" in page


def test_the_form_goes_when_the_discussion_closes_with_age(article):
    _, page = _get(Client(), article)
    assert "Leave a Reply" in page
    # Closing by age happens with no write to the article or the thread.
    Article.objects.filter(pk=article.pk).update(
        published_at=timezone.now() - timedelta(days=5) + timedelta(seconds=60)
    )
    stored = DiscussionSettings.objects.filter(pk=1).first() or DiscussionSettings(pk=1)
    stored.close_after_days = 5
    stored.save()
    forget_stored_settings()
    _, page = _get(Client(), article)
    assert "Leave a Reply" in page
    with time_machine.travel(timezone.now() + timedelta(seconds=120)):
        _, page = _get(Client(), article)
    assert "Leave a Reply" not in page


def test_a_reader_gets_304_for_their_own_copy_and_no_one_else_does(article):
    reader = Client()
    _get(reader, article)  # sets the CSRF cookie
    first, _ = _get(reader, article)
    etag = first["ETag"]
    assert first["Cache-Control"] == pages.PAGE_CACHE_CONTROL
    assert "Cookie" in first["Vary"]
    again = reader.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    stranger = Client()
    stranger.get(article.get_absolute_url())
    assert stranger.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=etag).status_code == 200
    make_comment(article, body="news")
    assert reader.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_query_string_or_other_cookie_gets_the_page_rendered_for_the_reader(article):
    top = make_comment(article)
    reader = Client()
    reply = reader.get(article.get_absolute_url() + f"?replytoc={top.pk}").content.decode()
    assert "Cancel reply" in reply and "hidden>Cancel reply" not in reply
    _, shared = _get(Client(), article)
    assert "hidden>Cancel reply" in shared
    reader.cookies["something_else"] = "1"
    answer, _ = _get(reader, article)
    assert "ETag" not in answer


def test_a_cached_reader_costs_one_query(article, django_assert_num_queries):
    make_comment(article)
    reader = Client()
    _get(reader, article)
    _get(reader, article)
    with django_assert_num_queries(1):
        _get(reader, article)


def test_a_renamed_author_profile_shows_at_once(article):
    _get(Client(), article)
    profile = AuthorProfile.objects.get(user=article.author)
    profile.display_name = "Dr Edwina Byline"
    profile.save()
    _, page = _get(Client(), article)
    assert "Dr Edwina Byline" in page
    AuthorProfile.objects.filter(pk=profile.pk).update(display_name="Ed Bulkwrite")
    _, page = _get(Client(), article)
    assert "Ed Bulkwrite" in page
