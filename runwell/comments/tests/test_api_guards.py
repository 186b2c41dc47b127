"""The comments API takes JSON from this site's pages or from programs, never a
cross-site post (issue 13, point 6), and it applies the form's anti-spam rules.

Before, `Content-Type: text/plain` with `Origin: https://evil.example` got 201, so any
site could make its visitors post comments from their own addresses.
"""

import json

import pytest

from runwell.comments.models import Comment, CommentStatus, DiscussionSettings
from runwell.testing.factories import comment_form_data, make_comment

pytestmark = pytest.mark.django_db
URL = "/api/v1/articles/{}/comments"
GOOD = {"author_name": "Lee", "author_email": "lee@example.org", "body": "Mine"}


def _post(client, article, payload=None, content_type="application/json", **headers):
    body = json.dumps(payload or GOOD)
    return client.post(URL.format(article.slug), body, content_type=content_type, **headers)


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]
)
def test_a_body_that_is_not_declared_json_is_refused_with_415(client, article, content_type):
    answer = _post(client, article, content_type=content_type)
    assert answer.status_code == 415
    assert answer.json()["detail"] == "Send the comment as application/json."
    assert not Comment.objects.exists()


def test_json_with_a_charset_is_fine(client, article):
    assert _post(client, article, content_type="application/json; charset=utf-8").status_code == 201


@pytest.mark.parametrize("origin", ["https://evil.example", "null", "http://testserver.evil"])
def test_a_foreign_origin_is_refused(client, article, origin):
    answer = _post(client, article, HTTP_ORIGIN=origin)
    assert answer.status_code == 403
    assert not Comment.objects.exists()


def test_a_browser_marking_the_request_cross_site_is_refused(client, article):
    assert _post(client, article, HTTP_SEC_FETCH_SITE="cross-site").status_code == 403


@pytest.mark.parametrize(
    "origin",
    ["http://testserver", "http://127.0.0.1:8000"],  # this host; the site URL
)
def test_the_sites_own_pages_and_programs_may_post(client, article, origin):
    assert (
        _post(client, article, HTTP_ORIGIN=origin, HTTP_SEC_FETCH_SITE="same-origin").status_code
        == 201
    )
    assert _post(client, article, {**GOOD, "body": "from a script"}).status_code == 201


# The anti-spam rules the form applies, through the API too. (The honeypot and the form's
# timestamp catch bots filling in a form; a program posting JSON fills in no form.)
def test_the_api_holds_links_like_the_form(client, article):
    make_comment(article, author_name="Lee", author_email="lee@example.org", body="old")
    body = "[a](//a.example) [b](//b.example) [c](//c.example)"
    answer = _post(client, article, {**GOOD, "body": body})
    assert answer.json()["status"] == CommentStatus.PENDING
    client.post("/comments/post/", comment_form_data(article, author_name="Lee",
                author_email="lee@example.org", body=body + " again"))  # fmt: skip
    assert Comment.objects.get(body=body + " again").status == CommentStatus.PENDING


def test_the_api_applies_the_word_lists_like_the_form(client, article):
    DiscussionSettings.objects.create(pk=1, disallowed_words="casino")
    assert _post(client, article, {**GOOD, "body": "casino"}).json()["status"] == "spam"


def test_the_api_applies_flood_control_and_the_rate_limit(client, article, settings):
    settings.COMMENT_FLOOD_SECONDS = 60
    assert _post(client, article).status_code == 201
    assert _post(client, article, {**GOOD, "body": "again"}).status_code == 429
