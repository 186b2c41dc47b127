"""An edit is moderated like a new comment (issue 13, point 3).

Before, a comment approved as "Great article" could be edited within the window into
spam links and was public at once.
"""

import pytest
from django.core import mail
from django.test import Client

from runwell.comments.models import Comment, CommentStatus, DiscussionSettings
from runwell.testing.factories import comment_form_data, make_comment

pytestmark = pytest.mark.django_db
SPAM = "Great deals: https://a.example https://b.example https://c.example"


def _post_own(client, article, body="Great article"):
    make_comment(article, author_name="Sam", author_email="sam@example.org", body="earlier")
    client.post("/comments/post/", comment_form_data(article, body=body))
    comment = Comment.objects.get(body=body)
    assert comment.status == CommentStatus.APPROVED
    return comment


def _edit(client, comment, body):
    answer = client.post(f"/comments/{comment.pk}/edit/", {"body": body})
    comment.refresh_from_db()
    return answer


def test_an_edit_full_of_links_returns_the_comment_to_the_queue(client, article):
    comment = _post_own(client, article)
    assert _edit(client, comment, SPAM).status_code == 303
    assert comment.status == CommentStatus.PENDING
    # Nobody but its poster sees it now, and the poster sees it marked as held.
    assert "a.example" not in Client().get(article.get_absolute_url()).content.decode()
    assert "awaiting moderation" in client.get(article.get_absolute_url()).content.decode()
    assert not Comment.objects.filter(status=CommentStatus.APPROVED, body=SPAM).exists()
    api = client.get(f"/api/v1/articles/{article.slug}/comments").json()
    assert all(c["id"] != comment.pk for c in api["comments"])


def test_an_edit_with_a_moderation_word_is_held(client, article):
    DiscussionSettings.objects.create(pk=1, moderation_words="casino")
    comment = _post_own(client, article)
    _edit(client, comment, "Try the casino")
    assert comment.status == CommentStatus.PENDING


def test_an_edit_with_a_disallowed_word_is_spam(client, article):
    DiscussionSettings.objects.create(pk=1, disallowed_words="viagra")
    comment = _post_own(client, article)
    _edit(client, comment, "cheap viagra")
    assert comment.status == CommentStatus.SPAM


def test_a_harmless_edit_stays_approved(client, article):
    comment = _post_own(client, article)
    _edit(client, comment, "Great article, thanks")
    assert comment.status == CommentStatus.APPROVED


def test_a_first_timers_only_approved_comment_does_not_vouch_for_its_own_edit(client, article):
    # Approved by a moderator as it was; the edit is a new text from someone unknown.
    client.post("/comments/post/", comment_form_data(article, author_email="new@example.org",
                                                     body="Great article"))  # fmt: skip
    comment = Comment.objects.get(body="Great article")
    Comment.objects.filter(pk=comment.pk).update(status=CommentStatus.APPROVED)
    _edit(client, comment, "Visit my shop")
    assert comment.status == CommentStatus.PENDING


def test_an_edit_never_approves_a_held_comment(client, article, settings):
    client.post("/comments/post/", comment_form_data(article, author_email="new@example.org",
                                                     body="Held words"))  # fmt: skip
    comment = Comment.objects.get(body="Held words")
    assert comment.status == CommentStatus.PENDING
    settings.COMMENT_MODERATION = "none"
    _edit(client, comment, "Still held")
    assert comment.status == CommentStatus.PENDING


def test_moderators_hear_of_an_edit_that_returned_to_the_queue(
    client, article, django_capture_on_commit_callbacks
):
    comment = _post_own(client, article)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _edit(client, comment, SPAM)
    assert [m.to for m in mail.outbox] == [["mods@example.org"]]
    assert "An edited comment" in mail.outbox[0].body
