from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from runwell.articles.models import Page, Status
from runwell.articles.semantic import forget_vectors
from runwell.articles.suggestions import forget_vocabulary
from runwell.comments.conf import forget_stored_settings
from runwell.comments.threads import clear_cache
from runwell.testing.factories import make_article

pytestmark = pytest.mark.django_db


def test_the_home_page_lists_articles_categories_and_the_pain_check(client, category):
    make_article(title="Hello runners", categories=[category])
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hello runners" in html
    assert 'href="/categories/back-pain/"' in html
    assert reverse("paincheck:start") in html


def test_an_article_page_shows_date_author_taxonomy_toc_sources_and_related(
    client, writer, category, tag
):
    body = "## One\n\nText.\n\n## Two\n\nMore.\n\n## Three\n\n## Sources\n\n- NICE NG59\n"
    article = make_article(title="Main one", body=body, author=writer, categories=[category],
                           tags=[tag])  # fmt: skip
    make_article(title="Sibling", tags=[tag])
    make_article(title="Stranger")
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert "Published" in html and "Ana Ruiz" in html
    assert 'href="/authors/ana-ruiz/"' in html
    assert "/authors/ana/" not in html  # a login name is never shown
    assert 'href="/categories/back-pain/"' in html and 'href="/tags/sciatica/"' in html
    assert 'class="toc"' in html and 'href="#two"' in html
    assert 'class="sources"' in html
    related = html.split('id="related-title"')[1]
    assert "Sibling" in related and "Stranger" not in related
    assert 'id="comments"' in html


def test_related_articles_rank_by_shared_tags(client, tag, category):
    from runwell.articles.models import Tag

    other = Tag.objects.create(name="core", slug="core")
    article = make_article(tags=[tag, other])
    one = make_article(title="Shares one", categories=[category], tags=[tag])
    two = make_article(title="Shares two", tags=[tag, other])
    from runwell.articles.queries import related_articles

    assert related_articles(article)[:2] == [two, one]


def test_unknown_slugs_give_the_sites_404_page(client):
    for url in ["/articles/nope/", "/categories/nope/", "/tags/nope/", "/authors/nobody/",
                "/no-such-page/", "/categories/nope/feed/"]:  # fmt: skip
        response = client.get(url)
        assert response.status_code == 404, url
    assert "We could not find that page" in client.get("/articles/nope/").content.decode()


@pytest.mark.parametrize(
    "fields",
    [{"status": Status.DRAFT}, {"published_at": timezone.now() + timedelta(days=3)}],
)
def test_drafts_and_scheduled_articles_are_previewed_by_staff_only(client, staff, fields):
    article = make_article(**fields)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert article.title not in client.get("/").content.decode()
    client.force_login(staff)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Preview." in response.content.decode()


def test_an_author_page_exists_only_for_people_who_have_published(client, writer, staff):
    make_article(author=writer, title="By Ana")
    assert "By Ana" in client.get("/authors/ana-ruiz/").content.decode()
    assert client.get("/authors/ana/").status_code == 404  # the login name is no address
    assert client.get("/authors/ed/").status_code == 404


def test_listings_are_paginated(client, category):
    for i in range(12):
        make_article(title=f"Entry {i:02}", categories=[category])
    first = client.get("/categories/back-pain/").content.decode()
    second = client.get("/categories/back-pain/?page=2").content.decode()
    assert first.count('class="entry"') == 10 and second.count('class="entry"') == 2
    assert 'rel="next"' in first
    assert client.get("/categories/back-pain/?page=zz").status_code == 200


