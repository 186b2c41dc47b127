"""A refused comment never loses its reader: back at the form, told why, text kept."""

import re

import pytest

from runwell.comments.schemas import MAX_BODY
from runwell.testing.factories import comment_form_data

pytestmark = pytest.mark.django_db


def _post(client, article, **fields):
    return client.post("/comments/post/", comment_form_data(article, **fields))


def test_the_form_posts_to_the_respond_anchor_and_shows_the_notice(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'action="/comments/post/#respond"' in html
    assert "Comments are public." in html and "not monitored for emergencies" in html
    assert "999 (UK), 112 (Europe) or 911 (North America)" in html
    notice = html.split('class="comment-notice"')[1].split("</div>")[0]
    assert 'href="/pain-check/"' in notice


def test_the_comment_box_has_a_counter_and_no_silent_cut(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    found = re.search(r"<textarea[^>]*>", html)
    assert found is not None
    textarea = found.group(0)
    assert "maxlength" not in textarea
    assert f'data-max="{MAX_BODY}"' in html and "Up to 10,000 characters." in html


@pytest.mark.parametrize(
    "fields, message, field_id",
    [
        ({"body": "   "}, "Please type your comment.", "id_body"),
        (
            {"author_email": "not-an-address"},
            "Please give a valid email address.",
            "id_author_email",
        ),
        ({"author_name": ""}, "Please give a name.", "id_author_name"),
        (
            {"body": "x" * (MAX_BODY + 1)},
            "Please keep your comment under 10,000 characters.",
            "id_body",
        ),
    ],
)
def test_a_refused_field_is_listed_in_the_summary_with_a_link_to_it(
    client, article, fields, message, field_id
):
    response = _post(client, article, **fields)
    assert response.status_code == 400
    html = response.content.decode()
    summary = html.split('id="comment-errors"')[1].split("</div>")[0]
    assert f'<a href="#{field_id}">{message}</a>' in summary
    assert "<title>Error: " in html


def test_the_text_is_kept_when_a_comment_is_refused(client, article):
    long_text = "My back hurts after hills. " * 400  # over the limit: kept whole, never cut
    html = _post(client, article, body=long_text, author_email="bad").content.decode()
    assert long_text.strip() in html.replace("&#x27;", "'")


def test_too_quick_gives_a_fresh_form_that_can_be_posted_again(client, article):
    from django.utils import timezone

    from runwell.comments import spam

    response = _post(client, article, timestamp=spam.sign_form_timestamp(timezone.now()))
    html = response.content.decode()
    assert response.status_code == 400
    assert "That was quick!" in html.split('id="comment-errors"')[1]
    old = comment_form_data(article)["timestamp"]
    found = re.search(r'name="timestamp" value="([^"]+)"', html)
    assert found is not None
    fresh = found.group(1)
    assert fresh != old


def test_a_flood_is_explained_in_the_summary(client, article, settings):
    settings.COMMENT_FLOOD_SECONDS = 60
    assert _post(client, article, body="First").status_code == 303
    response = _post(client, article, body="Second")
    assert response.status_code == 429
    assert "You are posting comments too quickly." in response.content.decode()
