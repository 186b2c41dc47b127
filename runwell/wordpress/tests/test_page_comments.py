"""Comments on WordPress pages come across with the pages (issue 14, #8)."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from runwell.articles.models import Page
from runwell.comments.models import Comment, PageThreadVersion
from runwell.wordpress import wxr
from runwell.wordpress.tests.helpers import run_import

pytestmark = pytest.mark.django_db

EXPORT = Path(__file__).parent / "fixtures" / "page-discussion.xml"


def _page_thread(slug):
    return {
        c.body_html.strip(): c
        for c in Comment.objects.filter(page__slug=slug).select_related("parent")
    }


def test_a_pages_threaded_comments_are_imported_with_their_statuses():
    report = run_import(EXPORT)
    assert (report["pages"], report["comments"]) == (2, 5)
    assert report["skipped"] == {"pingback": 1}
    thread = _page_thread("ask-the-coach")
    question = thread["<p>How do I run uphill without my back aching?</p>"]
    answer = thread["<p>Shorter steps, and walk the steepest parts.</p>"]
    held = thread["<p>And on the way down?</p>"]
    spam = thread["<p>Buy now</p>"]
    # Replies were listed before their parents: the thread is rebuilt all the same.
    assert (answer.parent, answer.depth) == (question, 1)
    assert (held.parent, held.depth) == (answer, 2)
    assert [c.status for c in (question, answer, held, spam)] == [
        "approved", "approved", "pending", "spam",
    ]  # fmt: skip
    assert answer.is_author and answer.user is not None
    assert not question.is_author
    assert all(c.article_id is None for c in thread.values())


def test_a_pages_comment_status_opens_or_closes_its_discussion():
    run_import(EXPORT)
    assert Page.objects.get(slug="ask-the-coach").comments_open is True
    about = Page.objects.get(slug="about")
    assert about.comments_open is False
    assert Comment.objects.filter(page=about).count() == 1


def test_the_imported_discussion_shows_on_the_page(client):
    run_import(EXPORT)
    html = client.get("/ask-the-coach/").content.decode()
    assert "2 thoughts on “Ask the coach”" in html
    assert "Shorter steps" in html and "Leave a Reply" in html
    assert "And on the way down?" not in html and "Buy now" not in html
    about = client.get("/about/").content.decode()
    assert "Welcome back to blogging!" in about and "Comments are closed." in about


def test_importing_the_same_file_again_changes_nothing():
    first = run_import(EXPORT)
    comments = sorted(Comment.objects.values_list("pk", "page_id", "parent_id", "status"))
    versions = sorted(PageThreadVersion.objects.values_list("page_id", "version"))
    second = run_import(EXPORT)
    assert second == {**first, "warnings": second["warnings"]}
    assert sorted(Comment.objects.values_list("pk", "page_id", "parent_id", "status")) == comments
    assert sorted(PageThreadVersion.objects.values_list("page_id", "version")) == versions


def test_the_export_carries_each_pages_comments_and_comment_status(tmp_path):
    run_import(EXPORT)
    path = tmp_path / "out.xml"
    call_command("export-wordpress", str(path), stdout=io.StringIO())
    pages = {i.slug: i for i in wxr.parse_file(path).items if i.post_type == "page"}
    coach, about = pages["ask-the-coach"], pages["about"]
    assert (coach.comment_status, about.comment_status) == ("open", "closed")
    assert sorted(c.approved for c in coach.comments) == ["0", "1", "1", "spam"]
    by_id = {c.wp_id: c for c in coach.comments}
    held = next(c for c in coach.comments if c.approved == "0")
    answer = by_id[held.parent_id]
    assert answer.user_id and by_id[answer.parent_id].parent_id == 0
    assert [c.content.strip() for c in about.comments] == ["<p>Welcome back to blogging!</p>"]
