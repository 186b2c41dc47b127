"""The moderation queue, Discussion settings, the personal-data tool, feeds, starter."""

import json
from pathlib import Path

import pytest

from runwell.comments.models import Comment, CommentStatus, DiscussionSettings
from runwell.comments.starter import load_threads
from runwell.testing.factories import make_comment

pytestmark = pytest.mark.django_db

QUEUE = "/admin/comments/comment/"


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_the_queue_is_for_staff_only(client, article):
    assert client.get(QUEUE).status_code == 302
    assert client.get(QUEUE + "personal-data/").status_code == 302


def test_the_queue_filters_by_status(staff_client, article):
    make_comment(article, body="waiting", status=CommentStatus.PENDING)
    make_comment(article, body="fine")
    html = staff_client.get(QUEUE + "?status__exact=pending").content.decode()
    assert "waiting" in html and "fine" not in html


def test_bulk_approve_shows_the_comment_at_once(staff_client, client, article):
    held = make_comment(article, body="waiting", status=CommentStatus.PENDING)
    assert "waiting" not in client.get(article.get_absolute_url()).content.decode()
    answer = staff_client.post(
        QUEUE, {"action": "approve", "_selected_action": [held.pk]}, follow=True
    )
    assert answer.status_code == 200
    held.refresh_from_db()
    assert held.status == CommentStatus.APPROVED
    staff_client.logout()
    assert "waiting" in staff_client.get(article.get_absolute_url()).content.decode()


@pytest.mark.parametrize("action,status", [("mark_spam", "spam"), ("move_to_trash", "trash")])
def test_bulk_spam_and_trash(staff_client, article, action, status):
    a = make_comment(article, body="a")
    b = make_comment(article, body="b")
    staff_client.post(QUEUE, {"action": action, "_selected_action": [a.pk, b.pk]})
    assert set(Comment.objects.values_list("status", flat=True)) == {status}


def test_editing_in_the_admin_re_renders_the_body(staff_client, article):
    c = make_comment(article, body="old")
    data = {
        "status": "approved",
        "author_name": "Priya",
        "author_email": "priya@example.org",
        "author_url": "",
        "body": "**new**",
        "notify_replies": "",
    }
    answer = staff_client.post(f"{QUEUE}{c.pk}/change/", data)
    assert answer.status_code == 302, answer.content.decode()[:2000]
    c.refresh_from_db()
    assert c.body_html == "<p><strong>new</strong></p>\n"
    assert "<strong>new</strong>" in staff_client.get(article.get_absolute_url()).content.decode()


def test_staff_reply_as_the_author_from_the_queue(staff_client, article, admin_user):
    held = make_comment(article, body="question?", status=CommentStatus.PENDING)
    assert staff_client.get(f"{QUEUE}{held.pk}/reply/").status_code == 200
    answer = staff_client.post(f"{QUEUE}{held.pk}/reply/", {"body": "Answer."})
    assert answer.status_code == 302
    reply = Comment.objects.get(body="Answer.")
    assert reply.is_author and reply.parent_id == held.pk and reply.status == "approved"
    held.refresh_from_db()
    assert held.status == CommentStatus.APPROVED


def test_discussion_settings_is_one_page(staff_client):
    answer = staff_client.get("/admin/comments/discussionsettings/")
    assert answer.status_code == 302
    assert answer["Location"].endswith("/admin/comments/discussionsettings/1/change/")
    page = staff_client.get(answer["Location"])
    assert page.status_code == 200
    assert "RUNWELL_COMMENT_RATE_LIMIT=0" in page.content.decode()  # the override is shown
    assert DiscussionSettings.objects.count() == 1


def test_personal_data_export_and_erase(staff_client, article):
    mine = make_comment(article, author_email="ask@example.org", body="my words")
    make_comment(article, parent=mine, body="a reply")
    export = staff_client.post(
        QUEUE + "personal-data/", {"email": "ASK@example.org", "export": "1"}
    )
    data = json.loads(export.content)
    assert [c["body"] for c in data["comments"]] == ["my words"]
    assert export["Content-Disposition"].startswith("attachment")
    staff_client.post(
        QUEUE + "personal-data/", {"email": "ask@example.org", "erase": "1", "keep_text": "on"}
    )
    mine.refresh_from_db()
    assert (mine.author_email, mine.author_name, mine.ip_network, mine.body) == (
        "",
        "Anonymous",
        "",
        "my words",
    )
    other = make_comment(article, author_email="gone@example.org", body="remove me")
    staff_client.post(QUEUE + "personal-data/", {"email": "gone@example.org", "erase": "1"})
    other.refresh_from_db()
    assert other.body == "" and other.is_removed


def test_feeds_carry_approved_comments_without_emails(client, article):
    make_comment(article, author_email="feed.secret@example.org", body="visible words")
    make_comment(article, body="held words", status=CommentStatus.PENDING)
    for url in ("/comments/feed/", f"/comments/feed/{article.slug}/"):
        answer = client.get(url)
        assert answer.status_code == 200
        assert answer["Content-Type"].startswith("application/atom+xml")
        text = answer.content.decode()
        assert "visible words" in text
        assert "held words" not in text
        assert "feed.secret" not in text and "@example.org" not in text
    assert client.get("/comments/feed/unknown/").status_code == 404


def test_the_api_never_shows_emails(client, article):
    make_comment(article, author_email="api.secret@example.org")
    assert (
        "api.secret" not in client.get(f"/api/v1/articles/{article.slug}/comments").content.decode()
    )


def test_starter_threads_load_once(article):
    folder = Path(__file__).parent / "fixtures"
    assert load_threads(folder) == {"comments": 3}
    assert load_threads(folder) == {"comments": 0}
    editors = Comment.objects.get(author_name="Runwell editors")
    assert editors.is_author and editors.user == article.author and editors.depth == 1
    third = Comment.objects.get(body="Thanks!")
    assert third.parent == editors and third.depth == 2
    assert set(Comment.objects.values_list("status", flat=True)) == {"approved"}
    assert all(c.author_email == "" for c in Comment.objects.all())


def test_starter_skips_a_missing_article(db, tmp_path):
    (tmp_path / "comments").mkdir()
    (tmp_path / "comments" / "x.toml").write_text('article = "missing"\n')
    assert load_threads(tmp_path) == {"comments": 0}


def test_feeds_use_a_constant_number_of_queries(client, article, django_assert_num_queries):
    for i in range(3):
        make_comment(article, body=f"c{i}")
    with django_assert_num_queries(1):
        client.get("/comments/feed/")
    for i in range(20):
        make_comment(article, body=f"more{i}")
    with django_assert_num_queries(1):
        client.get("/comments/feed/")
    with django_assert_num_queries(2):  # the article, then its comments
        client.get(f"/comments/feed/{article.slug}/")


def test_unsubscribe_allows_only_get_and_post(client):
    assert client.put("/comments/unsubscribe/x/").status_code == 405
