"""Anonymous requests cannot cause a 500, and the API answers JSON whatever happens
(issue 13, points 9 and 15).

Before: JSON nested 200,000 deep raised RecursionError in both APIs; a lone surrogate in
a pain-check key was a 500; on PostgreSQL any path with %00 was a 500 (the redirect
lookup raised); and during a database outage the API sent Django's HTML error page.
"""

from unittest import mock

import pytest
from django.db import OperationalError, ProgrammingError
from django.test import Client

pytestmark = pytest.mark.django_db
COMMENTS = "/api/v1/articles/{}/comments"


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("path", ["/api/v1/paincheck", COMMENTS.format("any")])
def test_deeply_nested_json_is_a_400_in_both_apis(client, path):
    answer = client.post(path, "[" * 200_000 + "]" * 200_000, content_type="application/json")
    assert answer.status_code == 400
    assert "nested more than" in answer.json()["detail"]


@pytest.mark.parametrize("body", ['{"\\ud800": 1}', '{"age_years": "\\udc00"}'])
def test_a_lone_surrogate_is_a_400_in_the_pain_check_api(client, body):
    answer = client.post("/api/v1/paincheck", body, content_type="application/json")
    assert answer.status_code == 400
    assert "surrogate" in answer.json()["detail"]


def test_ordinary_nesting_still_works(client):
    answer = client.post("/api/v1/paincheck", '{"a": [[[1]]]}', content_type="application/json")
    assert answer.status_code == 400  # invalid answers, said in the engine's own words
    assert "problems" in answer.json()


@pytest.mark.parametrize(
    "path",
    ["/%00/", "/articles/%00x/", "/search/?q=%00", "/?p=1%00", "/api/v1/articles/%00/comments"],
)
def test_a_nul_in_the_address_is_a_400(client, path):
    answer = client.get(path)
    assert answer.status_code == 400


def test_an_unknown_api_address_answers_json(client):
    answer = client.get("/api/v1/nothing-here")
    assert answer.status_code == 404
    assert answer.json() == {"detail": "Nothing here."}


def test_a_wrong_method_in_the_api_answers_json_and_keeps_allow(client):
    answer = client.delete(COMMENTS.format("any"))
    assert answer.status_code == 405
    assert answer["Content-Type"] == "application/json"
    assert "detail" in answer.json()


def test_a_body_too_large_for_the_api_is_a_413_in_json(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    answer = client.post("/api/v1/paincheck", '{"x": "' + "a" * 2000 + '"}',
                         content_type="application/json")  # fmt: skip
    assert answer.status_code == 413
    assert answer.json()["detail"]


def _database_down(*args, **kwargs):
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


def test_during_a_database_outage_the_api_answers_503_json_with_retry_after(client):
    with mock.patch("runwell.comments.api.Article.objects.published", _database_down):
        answer = client.get(COMMENTS.format("any"))
    assert answer.status_code == 503
    assert answer["Retry-After"] == "30"
    assert answer.json()["detail"].startswith("The site is briefly unavailable")


def test_during_a_database_outage_pages_answer_503_with_retry_after(client):
    with mock.patch("runwell.articles.views.render", _database_down):
        answer = client.get("/")
    assert answer.status_code == 503
    assert answer["Retry-After"] == "30"
    assert b"Something went wrong" in answer.content


def test_any_other_error_in_the_api_is_a_json_500(client):
    def broken(*args, **kwargs):
        raise ProgrammingError("a bug")

    with mock.patch("runwell.comments.api.Article.objects.published", broken):
        answer = client.get(COMMENTS.format("any"))
    assert answer.status_code == 500
    assert answer.json() == {"detail": "Something went wrong on our side. It has been logged."}
