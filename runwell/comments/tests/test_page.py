"""The discussion under an article page, and posting through the HTML form."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from runwell.comments import spam
from runwell.comments.models import Comment, CommentStatus
from runwell.testing.factories import comment_form_data, make_comment

pytestmark = pytest.mark.django_db

POST_URL = "/comments/post/"


def _page(client, article, query=""):
    return client.get(article.get_absolute_url() + query)


def test_it_shows_the_heading_with_the_count_and_title(client, article):
    make_comment(article)
    html = _page(client, article).content.decode()
    assert "1 thought on “Can running cause back pain?”" in html
    for i in range(5):
        make_comment(article, body=f"more {i}")
    html = _page(client, article).content.decode()
    assert "6 thoughts on “Can running cause back pain?”" in html


def test_the_form_has_the_labelled_fields(client, article):
    html = _page(client, article).content.decode()
    assert "Leave a Reply" in html
    for label in ("Name", "Email", "Website", "Comment"):
        assert re.search(rf"<label for=\"id_\w+\">{label}", html), label
    assert "Save my name, email, and website in this browser for the next time I comment" in html
    assert "Notify me of replies by email" in html
    assert "will not be published" in html
    assert '<button type="submit" id="submit">Post Comment</button>' in html
    assert (
        html.count('class="required-mark" aria-hidden="true">*</span>') == 3
    )  # name, email, comment


def test_it_shows_name_link_avatar_badge_permalink_and_reply(client, article):
    top = make_comment(article, author_url="https://example.org/priya")
    reply = make_comment(article, parent=top, author_name="Ed", is_author=True, body="Answer")
    html = _page(client, article).content.decode()
    assert (
        '<a href="https://example.org/priya" rel="nofollow ugc noopener" class="url">Priya</a>'
        in html
    )
    assert f'href="#comment-{top.pk}"' in html
    assert '<svg class="avatar"' in html
    assert 'class="badge-author">Author<' in html
    assert 'aria-label="Reply to Priya"' in html
    assert f'href="?replytoc={top.pk}#respond"' in html
    assert f'id="comment-{reply.pk}"' in html
    assert 'class="children"' in html
    assert "gravatar" not in html.lower()


def test_the_page_uses_a_constant_number_of_queries(client, article, django_assert_num_queries):
    from runwell.comments.conf import forget_stored_settings
    from runwell.comments.threads import clear_cache

    make_comment(article)
    client.get(article.get_absolute_url())  # warm other caches (templates)
    clear_cache()
    forget_stored_settings()
    # article, its categories, its tags, discussion rules, thread version, comments
    with django_assert_num_queries(6):
        _page(client, article)
    parent = None
    for i in range(40):
        parent = make_comment(article, body=f"c{i}", parent=parent if i % 3 else None)
    forget_stored_settings()
    with django_assert_num_queries(6):
        _page(client, article)
    forget_stored_settings()
    with django_assert_num_queries(5):  # this process has the rendering: no comment query
        _page(client, article)


def test_email_never_appears_in_the_page(client, article):
    make_comment(article, author_email="secret.person@example.org")
    make_comment(article, author_email="held.person@example.org", status=CommentStatus.PENDING)
    html = _page(client, article).content.decode()
    assert "secret.person" not in html
    assert "held.person" not in html


def test_script_and_javascript_links_are_neutralised(client, article):
    comment = make_comment(
        article,
        body="<script>alert(1)</script> [click](javascript:alert(2)) <img src=x onerror=alert(3)>",
    )
    assert "<script" not in comment.body_html
    assert 'href="javascript:' not in comment.body_html  # left as plain text, not a link
    raw = make_comment(article, body='<a href="javascript:alert(4)">x</a>', body_format="html")
    assert "javascript:" not in raw.body_html
    html = _page(client, article).content.decode()
    assert "<script>alert(1)" not in html
    assert 'href="javascript:' not in html
    body = html.split('class="comment-content">')[1].split("</div>")[0]
    assert "<img" not in body
    assert "onerror" not in body or "&lt;img" in body


def test_links_in_a_body_get_nofollow_ugc_noopener(article):
    comment = make_comment(article, body="See [the guide](https://example.org/guide).")
    assert 'rel="nofollow ugc noopener"' in comment.body_html


def test_a_no_js_reply_link_puts_the_form_under_the_comment(client, article):
    top = make_comment(article)
    later = make_comment(article, author_name="Jo", body="later")
    html = _page(client, article, f"?replytoc={top.pk}").content.decode()
    assert 'Leave a Reply<span class="reply-to-name"> to Priya</span>' in html
    assert html.index('id="respond"') > html.index(f'id="comment-{top.pk}"')
    assert html.index('id="respond"') < html.index(f'id="comment-{later.pk}"')
    assert f'name="parent" value="{top.pk}"' in html
    cancel = re.search(
        r'<a rel="nofollow" id="cancel-comment-reply-link" href="([^"]+)"( hidden)?>', html
    )
    assert cancel and cancel.group(2) is None


def test_posting_redirects_and_the_poster_sees_the_held_comment(client, article):
    answer = client.post(POST_URL, comment_form_data(article, body="My first"))
    comment = Comment.objects.get(body="My first")
    assert comment.status == CommentStatus.PENDING
    assert answer.status_code == 303
    assert answer["Location"].endswith(f"#comment-{comment.pk}")
    html = _page(client, article).content.decode()
    assert "Your comment is awaiting moderation." in html
    assert "My first" in html
    # Nobody else sees it.
    client.cookies.clear()
    html = _page(client, article).content.decode()
    assert "My first" not in html
    assert "awaiting moderation" not in html


def test_the_details_cookie_is_set_only_with_consent(client, article):
    answer = client.post(POST_URL, comment_form_data(article, body="no consent"))
    assert (
        "runwell_commenter" not in answer.cookies or not answer.cookies["runwell_commenter"].value
    )
    answer = client.post(POST_URL, comment_form_data(article, body="consent", remember="on"))
    assert answer.cookies["runwell_commenter"].value
    html = _page(client, article).content.decode()
    assert 'value="Sam"' in html


def test_a_reply_posted_through_the_form_nests(client, article):
    top = make_comment(article)
    make_comment(
        article, author_name="Sam", author_email="sam@example.org", body="an approved earlier one"
    )
    client.post(POST_URL, comment_form_data(article, parent=top.pk, body="nested reply"))
    reply = Comment.objects.get(body="nested reply")
    assert reply.parent_id == top.pk and reply.depth == 1
    assert reply.status == CommentStatus.APPROVED


def test_form_errors_show_on_the_article_page(client, article):
    answer = client.post(POST_URL, comment_form_data(article, author_name="", body=""))
    assert answer.status_code == 400
    html = answer.content.decode()
    assert "Please give a name." in html
    assert "Please type your comment." in html
    assert "This field is required." not in html  # Runwell's own words, not Django's
    assert "Can running cause back pain?" in html


def test_the_form_and_the_api_refuse_with_the_same_words(client, article):
    long_body = "x" * 10_001
    page = client.post(POST_URL, comment_form_data(article, body=long_body)).content.decode()
    api = client.post(
        f"/api/v1/articles/{article.slug}/comments",
        {"author_name": "Sam", "author_email": "sam@example.org", "body": long_body},
        content_type="application/json",
    ).json()
    assert api["errors"]["body"] == ["Please keep your comment under 10,000 characters."]
    assert api["errors"]["body"][0] in page


def test_a_website_without_a_scheme_is_taken_as_https(client, article):
    client.post(POST_URL, comment_form_data(article, author_url="example.org/me"))
    assert Comment.objects.get().author_url == "https://example.org/me"


def test_the_honeypot_rejects_bots(client, article):
    answer = client.post(POST_URL, comment_form_data(article, **{spam.HONEYPOT_FIELD: "buy"}))
    assert answer.status_code == 400
    assert not Comment.objects.exists()


def test_a_form_posted_too_fast_or_too_late_is_refused(client, article):
    fast = comment_form_data(article, timestamp=spam.sign_form_timestamp())
    assert client.post(POST_URL, fast).status_code == 400
    old = comment_form_data(
        article, timestamp=spam.sign_form_timestamp(timezone.now() - timedelta(days=2))
    )
    answer = client.post(POST_URL, old)
    assert answer.status_code == 400
    assert "expired" in answer.content.decode()
    forged = comment_form_data(article, timestamp="123")
    assert client.post(POST_URL, forged).status_code == 400
    assert not Comment.objects.exists()


def test_flood_and_duplicate_messages_on_the_form(client, article, settings):
    settings.COMMENT_FLOOD_SECONDS = 15
    assert client.post(POST_URL, comment_form_data(article, body="one")).status_code == 303
    answer = client.post(
        POST_URL, comment_form_data(article, body="two", author_email="other@example.org")
    )
    assert answer.status_code == 429
    assert "You are posting comments too quickly" in answer.content.decode()
    settings.COMMENT_FLOOD_SECONDS = 0
    answer = client.post(POST_URL, comment_form_data(article, body="one"))
    assert answer.status_code == 400
    assert "It looks as though you&#x27;ve already said that!" in answer.content.decode()


def test_closed_articles_show_no_form(client, article):
    article.comments_open = False
    article.save()
    html = _page(client, article).content.decode()
    assert "Comments are closed." in html
    assert 'id="commentform"' not in html
    assert client.post(POST_URL, comment_form_data(article)).status_code == 403


def test_post_allows_only_post(client, article):
    assert client.get(POST_URL).status_code == 405


def test_an_unknown_article_is_404(client, article):
    assert (
        client.post(POST_URL, {**comment_form_data(article), "article": 99999}).status_code == 404
    )


def test_ips_are_stored_truncated(article):
    from runwell.testing.factories import post_comment

    assert post_comment(article, ip="203.0.113.77").ip_network == "203.0.113.0/24"
    assert (
        post_comment(article, ip="2001:db8:abcd:12:1::5", body="v6").ip_network
        == "2001:db8:abcd::/48"
    )


def test_an_article_without_comments_invites_the_first_one(client, article):
    html = _page(client, article).content.decode()
    assert "No comments yet on “Can running cause back pain?”" in html
    assert "0 thoughts" not in html
    assert "Leave a Reply" in html


def test_a_reply_to_a_held_comment_explains_itself_and_keeps_the_text(client, article):
    held = make_comment(article, status=CommentStatus.PENDING)
    answer = client.post(POST_URL, comment_form_data(article, parent=held.pk, body="My kept reply"))
    assert answer.status_code == 400
    html = answer.content.decode()
    assert "There is no such comment to reply to." in html
    assert "My kept reply" in html
    assert not Comment.objects.filter(body="My kept reply").exists()