def test_the_search_page_shows_ranked_results_with_highlights(client, starter_library):
    response = client.get("/search/", {"q": "sciatica"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Sciatica in runners") < html.index("Pain between the shoulder blades")
    assert "<mark>" in html


@pytest.mark.parametrize("q", ["", "!!!", "x" * 5000, "腰痛"])
def test_the_search_page_copes_with_odd_queries(client, q):
    assert client.get("/search/", {"q": q}).status_code == 200


def test_pages_are_served_at_the_top_level_and_drafts_only_to_staff(client, staff):
    Page.objects.create(title="About us", slug="about", body="We are *runners*.",
                        status=Status.PUBLISHED)  # fmt: skip
    Page.objects.create(title="Secret", slug="secret", status=Status.DRAFT)
    response = client.get("/about/")
    assert response.status_code == 200 and "<em>runners</em>" in response.content.decode()
    assert client.get("/secret/").status_code == 404
    client.force_login(staff)
    assert client.get("/secret/").status_code == 200


@pytest.mark.parametrize("url", ["/", "/articles/article-x/", "/tags/t/", "/categories/c/",
                                 "/authors/ana-ruiz/", "/search/?q=a", "/about/",
                                 "/site-map/"])  # fmt: skip
def test_reader_pages_only_allow_get_and_head(client, url):
    assert client.post(url).status_code == 405


def test_the_preview_is_for_staff_only_and_post_only(client, staff, writer):
    url = reverse("articles:preview")
    assert client.post(url, {"body": "## Hi"}).status_code == 302  # to the admin login
    client.force_login(writer)
    assert client.post(url, {"body": "## Hi"}).status_code == 302
    client.force_login(staff)
    assert client.get(url).status_code == 405
    response = client.post(url, {"body": "## Hi\n\n<script>x()</script>"})
    html = response.content.decode()
    assert response.status_code == 200 and '<h2 id="hi">Hi</h2>' in html
    assert "<script>" not in html


def _forget_discussion_caches() -> None:
    # The comment section keeps its rules and rendered thread in per-process caches
    # that expire with time; start both measurements from the same (cold) state.
    forget_stored_settings()
    clear_cache()
    forget_vectors()
    forget_vocabulary()


def _constant_queries(client, django_assert_num_queries, url, add_articles):
    client.get(url)  # warm caches (content types, site) outside the measurement
    _forget_discussion_caches()
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    expected = len(few.captured_queries)  # read now: each request clears the query log
    add_articles()
    client.get(url)  # what is rebuilt once after a change (the search vocabulary) is built
    _forget_discussion_caches()
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", ["/", "/categories/back-pain/", "/tags/sciatica/",
                                 "/authors/ana-ruiz/", "/search/?q=running", "/feed/",
                                 "/search/?q=zzyzx", "/site-map/",
                                 "/categories/back-pain/feed/", "/sitemap.xml"])  # fmt: skip
def test_list_pages_use_a_constant_number_of_queries(
    client, django_assert_num_queries, url, writer, category, tag
):
    def more() -> None:
        for _ in range(15):
            make_article(author=writer, categories=[category], tags=[tag])

    make_article(author=writer, categories=[category], tags=[tag])
    _constant_queries(client, django_assert_num_queries, url, more)


def test_the_article_page_uses_a_constant_number_of_queries(
    client, django_assert_num_queries, writer, category, tag
):
    article = make_article(author=writer, categories=[category], tags=[tag])

    def more() -> None:
        for _ in range(15):
            make_article(author=writer, categories=[category], tags=[tag])

    _constant_queries(client, django_assert_num_queries, article.get_absolute_url(), more)


def test_publishing_without_a_date_publishes_now(client):
    article = make_article(published_at=None)
    assert article.published_at is not None
    assert client.get(article.get_absolute_url()).status_code == 200


def test_a_site_with_no_articles_yet_still_has_a_home_page(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "No articles here yet." in html
    assert reverse("paincheck:start") in html


def test_a_category_without_published_articles_says_so(client, category):
    make_article(status=Status.DRAFT, categories=[category])
    html = client.get(category.get_absolute_url()).content.decode()
    assert "No articles here yet." in html


def test_a_page_number_past_the_last_shows_the_last_page(client, category):
    for _ in range(3):
        make_article(categories=[category])
    response = client.get(category.get_absolute_url(), {"page": "99"})
    assert response.status_code == 200
    assert response.content.decode().count('class="entry"') == 3
    assert client.get(category.get_absolute_url(), {"page": "abc"}).status_code == 200
