"""The moderation queue: held comments first, one-click buttons, counts in the header."""

import pytest
from django.urls import reverse

from runwell.comments.models import Comment, CommentStatus
from runwell.testing.factories import make_comment, make_user

pytestmark = pytest.mark.django_db

QUEUE = "/admin/comments/comment/queue/"


@pytest.fixture
def moderator(client):
    client.force_login(make_user("mod", is_staff=True, is_superuser=True))
    return client


def test_held_comments_come_first_with_their_buttons_and_the_header_counts(moderator, article):
    make_comment(article, author_name="Old approved", body="Fine.")
    make_comment(article, author_name="Held one", body="Is this ok?", status=CommentStatus.PENDING)
    make_comment(article, author_name="Spammer", body="Buy", status=CommentStatus.SPAM)
    html = moderator.get(QUEUE).content.decode()
    assert html.index("Held one") < html.index("Old approved")
    assert "Spammer" not in html.split('class="queue-list"')[1]
    assert "<strong>1</strong> comment awaiting moderation" in html
    assert "1 in spam" in html
    assert 'value="approve"' in html and 'value="spam"' in html and 'value="trash"' in html
    assert "Reply as the author" in html


def test_one_click_approves_and_comes_back_to_the_queue(moderator, article):
    held = make_comment(article, author_name="Held", status=CommentStatus.PENDING)
    response = moderator.post(QUEUE, {"comment": held.pk, "action": "approve", "next": QUEUE})
    assert response.status_code == 302 and response["Location"] == QUEUE
    assert Comment.objects.get(pk=held.pk).status == CommentStatus.APPROVED
    assert "The comment by Held was approved." in moderator.get(QUEUE).content.decode()


@pytest.mark.parametrize("action, status", [("spam", "spam"), ("trash", "trash")])
def test_spam_and_trash_are_one_click_too(moderator, article, action, status):
    held = make_comment(article, status=CommentStatus.PENDING)
    moderator.post(QUEUE, {"comment": held.pk, "action": action})
    assert Comment.objects.get(pk=held.pk).status == status


def test_a_bad_or_foreign_next_address_is_ignored(moderator, article):
    held = make_comment(article, status=CommentStatus.PENDING)
    response = moderator.post(QUEUE, {"comment": held.pk, "action": "approve",
                                      "next": "https://evil.example/"})  # fmt: skip
    assert response["Location"] == QUEUE
    response = moderator.post(QUEUE, {"comment": "x", "action": "nuke"})
    assert response["Location"] == QUEUE
    assert Comment.objects.get(pk=held.pk).status == CommentStatus.APPROVED


def test_replying_from_the_queue_publishes_as_the_author_and_returns(moderator, article):
    held = make_comment(article, status=CommentStatus.PENDING)
    url = reverse("admin:comments_comment_reply", args=[held.pk])
    response = moderator.post(f"{url}?next={QUEUE}", {"body": "Thanks!", "next": QUEUE})
    assert response["Location"] == QUEUE
    reply = Comment.objects.get(parent=held)
    assert reply.is_author and reply.status == CommentStatus.APPROVED


def test_readers_and_plain_users_never_reach_the_queue(client, runner, article):
    assert client.get(QUEUE).status_code == 302
    client.force_login(runner)
    assert client.get(QUEUE).status_code == 302  # the admin's login page


def test_the_queue_answers_get_and_post_only(moderator):
    assert moderator.put(QUEUE).status_code == 405


def test_the_queue_uses_a_constant_number_of_queries(
    moderator, article, django_assert_max_num_queries
):
    for i in range(3):
        make_comment(article, author_name=f"A{i}", status=CommentStatus.PENDING)
    moderator.get(QUEUE)
    with django_assert_max_num_queries(14) as few:
        moderator.get(QUEUE)
    for i in range(15):
        reply_to = make_comment(article, author_name=f"B{i}", status=CommentStatus.PENDING)
        make_comment(article, parent=reply_to, author_name=f"C{i}", status=CommentStatus.PENDING)
    with django_assert_max_num_queries(len(few.captured_queries)):
        moderator.get(QUEUE)


def test_a_reply_as_the_author_shows_the_profile_name_never_the_login(article):
    from runwell.articles.actions import do_ensure_author_profile
    from runwell.comments.actions import do_reply_as_author

    boss = make_user("boss-login", is_staff=True)
    do_ensure_author_profile(boss, display_name="Dr Amy Lee")
    reply = do_reply_as_author(make_comment(article), boss, "Thanks")
    assert reply.author_name == "Dr Amy Lee"
