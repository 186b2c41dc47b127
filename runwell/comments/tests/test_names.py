"""A commenter's name cannot pass for the site's team (issue 13, point 13).

Before, zero-width and bidi characters were kept ("Runwell\u200b editors"), a name of
only "\u200b" was accepted, and nothing stopped a reader from using a staff name.
"""

import json

import pytest

from runwell.comments.actions import RESERVED_MESSAGE, CommentRefused
from runwell.comments.models import Comment
from runwell.comments.names import normalize_name, skeleton
from runwell.testing.factories import comment_form_data, post_comment

pytestmark = pytest.mark.django_db
URL = "/api/v1/articles/{}/comments"


def _api(client, article, **fields):
    payload = {"author_name": "Lee", "author_email": "lee@example.org", "body": "Hi", **fields}
    return client.post(URL.format(article.slug), json.dumps(payload),
                       content_type="application/json")  # fmt: skip


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("Runwell\u200b fan", "Runwell fan"),
        ("Ｐｒｉｙａ", "Priya"),
        ("Priya\u202e", "Priya"),
        ("\u2066Sam\u2069  Lee", "Sam Lee"),
        ("Zoë", "Zoë"),
        ("李小龙", "李小龙"),
    ],
)
def test_names_are_normalised_and_lose_invisible_characters(raw, stored):
    assert normalize_name(raw) == stored


@pytest.mark.parametrize("name", ["\u200b", "\u202e\u200d", " \u2060 "])
def test_a_name_of_nothing_visible_is_refused(client, article, name):
    answer = _api(client, article, author_name=name)
    assert answer.status_code == 400
    assert answer.json()["errors"]["author_name"] == ["Please give a name."]


def test_the_stored_name_is_the_normal_one(client, article):
    answer = _api(client, article, author_name="Ｌｅｅ\u200b")
    assert Comment.objects.get(pk=answer.json()["id"]).author_name == "Lee"


@pytest.mark.parametrize(
    "name", ["Ed", "ED", "E\u200bd", "Еd", "editor", "Runwell", "Runwell\u200b", "Ana Ruiz"]
)
def test_names_of_the_team_and_the_site_are_refused(client, article, writer, name):
    article.author = writer  # an author of articles, without staff rights
    article.save()
    answer = _api(client, article, author_name=name)
    assert answer.status_code == 400
    assert answer.json()["errors"]["author_name"] == [RESERVED_MESSAGE]


def test_the_html_form_refuses_a_team_name_beside_the_field(client, article, staff):
    answer = client.post("/comments/post/", comment_form_data(article, author_name="Ed"))
    assert answer.status_code == 400
    assert RESERVED_MESSAGE in answer.content.decode()


def test_a_team_member_may_use_their_own_name(article, staff, writer):
    article.author = writer
    article.save()
    assert post_comment(article, author_name="Ed", user=staff, body="a").author_name == "Ed"
    assert post_comment(article, author_name="Ana Ruiz", user=writer).author_name == "Ana Ruiz"


def test_someone_else_logged_in_may_not(article, staff, runner):
    with pytest.raises(CommentRefused):
        post_comment(article, author_name="Ed", user=runner)


def test_a_new_staff_member_is_protected_at_once(client, article, django_user_model):
    assert _api(client, article, author_name="Grace Hopper").status_code == 201
    django_user_model.objects.create_user("grace", first_name="Grace", last_name="Hopper",
                                          is_staff=True)  # fmt: skip
    assert _api(client, article, author_name="Grace Hopper", body="again").status_code == 400


def test_lookalike_letters_share_a_skeleton():
    assert skeleton("Еditor") == skeleton("editor")  # Cyrillic Е
    assert skeleton("Zoë") == skeleton("zoe")
    assert skeleton("Sam Lee") != skeleton("Sam")


@pytest.mark.parametrize(
    ("field", "value"),
    [("author_name", ["a"]), ("author_name", 5), ("author_email", ["a@b.org"]),
     ("body", 1), ("author_url", {"x": 1}), ("parent", "12"), ("parent", 1.5)],
)  # fmt: skip
def test_api_fields_are_type_checked(client, article, field, value):
    answer = _api(client, article, **{field: value})
    assert answer.status_code == 400
    assert field in answer.json()["errors"]
    assert not Comment.objects.exists()
