"""Which comments are held, approved or marked spam."""

import pytest

from runwell.comments.models import CommentStatus, DiscussionSettings
from runwell.testing.factories import make_comment, post_comment

pytestmark = pytest.mark.django_db


def test_it_holds_a_first_time_commenter(article):
    assert post_comment(article).status == CommentStatus.PENDING


def test_it_approves_a_commenter_with_an_earlier_approved_comment(article):
    make_comment(article, author_name="Sam", author_email="sam@example.org", body="old")
    assert post_comment(article, author_email="SAM@example.org").status == CommentStatus.APPROVED


def test_it_holds_a_comment_with_three_links(article):
    make_comment(article, author_name="Sam", author_email="sam@example.org", body="old")
    body = "https://a.example https://b.example [c](https://c.example)"
    assert post_comment(article, body=body).status == CommentStatus.PENDING
    assert (
        post_comment(article, body="two https://a.example https://b.example").status == "approved"
    )


def test_it_holds_on_a_moderation_word_anywhere(article):
    make_comment(article, author_name="Sam", author_email="sam@example.org", body="old")
    DiscussionSettings.objects.create(pk=1, moderation_words="casino\n198.51.100.")
    assert post_comment(article, body="Win at the CASINO").status == CommentStatus.PENDING
    assert (
        post_comment(article, author_name="casino king", body="b").status == CommentStatus.PENDING
    )
    assert post_comment(article, author_url="https://casino.example", body="c").status == "pending"
    assert post_comment(article, ip="198.51.100.20", body="d").status == CommentStatus.PENDING
    assert post_comment(article, body="fine words").status == CommentStatus.APPROVED


def test_it_marks_disallowed_words_as_spam(article):
    DiscussionSettings.objects.create(pk=1, disallowed_words="viagra")
    assert post_comment(article, body="cheap Viagra").status == CommentStatus.SPAM
    assert post_comment(article, author_email="viagra@spam.example", body="x").status == "spam"


def test_the_environment_overrides_the_admin(article, settings):
    DiscussionSettings.objects.create(pk=1, moderation="wordpress")
    settings.COMMENT_MODERATION = "none"
    assert post_comment(article).status == CommentStatus.APPROVED
    settings.COMMENT_MODERATION = "all"
    make_comment(article, author_email="old@example.org")
    assert post_comment(article, author_email="old@example.org", body="z").status == "pending"


def test_staff_are_approved_with_the_author_badge(article, staff):
    comment = post_comment(article, user=staff, author_email="editor@example.org")
    assert comment.status == CommentStatus.APPROVED
    assert comment.is_author


def test_replies_past_the_deepest_level_join_their_parents_level(article):
    DiscussionSettings.objects.create(pk=1, thread_depth=3)
    a = make_comment(article)
    b = make_comment(article, parent=a, body="b")
    c = make_comment(article, parent=b, body="c")
    reply = post_comment(article, parent_id=c.pk, body="deep", author_email="priya@example.org")
    assert reply.parent_id == b.pk
    assert reply.depth == 2


def test_a_typo_in_the_admins_rate_limit_is_refused(admin_client):
    from runwell.comments.models import DiscussionSettings

    DiscussionSettings.objects.get_or_create(pk=1)
    url = "/admin/comments/discussionsettings/1/change/"
    form = admin_client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("on" if v is True else "" if v is False else v) for k, v in data.items()}
    response = admin_client.post(url, {**data, "rate_limit": "5/min"})
    assert response.status_code == 200
    assert "such as 5/m or 100/h" in response.content.decode()
    assert DiscussionSettings.objects.get(pk=1).rate_limit == "10/m"


# Every link the rendered comment holds counts (issue 13, point 4). Before, only
# "http(s)://" and "<a " in the source counted, so seven links written these ways were
# approved while three https:// links were held.
@pytest.mark.parametrize(
    "body",
    [
        "[one](//a.example) [two](//b.example) [three](//c.example)",
        "[one][1] [two][1] [three][1]\n\n[1]: https://spam.example",
        "www.a.example www.b.example www.c.example",
        "see //a.example, //b.example and //c.example",
        "<https://a.example> [b](mailto:b@spam.example) www.c.example",
    ],
)
def test_it_holds_three_links_however_they_are_written(article, body):
    make_comment(article, author_name="Sam", author_email="sam@example.org", body="old")
    assert post_comment(article, body=body).status == CommentStatus.PENDING


@pytest.mark.parametrize(
    "body", ["a//b and 3/4 of a mile", "at 5:30 we ran 10k // twice", "two: www.a.example"]
)
def test_text_that_only_looks_like_a_link_is_not_counted(article, body):
    make_comment(article, author_name="Sam", author_email="sam@example.org", body="old")
    assert post_comment(article, body=body).status == CommentStatus.APPROVED
