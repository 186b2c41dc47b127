import json

import pytest

from runwell.comments import actions
from runwell.comments import models as comment_models
from runwell.comments.conf import load_rules
from runwell.comments.models import Comment, CommentStatus
from runwell.testing.factories import make_comment

pytestmark = pytest.mark.django_db

URL = "/api/v1/articles/{}/comments"


def _post(client, slug, payload, **extra):
    return client.post(
        URL.format(slug), json.dumps(payload), content_type="application/json", **extra
    )


def test_it_lists_approved_comments_as_a_tree_oldest_first(client, article):
    first = make_comment(article, body="first")
    reply = make_comment(article, parent=first, body="reply", author_name="Ed", is_author=True)
    make_comment(article, body="held", status=CommentStatus.PENDING)
    second = make_comment(article, body="second")
    answer = client.get(URL.format(article.slug))
    assert answer.status_code == 200
    data = answer.json()
    assert data["count"] == 3
    assert [c["id"] for c in data["comments"]] == [first.pk, second.pk]
    node = data["comments"][0]
    assert set(node) == {
        "id",
        "parent",
        "author_name",
        "author_url",
        "is_author",
        "created",
        "body_html",
        "replies",
    }
    assert node["replies"][0]["id"] == reply.pk
    assert node["replies"][0]["parent"] == first.pk
    assert node["replies"][0]["is_author"] is True
    assert "priya@example.org" not in answer.content.decode()


def test_it_answers_404_for_an_unknown_slug(client, article):
    assert client.get(URL.format("nope")).status_code == 404
    assert (
        _post(
            client, "nope", {"author_name": "a", "author_email": "a@b.org", "body": "x"}
        ).status_code
        == 404
    )


def test_it_creates_a_comment_and_answers_with_its_own_id(client, article):
    answer = _post(
        client,
        article.slug,
        {"author_name": "Lee", "author_email": "lee@example.org", "body": "Mine"},
    )
    assert answer.status_code == 201
    body = answer.json()
    assert set(body) == {"id", "status"}
    assert Comment.objects.get(pk=body["id"]).body == "Mine"
    assert body["status"] == "pending"  # first-time email


def test_it_answers_400_with_field_errors(client, article):
    answer = _post(client, article.slug, {"author_name": "", "author_email": "not-an-email"})
    assert answer.status_code == 400
    errors = answer.json()["errors"]
    assert {"author_name", "author_email", "body"} <= set(errors)


@pytest.mark.parametrize(
    ("field", "value"),
    [("author_name", ["a"]), ("author_email", 5), ("body", {"x": 1}), ("parent", "12")],
)
def test_a_field_of_the_wrong_type_is_400_not_stored_as_its_repr(client, article, field, value):
    good = {"author_name": "Lee", "author_email": "lee@example.org", "body": "Mine"}
    answer = _post(client, article.slug, {**good, field: value})
    assert answer.status_code == 400
    assert field in answer.json()["errors"]
    assert not Comment.objects.exists()


def test_it_answers_400_for_a_parent_elsewhere(client, article):
    answer = _post(
        client,
        article.slug,
        {"author_name": "a", "author_email": "a@b.org", "body": "x", "parent": 999999},
    )
    assert answer.status_code == 400
    assert "parent" in answer.json()["errors"]


def test_it_answers_403_when_comments_are_closed(client, article):
    article.comments_open = False
    article.save()
    answer = _post(
        client, article.slug, {"author_name": "a", "author_email": "a@b.org", "body": "x"}
    )
    assert answer.status_code == 403


def test_it_closes_comments_after_n_days(client, article):
    from runwell.comments.models import DiscussionSettings

    DiscussionSettings.objects.create(pk=1, close_after_days=1)
    article.published_at = article.published_at.replace(year=2020)
    article.save()
    answer = _post(
        client, article.slug, {"author_name": "a", "author_email": "a@b.org", "body": "x"}
    )
    assert answer.status_code == 403


def test_it_answers_429_past_the_rate_limit(client, article, settings):
    settings.COMMENT_RATE_LIMIT = "2/m"
    codes = [
        _post(
            client,
            article.slug,
            {"author_name": "a", "author_email": f"a{i}@b.org", "body": f"x{i}"},
        ).status_code
        for i in range(3)
    ]
    assert codes == [201, 201, 429]


def test_it_answers_429_on_a_flood(client, article, settings):
    settings.COMMENT_FLOOD_SECONDS = 15
    first = _post(
        client, article.slug, {"author_name": "a", "author_email": "a@b.org", "body": "one"}
    )
    second = _post(
        client, article.slug, {"author_name": "a", "author_email": "a@b.org", "body": "two"}
    )
    assert first.status_code == 201
    assert second.status_code == 429
    assert "too quickly" in second.json()["detail"]


def test_it_refuses_a_duplicate(client, article):
    payload = {"author_name": "a", "author_email": "a@b.org", "body": "same words"}
    assert _post(client, article.slug, payload).status_code == 201
    again = _post(client, article.slug, payload)
    assert again.status_code == 400
    assert again.json()["errors"]["body"] == ["It looks as though you've already said that!"]


