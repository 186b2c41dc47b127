"""Input no database can keep is refused with a 400 (issue 13, point 9).

Before, each of these was a 500: a lone surrogate in a field failed when the comment was
saved; on PostgreSQL a NUL character in the text, and any valid email over 188
characters (its flood-control key overflowed varchar(200)).
"""

import json

import pytest

from runwell.comments.models import Comment, Throttle
from runwell.testing.factories import comment_form_data

pytestmark = pytest.mark.django_db
URL = "/api/v1/articles/{}/comments"


def _post(client, article, raw: str):
    return client.post(URL.format(article.slug), raw, content_type="application/json")


@pytest.mark.parametrize("field", ["author_name", "author_email", "author_url", "body"])
@pytest.mark.parametrize("text", ["\\ud800", "a\\udfffb", "\\u0000", "x\\u0000y"])
def test_unstorable_text_in_any_field_is_a_400(client, article, field, text):
    fields = {"author_name": "Lee", "author_email": "lee@example.org", "body": "Hi"}
    raw = json.dumps(fields)[:-1] + f', "{field}": "{text}"}}'
    answer = _post(client, article, raw)
    assert answer.status_code == 400
    assert "detail" in answer.json()
    assert not Comment.objects.exists()


def test_a_lone_surrogate_in_a_key_is_a_400(client, article):
    raw = '{"author_name": "Lee", "author_email": "lee@example.org", "body": "Hi", "\\udc00": 1}'
    answer = _post(client, article, raw)
    assert answer.status_code == 400
    assert not Comment.objects.exists()


def test_a_surrogate_pair_is_an_ordinary_character(client, article):
    raw = '{"author_name": "Lee \\ud83c\\udfc3", "author_email": "lee@example.org", "body": "Hi"}'
    answer = _post(client, article, raw)
    assert answer.status_code == 201
    assert Comment.objects.get().author_name == "Lee 🏃"


def test_the_longest_valid_email_fits_flood_control(client, article, settings):
    settings.COMMENT_FLOOD_SECONDS = 15
    email = f"{'a' * 64}@{'b' * 63}.{'c' * 63}.{'d' * 57}.org"
    assert len(email) > 188
    payload = {"author_name": "Lee", "author_email": email, "body": "Hi"}
    answer = _post(client, article, json.dumps(payload))
    assert answer.status_code == 201
    assert all(len(key) <= 200 for key in Throttle.objects.values_list("key", flat=True))
    again = _post(client, article, json.dumps({**payload, "body": "again"}))
    assert again.status_code == 429  # the hashed key still floods per address


def test_a_nul_in_the_forms_text_is_refused_beside_the_field(client, article):
    answer = client.post("/comments/post/", comment_form_data(article, body="a\x00b"))
    assert answer.status_code == 400
    assert not Comment.objects.exists()


@pytest.mark.parametrize("article_id", ["²", "9" * 30, "-1", "1e3"])
def test_an_odd_article_id_in_the_form_is_a_404(client, article, article_id):
    data = {**comment_form_data(article), "article": article_id}
    answer = client.post("/comments/post/", data)
    assert answer.status_code == 404
