from datetime import timedelta

import pytest
from defusedxml import ElementTree
from django.utils import timezone

from runwell.articles.models import Page, Status
from runwell.testing.factories import make_article

pytestmark = pytest.mark.django_db
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_the_sitemap_lists_every_published_article_and_no_draft(client, category):
    published = [make_article(categories=[category]) for _ in range(3)]
    draft = make_article(status=Status.DRAFT)
    later = make_article(published_at=timezone.now() + timedelta(days=1))
    Page.objects.create(title="About", slug="about", status=Status.PUBLISHED)
    Page.objects.create(title="Hidden", slug="hidden", status=Status.DRAFT)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    urls = {loc.text for loc in root.iter(f"{NS}loc")}
    paths = {u.split("://", 1)[1].split("/", 1)[1] for u in urls}
    for article in published:
        assert article.get_absolute_url().lstrip("/") in paths
    assert draft.get_absolute_url().lstrip("/") not in paths
    assert later.get_absolute_url().lstrip("/") not in paths
    assert "categories/back-pain/" in paths
    assert "about/" in paths and "hidden/" not in paths