def test_the_list_uses_a_constant_number_of_queries(client, article, django_assert_num_queries):
    for i in range(3):
        make_comment(article, body=f"c{i}")
    with django_assert_num_queries(2):  # article with its thread version, comments
        client.get(URL.format(article.slug))
    for i in range(30):
        make_comment(article, body=f"more{i}")
    with django_assert_num_queries(2):
        client.get(URL.format(article.slug))
    with django_assert_num_queries(1):  # cached: the article and version only
        answer = client.get(URL.format(article.slug))
    assert answer.json()["count"] == 33


def test_the_list_allows_only_get_and_post(client, article):
    assert client.put(URL.format(article.slug)).status_code == 405
    assert client.delete(URL.format(article.slug)).status_code == 405


def test_a_post_is_a_guests_even_from_a_logged_in_team_member(client, article, staff):
    client.force_login(staff)
    answer = _post(client, article.slug, {"author_name": "Kim", "author_email": "k@example.org",
                                          "body": "Posted through the API."})  # fmt: skip
    assert answer.status_code == 201
    comment = Comment.objects.get(pk=answer.json()["id"])
    assert comment.user is None and not comment.is_author
    assert "Set-Cookie" not in answer and answer["X-Content-Type-Options"] == "nosniff"


def test_a_post_costs_a_fixed_number_of_statements(
    client, article, settings, django_assert_num_queries
):
    settings.COMMENT_MODERATION = "none"
    article.author.email = ""  # so no mail is due
    article.author.save()
    payload = {"author_name": "Sam", "author_email": "s@example.org", "body": "First."}
    assert _post(client, article.slug, payload).status_code == 201  # the rules, now cached
    # The article with its author's address; the comment and its thread version in one
    # transaction (here a savepoint, as the test runs inside one), with no savepoint of
    # its own; nothing for sessions, users or a mail task.
    with django_assert_num_queries(5) as captured:
        payload["body"] = "Second."
        assert _post(client, article.slug, payload).status_code == 201
    statements = [q["sql"].split()[0] for q in captured.captured_queries]
    assert statements == ["SELECT", "SAVEPOINT", "INSERT", "UPDATE", "RELEASE"]


def test_a_reply_costs_two_fixed_lookups_of_its_parent_more(
    client, article, settings, django_assert_num_queries
):
    settings.COMMENT_MODERATION = "none"
    article.author.email = ""
    article.author.save()
    payload = {"author_name": "Sam", "author_email": "s@example.org", "body": "First."}
    parent = _post(client, article.slug, payload).json()["id"]
    # Found before the lock, and looked at again inside it (it may have been hidden since).
    with django_assert_num_queries(7) as captured:
        reply = {**payload, "body": "A reply.", "parent": parent}
        assert _post(client, article.slug, reply).status_code == 201
    sql = [q["sql"] for q in captured.captured_queries]
    assert [s.split()[0] for s in sql] == [
        "SELECT", "SELECT", "SAVEPOINT", "SELECT", "INSERT", "UPDATE", "RELEASE"
    ]  # fmt: skip
    for lookup in (sql[1], sql[3]):
        assert "comments_comment" in lookup and "ORDER BY" not in lookup
    assert Comment.objects.get(body="A reply.").parent_id == parent


def test_a_post_renders_its_body_before_it_queues_to_write(article, monkeypatch):
    new = actions.NewComment(article, "Lee", "lee@example.org", "Some **bold** advice")
    ready = actions.check_new_comment(new, load_rules())
    assert ready.comment.pk is None
    assert "<strong>bold</strong>" in ready.comment.body_html
    # Saving the same body does not render it again (the write lock is held by then).
    monkeypatch.setattr(comment_models, "render_comment", _must_not_render)
    assert actions.do_post_ready(ready).pk is not None


def test_a_changed_body_is_rendered_again_on_save(article):
    comment = make_comment(article, body="first words")
    comment.body = "*second* words"
    comment.save()
    comment.refresh_from_db()
    assert comment.body_html.startswith("<p><em>second</em>")


def test_a_reply_to_a_comment_hidden_while_it_waited_to_write_is_refused(article):
    parent = make_comment(article, body="Hidden soon")
    new = actions.NewComment(article, "Lee", "lee@example.org", "Reply", parent_id=parent.pk)
    ready = actions.check_new_comment(new, load_rules())
    Comment.objects.filter(pk=parent.pk).update(status=CommentStatus.PENDING)
    with pytest.raises(actions.CommentRefused) as refused:
        actions.do_post_ready(ready)
    assert (refused.value.code, refused.value.field) == ("invalid", "parent")
    assert not Comment.objects.filter(body="Reply").exists()


@pytest.mark.parametrize("key", ["", "k-1"])
def test_a_refused_duplicate_gives_back_its_flood_slot(client, article, settings, key):
    payload = {"author_name": "Lee", "author_email": "lee@example.org", "body": "Same"}
    assert _post(client, article.slug, payload).status_code == 201
    settings.COMMENT_FLOOD_SECONDS = 30
    extra = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    assert _post(client, article.slug, payload, **extra).status_code == 400  # a duplicate
    # The refusal rolled back the flood slot it had claimed: the next post is not a flood.
    payload["body"] = "Different"
    assert _post(client, article.slug, payload).status_code == 201
    assert Comment.objects.filter(author_name="Lee").count() == 2


def _must_not_render(body: str) -> str:
    raise AssertionError("rendered twice")
