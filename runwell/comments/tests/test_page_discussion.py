"""A page (/{slug}/) can carry a discussion as an article does: the model, the page, the
form, moderation, mail, feeds and personal data."""

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from runwell.articles.models import Status
from runwell.comments import actions, conf
from runwell.comments.actions import do_set_status
from runwell.comments.models import (
    Comment,
    CommentStatus,
    ConfirmedAddress,
    PageThreadVersion,
    ThreadVersion,
)
from runwell.comments.personal_data import (
    erase_for_user,
    export_comments_for_email,
    export_for_user,
)
from runwell.comments.threads import thread_version
from runwell.testing.factories import (
    comment_form_data,
    make_comment,
    make_page,
    make_user,
    post_comment,
)

pytestmark = pytest.mark.django_db

POST_URL = "/comments/post/"


@pytest.fixture
def coaches(db):
    """An open page (not named `page`: that is the browser tests' fixture)."""
    return make_page(title="Our coaches", slug="coaches")


@pytest.fixture
def moderator(client):
    client.force_login(make_user("mod", is_staff=True, is_superuser=True))
    return client


# -- the model ---------------------------------------------------------------------------


def test_a_comment_is_on_an_article_or_a_page_never_both_nor_neither(article, coaches):
    for target in ({"article": article, "page": coaches}, {}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Comment.objects.create(**target, author_name="X", body="Both or none")


def test_the_same_text_twice_is_a_duplicate_per_page_but_fine_on_another(coaches):
    other = make_page()
    make_comment(coaches, fingerprint="same")
    make_comment(other, fingerprint="same")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_comment(coaches, fingerprint="same")


def test_a_page_comment_names_its_page(coaches):
    comment = make_comment(coaches, author_name="Ann")
    assert str(comment) == f"Ann on page {coaches.pk}"
    assert comment.target == coaches


def test_every_write_to_a_page_comment_bumps_the_pages_thread_only(article, coaches):
    comment = make_comment(coaches)
    assert thread_version(coaches.pk, "page") == 1
    Comment.objects.filter(pk=comment.pk).update(body="edited")
    Comment.objects.bulk_create([Comment(page=coaches, author_name="B", body="bulk")])
    comment.delete()
    assert thread_version(coaches.pk, "page") == 4
    assert not ThreadVersion.objects.exists()  # no article's thread moved
    make_comment(article)
    assert PageThreadVersion.objects.get().version == 4


def test_a_page_that_is_deleted_takes_its_comments_with_it(coaches):
    make_comment(coaches)
    coaches.delete()
    assert not Comment.objects.exists()


# -- the page ----------------------------------------------------------------------------


def test_an_open_page_shows_its_thread_and_the_form(client, coaches):
    top = make_comment(coaches, body="Which coach for hills?")
    make_comment(coaches, parent=top, author_name="Ed", is_author=True, body="Ask Ann")
    html = client.get("/coaches/").content.decode()
    assert "2 thoughts on “Our coaches”" in html
    assert "Which coach for hills?" in html and "Ask Ann" in html
    assert 'class="children"' in html
    assert f'name="page" value="{coaches.pk}"' in html
    assert 'name="article"' not in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert "priya@example.org" not in html


def test_a_closed_page_without_comments_shows_nothing_new(client, coaches):
    coaches.comments_open = False
    coaches.save()
    html = client.get("/coaches/").content.decode()
    assert 'id="comments"' not in html and "Leave a Reply" not in html


def test_a_closed_page_keeps_showing_its_comments_without_a_form(client, coaches):
    make_comment(coaches, body="From when it was open")
    coaches.comments_open = False
    coaches.save()
    html = client.get("/coaches/").content.decode()
    assert "From when it was open" in html
    assert "Comments are closed." in html
    assert "Leave a Reply" not in html


def test_the_page_with_comments_uses_a_constant_number_of_queries(
    client, coaches, django_assert_num_queries, monkeypatch
):
    monkeypatch.setattr(conf, "STORED_TTL", 3600)
    make_comment(coaches)
    client.get("/coaches/")  # warm other caches (templates)
    conf.forget_stored_settings()
    # the page, the discussion rules, its thread version (the thread is this process')
    with django_assert_num_queries(3):
        client.get("/coaches/")
    parent = None
    for i in range(30):
        parent = make_comment(coaches, body=f"more {i}", parent=parent if i % 3 else None)
    with django_assert_num_queries(3):  # the page, its thread version, the comments
        client.get("/coaches/")
    with django_assert_num_queries(2):  # the thread is cached for this version
        client.get("/coaches/")


def test_a_draft_pages_discussion_is_not_shown_to_readers(client, coaches):
    coaches.status = Status.DRAFT
    coaches.save()
    make_comment(coaches, body="Early word")
    assert client.get("/coaches/").status_code == 404


def test_the_page_allows_only_get_and_head(client, coaches):
    assert client.post("/coaches/").status_code == 405


# -- posting -----------------------------------------------------------------------------


def test_posting_on_a_page_redirects_and_only_the_poster_sees_the_held_comment(client, coaches):
    answer = client.post(POST_URL, comment_form_data(coaches, body="My page comment"))
    comment = Comment.objects.get(body="My page comment")
    assert (comment.page, comment.article, comment.status) == (coaches, None, "pending")
    assert answer.status_code == 303
    assert answer["Location"] == f"/coaches/#comment-{comment.pk}"
    html = client.get("/coaches/").content.decode()
    assert "My page comment" in html and "Your comment is awaiting moderation." in html
    client.cookies.clear()
    assert "My page comment" not in client.get("/coaches/").content.decode()


def test_a_reply_on_a_page_nests_under_its_parent(client, coaches):
    top = make_comment(coaches)
    client.post(POST_URL, comment_form_data(coaches, body="Reply here", parent=top.pk))
    reply = Comment.objects.get(body="Reply here")
    assert (reply.parent, reply.depth, reply.page) == (top, 1, coaches)


def test_the_reply_link_puts_the_form_under_the_comment(client, coaches):
    top = make_comment(coaches, author_name="Ann")
    html = client.get(f"/coaches/?replytoc={top.pk}").content.decode()
    assert f'name="parent" value="{top.pk}"' in html
    assert 'Leave a Reply<span class="reply-to-name"> to Ann</span>' in html
    assert html.index(f'id="comment-{top.pk}"') < html.index('id="respond"')


def test_a_reply_cannot_hang_from_another_threads_comment(client, coaches, article):
    elsewhere = make_comment(article)
    answer = client.post(POST_URL, comment_form_data(coaches, body="Lost", parent=elsewhere.pk))
    assert answer.status_code == 400
    assert not Comment.objects.filter(body="Lost").exists()


def test_a_refused_form_comes_back_on_the_page_with_the_text_kept(client, coaches):
    answer = client.post(POST_URL, comment_form_data(coaches, body="", author_name="Sam"))
    assert answer.status_code == 400
    html = answer.content.decode()
    assert "<title>Error: Our coaches" in html
    assert 'value="Sam"' in html


def test_posting_on_a_closed_page_is_refused(client, coaches):
    coaches.comments_open = False
    coaches.save()
    answer = client.post(POST_URL, comment_form_data(coaches, body="Too late"))
    assert answer.status_code == 403
    assert "Comments are closed." in answer.content.decode()
    assert not Comment.objects.exists()


def test_posting_on_a_draft_or_unknown_page_is_a_404(client, coaches):
    coaches.status = Status.DRAFT
    coaches.save()
    assert client.post(POST_URL, comment_form_data(coaches)).status_code == 404
    assert client.post(POST_URL, {**comment_form_data(coaches), "page": "99999"}).status_code == 404
    assert client.post(POST_URL, {**comment_form_data(coaches), "page": "²"}).status_code == 404


def test_the_same_comment_twice_on_a_page_is_a_duplicate(coaches):
    post_comment(coaches, body="Once only")
    with pytest.raises(actions.CommentRefused) as refused:
        post_comment(coaches, body="Once only")
    assert refused.value.code == "duplicate"


def test_flood_control_holds_on_pages_too(coaches, settings):
    settings.COMMENT_FLOOD_SECONDS = 60
    post_comment(coaches, body="first")
    with pytest.raises(actions.CommentRefused) as refused:
        post_comment(coaches, body="second")
    assert refused.value.code == "flood"


def test_the_poster_can_edit_and_delete_a_page_comment(client, coaches):
    client.post(POST_URL, comment_form_data(coaches, body="Typo hre"))
    comment = Comment.objects.get()
    edit = client.get(f"/comments/{comment.pk}/edit/").content.decode()
    assert "Back to the page" in edit and 'href="/coaches/#comment-' in edit
    answer = client.post(f"/comments/{comment.pk}/edit/", {"body": "Typo here"})
    assert answer["Location"] == f"/coaches/#comment-{comment.pk}"
    answer = client.post(f"/comments/{comment.pk}/delete/")
    assert answer["Location"] == "/coaches/#comments"
    assert not Comment.objects.exists()


# -- moderation, mail, feeds, personal data ------------------------------------------------


def test_approving_a_page_comment_shows_it_on_the_page(client, coaches):
    held = make_comment(coaches, body="Held on the page", status=CommentStatus.PENDING)
    assert "Held on the page" not in client.get("/coaches/").content.decode()
    do_set_status(Comment.objects.filter(pk=held.pk), CommentStatus.APPROVED)
    assert "Held on the page" in client.get("/coaches/").content.decode()


def test_the_queue_and_the_admin_list_name_the_page(moderator, coaches):
    make_comment(coaches, body="Queued on a page", status=CommentStatus.PENDING)
    queue = moderator.get("/admin/comments/comment/queue/").content.decode()
    assert '<a href="/coaches/">Our coaches</a>' in queue
    listing = moderator.get("/admin/comments/comment/").content.decode()
    assert "Our coaches (page)" in listing


def test_a_moderator_replies_to_a_page_comment_from_the_admin(moderator, coaches):
    parent = make_comment(coaches, body="Question on a page")
    url = reverse("admin:comments_comment_reply", args=[parent.pk])
    assert "On “Our coaches”" in moderator.get(url).content.decode()
    moderator.post(url, {"body": "Answer on the page"})
    reply = Comment.objects.get(body="Answer on the page")
    assert (reply.page, reply.parent, reply.is_author) == (coaches, parent, True)


def test_a_reply_mail_links_to_the_page(coaches, django_capture_on_commit_callbacks):
    ConfirmedAddress.objects.create(email="priya@example.org")
    parent = make_comment(coaches, notify_replies=True)
    make_comment(coaches, author_name="Sam", author_email="sam@example.org", body="earlier")
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(coaches, parent_id=parent.pk, body="A reply on the page")
    (reply_mail,) = [m for m in mail.outbox if m.to == ["priya@example.org"]]
    assert "A reply on the page" in reply_mail.body
    assert "/coaches/#comment-" in reply_mail.body


def test_the_site_feed_has_comments_on_public_pages_only(client, coaches, article):
    make_comment(coaches, body="On the page")
    make_comment(article, body="On the article")
    draft = make_page(status=Status.DRAFT)
    make_comment(draft, body="On a draft page")
    feed = client.get("/comments/feed/").content.decode()
    assert "On the page" in feed and "On the article" in feed
    assert "/coaches/#comment-" in feed
    assert "On a draft page" not in feed


def test_the_site_feeds_etag_moves_with_a_page_comment(client, coaches):
    before = client.get("/comments/feed/")["ETag"]
    make_comment(coaches)
    assert client.get("/comments/feed/")["ETag"] != before


def test_personal_data_exports_and_erases_page_comments(coaches, article):
    runner = make_user("jo")
    make_comment(coaches, user=runner, author_email="jo@example.org", body="Page words")
    make_comment(article, user=runner, author_email="jo@example.org", body="Article words")
    exported = export_for_user(runner)
    assert [e.get("page") for e in exported] == ["coaches", None]
    assert [e.get("article") for e in exported] == [None, article.slug]
    staff_view = export_comments_for_email("jo@example.org")
    assert staff_view[0]["page_title"] == "Our coaches"
    erase_for_user(runner)
    assert not Comment.objects.filter(author_email="jo@example.org").exists()
