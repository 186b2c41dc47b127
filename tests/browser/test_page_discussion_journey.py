"""A reader replies under a page's discussion, as under an article (real Chromium)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from runwell.articles.models import Page as SitePage
from runwell.comments.models import Comment, CommentStatus
from runwell.comments.threads import clear_cache

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def coaches(settings):
    settings.COMMENT_MIN_SECONDS = 0
    settings.COMMENT_FLOOD_SECONDS = 0
    settings.COMMENT_RATE_LIMIT = "0"
    clear_cache()
    site_page = SitePage.objects.create(
        title="Ask the coach", slug="ask-the-coach", body="Ask anything.",
        status="published", comments_open=True,
    )  # fmt: skip
    ann = Comment.objects.create(
        page=site_page, author_name="Ann", author_email="ann@example.org",
        body="How do I run *uphill*?", status=CommentStatus.APPROVED,
    )  # fmt: skip
    return site_page, ann


def test_a_reader_replies_under_a_page(page: Page, site, coaches, axe_check, foreign_requests):
    site_page, ann = coaches
    page.goto(f"{site}/ask-the-coach/")
    expect(page.get_by_role("heading", name="1 thought on “Ask the coach”")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Reply to Ann").click()
    expect(page.get_by_role("heading", name=re.compile("Leave a Reply to Ann"))).to_be_visible()
    page.get_by_role("textbox", name="Name", exact=True).fill("Alex")
    page.get_by_role("textbox", name="Email", exact=True).fill("alex@example.org")
    page.get_by_role("textbox", name="Comment", exact=True).fill("Short steps help me.")
    page.get_by_role("button", name="Post Comment").click()
    expect(page.locator(f"#comment-{ann.pk} .children .is-pending")).to_contain_text(
        "Your comment is awaiting moderation."
    )
    expect(page).to_have_url(re.compile(r"/ask-the-coach/#comment-\d+$"))
    axe_check(page)
    reply = Comment.objects.get(author_name="Alex")
    assert (reply.page_id, reply.parent_id) == (site_page.pk, ann.pk)
    assert foreign_requests == []
