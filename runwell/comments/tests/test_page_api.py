"""GET and POST /api/v1/pages/{slug}/comments: the article API's shapes for a page."""

import json

import pytest

from runwell.articles.models import Status
from runwell.comments.models import Comment, CommentStatus
from runwell.testing.factories import make_article, make_comment, make_page

pytestmark = pytest.mark.django_db

URL = "/api/v1/pages/{}/comments"
LEE = {"author_name": "Lee", "author_email": "lee@example.org", "body": "On the page"}


@pytest.fixture
def coaches(db):
    return make_page(title="Our coaches", slug="coaches")


def _post(client, slug, payload, **extra):
    return client.post(
        URL.format(slug), json.dumps(payload), content_type="application/json", **extra
    )


def test_it_lists_a_pages_approved_comments_as_a_tree(client, coaches, article):
    first = make_comment(coaches, body="first")
    reply = make_comment(coaches, parent=first, body="reply", is_author=True)
    make_comment(coaches, body="held", status=CommentStatus.PENDING)
    make_comment(article, body="on the article")
    answer = client.get(URL.format("coaches"))
    assert answer.status_code == 200
    data = answer.json()
    assert data["count"] == 2
    (node,) = data["comments"]
    assert set(node) == {
        "id", "parent", "author_name", "author_url", "is_author", "created", "body_html",
        "replies",
    }  # fmt: skip
    assert node["replies"][0]["id"] == reply.pk
    assert "priya@example.org" not in answer.content.decode()


def test_the_list_answers_304_until_the_thread_changes(client, coaches):
    etag = client.get(URL.format("coaches"))["ETag"]
    assert client.get(URL.format("coaches"), HTTP_IF_NONE_MATCH=etag).status_code == 304
    make_comment(coaches)
    assert client.get(URL.format("coaches"), HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_the_list_uses_a_constant_number_of_queries(client, coaches, django_assert_num_queries):
    for i in range(20):
        make_comment(coaches, body=f"c{i}")
    with django_assert_num_queries(3):  # the page, its thread version, the comments
        client.get(URL.format("coaches"))
    with django_assert_num_queries(2):  # cached: the page and the version only
        client.get(URL.format("coaches"))


def test_a_post_on_a_page_is_stored_on_it(client, coaches):
    answer = _post(client, "coaches", LEE)
    assert answer.status_code == 201
    comment = Comment.objects.get(pk=answer.json()["id"])
    assert (comment.page, comment.article) == (coaches, None)
    assert answer.json()["status"] == comment.status == "pending"


def test_bad_input_gets_field_errors(client, coaches):
    answer = _post(client, "coaches", {**LEE, "author_email": "not an address"})
    assert answer.status_code == 400
    assert "author_email" in answer.json()["errors"]


def test_an_unknown_or_draft_page_is_a_404(client, coaches):
    assert client.get(URL.format("nope")).status_code == 404
    assert _post(client, "nope", LEE).status_code == 404
    coaches.status = Status.DRAFT
    coaches.save()
    assert client.get(URL.format("coaches")).status_code == 404
    assert _post(client, "coaches", LEE).status_code == 404


def test_a_closed_page_refuses_posts_with_403(client, coaches):
    coaches.comments_open = False
    coaches.save()
    answer = _post(client, "coaches", LEE)
    assert answer.status_code == 403
    assert answer.json()["detail"] == "Comments are closed on this page."
    assert client.get(URL.format("coaches")).status_code == 200


def test_a_repeat_with_the_same_idempotency_key_gets_the_first_answer(client, coaches):
    first = _post(client, "coaches", LEE, HTTP_IDEMPOTENCY_KEY="k-1")
    again = _post(client, "coaches", LEE, HTTP_IDEMPOTENCY_KEY="k-1")
    assert again.status_code == 201 and again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Comment.objects.count() == 1


def test_the_same_key_on_the_article_with_the_pages_id_is_another_request(client):
    make_page(pk=500, slug="p500")
    article = make_article(pk=500)
    on_page = _post(client, "p500", LEE, HTTP_IDEMPOTENCY_KEY="shared")
    on_article = client.post(
        f"/api/v1/articles/{article.slug}/comments", json.dumps(LEE),
        content_type="application/json", HTTP_IDEMPOTENCY_KEY="shared",
    )  # fmt: skip
    assert on_article.status_code == 201 and "Idempotent-Replayed" not in on_article
    assert on_article.json()["id"] != on_page.json()["id"]
    assert Comment.objects.get(pk=on_article.json()["id"]).article == article


def test_rate_limits_hold_on_pages_too(client, coaches, settings):
    settings.COMMENT_RATE_LIMIT = "1/m"
    assert _post(client, "coaches", LEE).status_code == 201
    assert _post(client, "coaches", {**LEE, "body": "again"}).status_code == 429


def test_a_form_post_or_another_sites_page_is_refused(client, coaches):
    assert client.post(URL.format("coaches"), LEE).status_code == 415
    assert _post(client, "coaches", LEE, HTTP_SEC_FETCH_SITE="cross-site").status_code == 403


def test_it_allows_only_get_and_post(client, coaches):
    assert client.put(URL.format("coaches")).status_code == 405
    assert client.delete(URL.format("coaches")).status_code == 405
