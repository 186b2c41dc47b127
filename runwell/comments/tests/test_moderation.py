"""Which comments are held, approved or marked spam."""

import pytest

from runwell.comments.models import CommentStatus, DiscussionSettings
from runwell.comments.tests.conftest import make_comment, post

pytestmark = pytest.mark.django_db


def test_it_holds_a_first_time_commenter(article):
    assert post(article).status == CommentStatus.PENDING


def test_it_approves_a_commenter_with_an_earlier_approved_comment(article):
    make_comment(article, author_email="sam@example.org", body="old")
    assert post(article, author_email="SAM@example.org").status == CommentStatus.APPROVED


def test_it_holds_a_comment_with_three_links(article):
    make_comment(article, author_email="sam@example.org", body="old")
    body = "https://a.example https://b.example [c](https://c.example)"
    assert post(article, body=body).status == CommentStatus.PENDING
    assert post(article, body="two https://a.example https://b.example").status == "approved"


def test_it_holds_on_a_moderation_word_anywhere(article):
    make_comment(article, author_email="sam@example.org", body="old")
    DiscussionSettings.objects.create(pk=1, moderation_words="casino\n198.51.100.")
    assert post(article, body="Win at the CASINO").status == CommentStatus.PENDING
    assert post(article, author_name="casino king", body="b").status == CommentStatus.PENDING
    assert post(article, author_url="https://casino.example", body="c").status == "pending"
    assert post(article, ip="198.51.100.20", body="d").status == CommentStatus.PENDING
    assert post(article, body="fine words").status == CommentStatus.APPROVED


def test_it_marks_disallowed_words_as_spam(article):
    DiscussionSettings.objects.create(pk=1, disallowed_words="viagra")
    assert post(article, body="cheap Viagra").status == CommentStatus.SPAM
    assert post(article, author_email="viagra@spam.example", body="x").status == "spam"


def test_the_environment_overrides_the_admin(article, settings):
    DiscussionSettings.objects.create(pk=1, moderation="wordpress")
    settings.COMMENT_MODERATION = "none"
    assert post(article).status == CommentStatus.APPROVED
    settings.COMMENT_MODERATION = "all"
    make_comment(article, author_email="old@example.org")
    assert post(article, author_email="old@example.org", body="z").status == "pending"


def test_staff_are_approved_with_the_author_badge(article, author):
    comment = post(article, user=author, author_email="editor@example.org")
    assert comment.status == CommentStatus.APPROVED
    assert comment.is_author


def test_replies_past_the_deepest_level_join_their_parents_level(article):
    DiscussionSettings.objects.create(pk=1, thread_depth=3)
    a = make_comment(article)
    b = make_comment(article, parent=a, body="b")
    c = make_comment(article, parent=b, body="c")
    reply = post(article, parent_id=c.pk, body="deep", author_email="priya@example.org")
    assert reply.parent_id == b.pk
    assert reply.depth == 2


def test_rate_limit_parsing():
    from runwell.comments.conf import parse_rate

    assert parse_rate("5/m") == (5, 60)
    assert parse_rate("100/h") == (100, 3600)
    assert parse_rate("0") is None
    assert parse_rate("bad") is None
