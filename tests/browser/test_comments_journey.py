"""Readers discuss an article; a moderator approves a held reply (real Chromium)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from runwell.articles.models import Article
from runwell.comments.models import Comment, CommentStatus
from runwell.comments.threads import clear_cache

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def thread(django_user_model, settings):
    settings.COMMENT_MIN_SECONDS = 0
    settings.COMMENT_FLOOD_SECONDS = 0
    settings.COMMENT_RATE_LIMIT = "0"
    clear_cache()
    editor = django_user_model.objects.create_superuser("mod", "mod@example.org", "mod-Password-9")
    article = Article.objects.create(
        title="Can running cause back pain?",
        slug="can-running-cause-back-pain",
        body="Running is mostly good for backs.",
        author=editor,
        status="published",
        published_at=timezone.now() - timedelta(days=1),
    )
    priya = Comment.objects.create(
        article=article, author_name="Priya", author_email="priya@example.org",
        body="Does *downhill* running make it worse?", status=CommentStatus.APPROVED,
    )  # fmt: skip
    Comment.objects.create(
        article=article, parent=priya, depth=1, author_name="Runwell editors", is_author=True,
        user=editor, body="Often, yes.", status=CommentStatus.APPROVED,
    )  # fmt: skip
    jo = Comment.objects.create(
        article=article, author_name="Jo", author_email="jo@example.org",
        author_url="https://example.org/jo", body="Hills helped me.", status="approved",
    )  # fmt: skip
    return article, priya, jo


def _fill(page: Page, text: str) -> None:
    page.get_by_role("textbox", name="Name", exact=True).fill("Alex")
    page.get_by_role("textbox", name="Email", exact=True).fill("alex@example.org")
    page.get_by_role("textbox", name="Comment", exact=True).fill(text)


def _reply_journey(page: Page, site: str, thread, axe_check) -> None:
    article, priya, jo = thread
    page.goto(f"{site}{article.get_absolute_url()}")
    expect(
        page.get_by_role("heading", name="3 thoughts on “Can running cause back pain?”")
    ).to_be_visible()
    expect(page.locator(f"#comment-{priya.pk} .badge-author")).to_have_text("Author")
    axe_check(page)

    page.get_by_role("link", name="Reply to Priya").click()
    expect(page.get_by_role("heading", name=re.compile("Leave a Reply to Priya"))).to_be_visible()
    expect(page.locator(f"#comment-{priya.pk} #respond")).to_have_count(1)
    axe_check(page)
    page.get_by_role("link", name="Cancel reply").click()
    expect(
        page.get_by_role(
            "heading", name=re.compile(r"^Leave a Reply\s*Cancel reply$|^Leave a Reply$")
        )
    ).to_be_visible()
    expect(page.locator(f"#comment-{priya.pk} #respond")).to_have_count(0)

    page.get_by_role("link", name="Reply to Jo").click()
    expect(page.get_by_role("heading", name=re.compile("Leave a Reply to Jo"))).to_be_visible()
    _fill(page, "Which hills, *how steep*?")
    page.get_by_role("button", name="Post Comment").click()
    mine = page.locator(".is-pending")
    expect(mine).to_contain_text("Your comment is awaiting moderation.")
    expect(page.locator(f"#comment-{jo.pk} .children .is-pending")).to_contain_text("how steep")
    axe_check(page)


def _approve_and_read(browser: Browser, site: str, thread, axe_check) -> None:
    article, _priya, jo = thread
    reply = Comment.objects.get(author_name="Alex")
    assert reply.parent_id == jo.pk and reply.status == CommentStatus.PENDING

    anonymous = browser.new_context().new_page()
    anonymous.goto(f"{site}{article.get_absolute_url()}")
    expect(anonymous.get_by_text("how steep")).to_have_count(0)

    moderator = browser.new_context().new_page()
    moderator.goto(f"{site}/admin/comments/comment/?status__exact=pending")
    moderator.get_by_label("Username").fill("mod")
    moderator.get_by_label("Password").fill("mod-Password-9")
    moderator.get_by_role("button", name="Log in").click()
    expect(moderator.get_by_text("Which hills")).to_be_visible()
    axe_check(moderator)
    moderator.locator(f"input[name=_selected_action][value='{reply.pk}']").check()
    moderator.locator("select[name=action]").select_option("approve")
    moderator.get_by_role("button", name="Go").click()
    expect(moderator.get_by_text("1 comment(s) marked approved.")).to_be_visible()

    anonymous.reload()
    expect(
        anonymous.get_by_role("heading", name="4 thoughts on “Can running cause back pain?”")
    ).to_be_visible()
    nested = anonymous.locator(f"#comment-{jo.pk} .children #comment-{reply.pk}")
    expect(nested).to_contain_text("how steep")
    expect(nested).not_to_contain_text("awaiting moderation")
    assert "alex@example.org" not in anonymous.content()
    axe_check(anonymous)


def test_a_reader_replies_and_a_moderator_approves(
    page: Page, browser: Browser, site, thread, axe_check, foreign_requests
):
    _reply_journey(page, site, thread, axe_check)
    _approve_and_read(browser, site, thread, axe_check)
    assert foreign_requests == []


def test_the_same_journey_without_javascript(browser: Browser, site, thread, axe_check):
    article, priya, jo = thread
    no_js = browser.new_context(java_script_enabled=False)
    page = no_js.new_page()
    checker = browser.new_context().new_page()

    def axe_same_page(page: Page) -> None:
        # axe needs JavaScript: check the same address, with the same cookies, elsewhere.
        checker.context.clear_cookies()
        checker.context.add_cookies(no_js.cookies())
        checker.goto(page.url)
        axe_check(checker)

    page.goto(f"{site}{article.get_absolute_url()}")
    axe_same_page(page)
    page.get_by_role("link", name="Reply to Priya").click()
    expect(page).to_have_url(re.compile(rf"\?replytoc={priya.pk}#respond$"))
    expect(page.get_by_role("heading", name=re.compile("Leave a Reply to Priya"))).to_be_visible()
    expect(page.locator(f"#comment-{priya.pk} #respond")).to_have_count(1)
    axe_same_page(page)
    page.get_by_role("link", name="Cancel reply").click()
    expect(page.locator(f"#comment-{priya.pk} #respond")).to_have_count(0)
    expect(page.get_by_role("link", name="Cancel reply")).to_be_hidden()
    page.get_by_role("link", name="Reply to Jo").click()
    expect(page.get_by_role("heading", name=re.compile("Leave a Reply to Jo"))).to_be_visible()
    _fill(page, "Which hills, *how steep*?")
    page.get_by_role("button", name="Post Comment").click()
    expect(page.locator(f"#comment-{jo.pk} .children .is-pending")).to_contain_text(
        "Your comment is awaiting moderation."
    )
    axe_same_page(page)
    _approve_and_read(browser, site, thread, axe_check)
