"""Who wrote and reviewed an article, when, its sources, and the site's own pages."""

from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command

from runwell.articles.actions import do_ensure_author_profile
from runwell.articles.models import AuthorProfile, Page, display_name
from runwell.articles.rendering import render_article
from runwell.articles.starter import load_pages
from runwell.testing.factories import make_article, make_user

pytestmark = pytest.mark.django_db

CONTENT = Path(__file__).resolve().parents[3] / "content"


@pytest.fixture
def reviewer(db):
    user = make_user("drlee", first_name="Amy", last_name="Lee")
    return do_ensure_author_profile(
        user, display_name="Dr Amy Lee", credentials="Consultant in sports medicine",
        bio="Twenty years with runners.",
    )  # fmt: skip


def test_an_article_names_its_writer_and_reviewer_with_credentials_and_review_dates(
    client, writer, reviewer
):
    article = make_article(author=writer, reviewed_by=reviewer.user,
                           last_reviewed=date(2026, 6, 8))  # fmt: skip
    assert article.next_review_due == date(2029, 6, 8)  # three years on, unless given
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Written by" in html and 'href="/authors/ana-ruiz/"' in html
    assert "Reviewed by" in html and "Dr Amy Lee" in html
    assert "Consultant in sports medicine" in html
    assert 'Page last reviewed: <time datetime="2026-06-08">8 June 2026</time>' in html
    assert 'Next review due: <time datetime="2029-06-08">8 June 2029</time>' in html
    assert "drlee" not in html and ">ana<" not in html  # never a login name


def test_bylines_never_show_a_login_name(db):
    nameless = make_user("x7runner")
    assert display_name(nameless) == "Runwell editors"
    make_article(author=nameless)
    profile = AuthorProfile.objects.get(user=nameless)  # made on the first article
    assert profile.display_name == "Runwell editors" and "x7runner" not in profile.slug


def test_the_list_and_the_feed_carry_the_bylines_and_review_dates(client, writer, reviewer):
    make_article(title="Reviewed one", author=writer, reviewed_by=reviewer.user,
                 last_reviewed=date(2026, 6, 8))  # fmt: skip
    home = client.get("/").content.decode()
    assert 'By <span class="byline-name">Ana Ruiz</span>' in home
    assert 'Last reviewed <time datetime="2026-06-08">8 June 2026</time>' in home
    feed = client.get("/feed/").content.decode()
    assert "<name>Ana Ruiz</name>" in feed
    assert (
        "<contributor><name>Dr Amy Lee, Consultant in sports medicine</name></contributor>" in feed
    )
    assert "Last reviewed 8 June 2026 by Dr Amy Lee" in feed


def test_an_author_page_shows_the_bio_and_what_they_wrote_and_reviewed(client, writer, reviewer):
    make_article(title="Checked by Amy", author=writer, reviewed_by=reviewer.user)
    html = client.get("/authors/dr-amy-lee/").content.decode()
    assert "Twenty years with runners." in html and "Articles reviewed" in html
    assert "Checked by Amy" in html


def test_sources_with_a_url_or_a_doi_become_links():
    html = render_article(
        "Text.\n\n## Sources\n\n- Belavý, Sci Rep 2017, doi 10.1038/srep45975.\n"
        "- NICE, https://www.nice.org.uk/guidance/ng59.\n- Fredericson, Phys Sportsmed 2003.\n",
        "markdown",
    ).html
    assert (
        '<a href="https://doi.org/10.1038/srep45975" rel="noopener">doi 10.1038/srep45975</a>.'
        in html
    )
    assert '<a href="https://www.nice.org.uk/guidance/ng59" rel="noopener">' in html
    assert "Fredericson, Phys Sportsmed 2003." in html


def test_every_starter_source_line_with_a_doi_renders_it_as_a_link():
    for path in (CONTENT / "articles").glob("*.md"):
        html = render_article(path.read_text(encoding="utf-8").split("+++", 2)[2], "markdown").html
        sources = html.split('<section class="sources"')[1]
        assert sources.count("doi ") <= sources.count('href="https://doi.org/'), path.name


def test_the_starter_pages_exist_from_the_first_start_and_are_never_overwritten(client):
    assert load_pages(CONTENT) == {"pages created": 3}
    privacy = " ".join(client.get("/privacy/").content.decode().split())
    for stored in ("Comments", "Accounts", "pain check", "Training log", "Download all your data",
                   "Delete your account", "two days"):  # fmt: skip
        assert stored in privacy, stored
    Page.objects.filter(slug="about").update(title="About us, edited")
    assert load_pages(CONTENT) == {"pages created": 0}
    assert Page.objects.get(slug="about").title == "About us, edited"


def test_loadcontent_brings_the_pages_and_the_footer_links_them(client, capsys):
    call_command("loadcontent", content_dir=str(CONTENT))
    assert "pages created 3" in capsys.readouterr().out
    html = client.get("/contact/").content.decode()
    for link in ('href="/about/"', 'href="/privacy/"', 'href="/contact/"', 'href="/site-map/"',
                 "New articles in your feed reader"):  # fmt: skip
        assert link in html
    assert "Write to us" in html


def test_the_contact_page_gives_the_configured_address(client, settings):
    settings.CONTACT_EMAIL = "editors@runwell.example"
    load_pages(CONTENT)
    assert 'href="mailto:editors@runwell.example"' in client.get("/contact/").content.decode()


def test_the_site_map_lists_articles_by_topic_and_explains_the_feed(client, category):
    make_article(title="Filed", categories=[category])
    make_article(title="Loose")
    html = client.get("/site-map/").content.decode()
    assert "Back pain" in html and "Filed" in html and "Other articles" in html
    assert "feed reader" in html and 'href="/sitemap.xml"' in html


def test_the_contents_list_numbers_sections_and_subsections_alike(client):
    body = "## One\n\n### One a\n\n### One b\n\n## Two\n\n## Three\n"
    html = client.get(make_article(body=body).get_absolute_url()).content.decode()
    toc = html.split('class="toc-list"')[1].split("</nav>")[0]
    assert toc.index('href="#one"') < toc.index("<ol>") < toc.index('href="#one-a"')
    assert toc.index('href="#one-b"') < toc.index('href="#two"')


def test_every_article_offers_the_pain_check(client):
    html = client.get(make_article().get_absolute_url()).content.decode()
    assert "Back pain now? Check what to do in 3 minutes" in html
    assert 'href="/pain-check/"' in html


def test_an_author_profile_is_in_the_data_export_and_goes_with_the_account(client, reviewer):
    from runwell.lib import personal_data

    exported = personal_data.export_all(reviewer.user)["author_profile"]
    assert exported["credentials"] == "Consultant in sports medicine"
    personal_data.erase_all(reviewer.user)
    assert not AuthorProfile.objects.filter(pk=reviewer.pk).exists()
