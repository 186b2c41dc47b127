"""A health site people trust, in a real Chromium: comments that never lose a reader, a
phone at 320 px, dark mode, printing, and the author's image and moderation queue."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from runwell.articles.starter import load_articles, load_pages
from runwell.comments.models import Comment, CommentStatus
from runwell.comments.starter import load_threads
from runwell.comments.threads import clear_cache
from runwell.testing.factories import make_comment

pytestmark = pytest.mark.django_db(transaction=True)

ARTICLE = "/articles/can-running-cause-back-pain/"
NO_SIDEWAYS = "() => document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture
def library(settings):
    settings.COMMENT_MIN_SECONDS = 0
    settings.COMMENT_FLOOD_SECONDS = 0
    settings.COMMENT_RATE_LIMIT = "0"
    clear_cache()
    content = Path(settings.CONTENT_DIR)
    load_articles(content)
    load_threads(content)
    load_pages(content)


def _refuse_a_comment(page: Page, site: str) -> str:
    page.goto(f"{site}{ARTICLE}")
    text = "Does my ache after long runs mean I should stop?\n\nIt started two weeks ago."
    page.get_by_role("textbox", name="Name", exact=True).fill("Alex")
    page.get_by_role("textbox", name="Email", exact=True).fill("alex-at-example")
    page.get_by_role("textbox", name="Comment", exact=True).fill(text)
    page.get_by_role("button", name="Post Comment").click()
    expect(page).to_have_url(re.compile(r"/comments/post/#respond$"))
    summary = page.locator("#comment-errors")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Please give a valid email address.")
    assert page.get_by_role("textbox", name="Comment", exact=True).input_value() == text
    return text


def test_a_refused_comment_lands_on_the_error_summary_with_the_text_kept(
    page: Page, site, library, axe_check
):
    _refuse_a_comment(page, site)
    assert page.evaluate("() => document.activeElement.id") == "comment-errors"
    box = page.locator("#comment-errors").bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"]
    page.locator("#comment-errors").get_by_role("link").click()
    assert page.evaluate("() => document.activeElement.id") == "id_author_email"
    axe_check(page)
    # The counter counts down, and over the limit says so, never cutting the text.
    body = page.get_by_role("textbox", name="Comment", exact=True)
    body.fill("x" * 10_005)
    expect(page.locator("#id_body_count")).to_have_text("You have 5 characters too many")
    assert len(body.input_value()) == 10_005


def test_the_same_refusal_without_javascript(browser: Browser, site, library):
    page = browser.new_context(java_script_enabled=False).new_page()
    _refuse_a_comment(page, site)
    box = page.locator("#respond").bounding_box()
    assert box is not None and box["y"] < page.viewport_size["height"]  # scrolled to the form


@pytest.mark.parametrize("java_script", [True, False])
def test_a_320px_phone_never_scrolls_sideways(
    browser: Browser, site, library, axe_check, java_script
):
    context = browser.new_context(viewport={"width": 320, "height": 640},
                                  java_script_enabled=java_script)  # fmt: skip
    page = context.new_page()
    checker = browser.new_context(viewport={"width": 320, "height": 640}).new_page()
    for url in ["/", ARTICLE, "/pain-check/", "/search/?q=sciatica", "/search/?q=zzz",
                "/privacy/"]:  # fmt: skip
        page.goto(f"{site}{url}")
        assert page.evaluate(NO_SIDEWAYS), f"{url} scrolls sideways at 320 px"
        expect(page.get_by_role("button", name="Search").first).to_be_visible()
        if not java_script:
            checker.goto(f"{site}{url}")
            axe_check(checker)
        else:
            axe_check(page)


def test_the_footer_sits_at_the_bottom_of_a_short_page(page: Page, site, library):
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto(f"{site}/accounts/login/")
    bottom = page.evaluate(
        "() => document.querySelector('.site-footer').getBoundingClientRect().bottom"
    )
    assert abs(bottom - 1000) < 2


def test_dark_mode_follows_the_system_and_stays_readable(
    browser: Browser, site, library, axe_check
):
    page = browser.new_context(color_scheme="dark").new_page()
    for url in ["/", ARTICLE, "/search/?q=sciatca"]:
        page.goto(f"{site}{url}")
        background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
        assert background == "rgb(17, 23, 22)", background
        axe_check(page)


def test_text_scales_with_the_browsers_font_size(browser: Browser, site, library):
    sizes = []
    for font in (16, 24):
        page = browser.new_context().new_page()
        page.goto(f"{site}{ARTICLE}")
        page.evaluate(f"() => document.documentElement.style.fontSize = '{font}px'")
        sizes.append(
            page.evaluate(
                "() => parseFloat(getComputedStyle("
                "document.querySelector('.article-body p')).fontSize)"
            )
        )
    assert sizes[1] == pytest.approx(sizes[0] * 1.5, rel=0.01)


def test_an_article_prints_in_two_or_three_pages_without_the_form_or_navigation(
    page: Page, site, library
):
    page.goto(f"{site}{ARTICLE}")
    page.emulate_media(media="print")
    for hidden in ["#commentform", ".site-header nav", ".header-search", ".toc", ".paincheck-box"]:
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.locator(".sources")).to_be_visible()
    pdf = page.pdf(format="A4", print_background=False)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 2 <= pages <= 3, f"the article prints on {pages} pages"


def _log_in(page: Page, site: str, admin_user) -> None:
    page.goto(f"{site}/admin/login/")
    page.get_by_label("Username").fill(admin_user.username)
    page.get_by_label("Password").fill("password")
    page.get_by_role("button", name="Log in").click()


def _jpeg(tmp_path: Path) -> Path:
    path = tmp_path / "hill-repeats.jpg"
    Image.new("RGB", (2400, 1600), (30, 120, 90)).save(path, "JPEG")
    return path


def test_the_author_inserts_an_image_and_approves_a_comment_from_the_queue(
    page: Page, site, library, admin_user, axe_check, tmp_path
):
    _log_in(page, site, admin_user)
    from runwell.articles.models import Article

    article = Article.objects.get(slug="can-running-cause-back-pain")
    page.goto(f"{site}/admin/articles/article/{article.pk}/change/")
    body = page.locator("#id_body")
    body.click()
    body.press("Control+Home")
    page.locator("#id_body-image-file").set_input_files(str(_jpeg(tmp_path)))
    page.get_by_role("button", name="Upload and insert").click()
    expect(page.locator("#id_body-image-alt-error")).to_have_text(
        "Describe the image for people who cannot see it."
    )
    page.locator("#id_body-image-alt").fill("A runner on a grassy hill")
    page.locator("#id_body-image-caption").fill("Hill repeats: shorter strides uphill")
    page.get_by_role("button", name="Upload and insert").click()
    expect(page.get_by_role("status").filter(has_text="Image inserted")).to_be_visible()
    assert body.input_value().startswith("![A runner on a grassy hill](/media/articles/inline/")
    page.get_by_role("button", name="Save", exact=True).click()
    page.goto(f"{site}{ARTICLE}")
    figure = page.locator(".article-body figure").first
    expect(figure.locator("figcaption")).to_have_text("Hill repeats: shorter strides uphill")
    assert figure.locator("img").evaluate("img => img.naturalWidth") == 1600
    axe_check(page)

    held = make_comment(
        article, author_name="Jo", body="Hills hurt me.", status=CommentStatus.PENDING
    )
    page.goto(f"{site}/admin/")
    page.get_by_role("link", name=re.compile("1 comment awaiting moderation")).click()
    expect(page.locator(".queue-item").first).to_contain_text("Hills hurt me.")
    axe_check(page)
    page.get_by_role("button", name="Approve the comment by Jo").click()
    expect(page.get_by_text("The comment by Jo was approved.")).to_be_visible()
    assert Comment.objects.get(pk=held.pk).status == CommentStatus.APPROVED


def test_the_queue_works_without_javascript(browser: Browser, site, library, admin_user):
    from runwell.articles.models import Article

    article = Article.objects.get(slug="can-running-cause-back-pain")
    held = make_comment(
        article, author_name="Kim", body="A question.", status=CommentStatus.PENDING
    )
    page = browser.new_context(java_script_enabled=False).new_page()
    _log_in(page, site, admin_user)
    page.goto(f"{site}/admin/comments/comment/queue/")
    page.get_by_role("button", name="Mark the comment by Kim as spam").click()
    expect(page.get_by_text("The comment by Kim was marked as spam.")).to_be_visible()
    assert Comment.objects.get(pk=held.pk).status == CommentStatus.SPAM
