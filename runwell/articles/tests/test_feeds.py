import pytest
from defusedxml import ElementTree

from runwell.articles.models import Status
from runwell.testing.factories import make_article

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def _parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ElementTree.fromstring(response.content)


def test_the_site_feed_is_atom_with_published_articles_only(client, writer, category):
    make_article(title="Out now", author=writer, categories=[category], summary="Short & sweet")
    make_article(title="Not yet", status=Status.DRAFT)
    root = _parse(client.get("/feed/"))
    assert root.tag == f"{ATOM}feed"
    assert root.find(f"{ATOM}title").text.endswith("latest articles")
    assert root.find(f"{ATOM}id") is not None and root.find(f"{ATOM}updated") is not None
    entries = root.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["Out now"]
    entry = entries[0]
    assert "/articles/article-" in entry.find(f"{ATOM}link").get("href")
    assert entry.find(f"{ATOM}author/{ATOM}name").text == "Ana Ruiz"
    assert entry.find(f"{ATOM}summary").text == "Short & sweet"
    assert entry.find(f"{ATOM}category").get("term") == "Back pain"
    assert entry.find(f"{ATOM}published") is not None


def test_a_category_feed_holds_only_that_category(client, category):
    make_article(title="In it", categories=[category])
    make_article(title="Elsewhere")
    root = _parse(client.get("/categories/back-pain/feed/"))
    assert [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")] == ["In it"]


def test_feeds_never_carry_an_email_address(client, writer):
    writer.email = "ana@example.org"
    writer.save()
    make_article(author=writer)
    assert b"ana@example.org" not in client.get("/feed/").content
