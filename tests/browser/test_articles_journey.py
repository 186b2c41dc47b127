"""A reader finds an article, follows a tag, searches and opens a result; an author previews."""

import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from runwell.articles.starter import load_articles
from runwell.articles.tests.conftest import CONTENT_DIR

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def library():
    load_articles(CONTENT_DIR)


def test_a_reader_goes_from_home_to_an_article_a_tag_search_and_a_result(
    page: Page, site: str, axe_check, foreign_requests, library
):
    page.goto(f"{site}/")
    expect(page.get_by_role("link", name="Start the pain check")).to_be_visible()
    axe_check(page)

    page.get_by_role("link", name="Sciatica in runners: when leg pain needs a doctor").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Sciatica in runners"))
    expect(page.get_by_text("Written by")).to_be_visible()
    expect(page.get_by_role("navigation", name="Contents")).to_be_visible()
    expect(page.locator("figure figcaption")).to_have_text(re.compile("Gentle movement"))
    axe_check(page)

    page.get_by_role("link", name="nerve pain", exact=True).click()
    expect(page).to_have_url(re.compile(r"/tags/nerve-pain/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("nerve pain")
    axe_check(page)

    page.get_by_label("Search articles").fill("sciatica")
    page.get_by_role("button", name="Search", exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/search/\?q=sciatica"))
    results = page.locator(".search-results .entry-title a")
    expect(results.first).to_have_text(re.compile("Sciatica in runners"))
    expect(page.locator(".snippet mark").first).to_be_visible()
    axe_check(page)

    page.get_by_role("link", name="Pain between the shoulder blades when running").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Pain between the shoulder blades when running"
    )
    axe_check(page)

    for path in ["/feed/", "/categories/upper-back/", "/authors/runwell-editors/", "/nope/"]:
        page.goto(f"{site}{path}")
        if path != "/feed/":
            axe_check(page)
    assert foreign_requests == []


def test_an_author_previews_markdown_in_the_admin(page: Page, site: str, library):
    User.objects.create_superuser("boss", "boss@example.org", "pw-Unusual-123")
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{site}/admin/login/")
    page.get_by_label("Username").fill("boss")
    page.get_by_label("Password").fill("pw-Unusual-123")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{site}/admin/articles/article/add/")
    page.locator("#id_title").fill("Hill repeats")
    page.locator("#id_body").fill('## First part\n\n![A hill](/static/x.svg "Up we go")')
    with page.context.expect_page() as opened:
        page.get_by_role("button", name="Preview as readers will see it").click()
    preview = opened.value
    preview.wait_for_load_state()
    # The public page's own template and styles, with the unsaved text.
    expect(preview.get_by_role("heading", level=1)).to_have_text("Hill repeats")
    expect(preview.locator(".article-body h2#first-part")).to_have_text("First part")
    expect(preview.locator(".article-body figcaption")).to_have_text("Up we go")
    expect(preview.locator(".site-header")).to_be_visible()
    assert not [e for e in errors if "Content Security Policy" in e]
