"""The site shell: health check, robots.txt, error pages, security headers."""

import re
from unittest import mock

import pytest
from django.db import DatabaseError
from django.test import Client

pytestmark = pytest.mark.django_db


def test_healthz_answers_200_when_the_database_answers(client: Client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_does_not(client: Client):
    with mock.patch("runwell.site.views.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503


def test_healthz_only_allows_get(client: Client):
    assert client.post("/healthz").status_code == 405


def test_robots_txt_keeps_crawlers_out_of_private_areas_and_names_the_sitemap(client: Client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Disallow: /accounts/" in body
    assert re.search(r"^Sitemap: http://\S+/sitemap\.xml$", body, re.M)


def test_an_unknown_address_gets_the_sites_own_404_page(client: Client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We could not find that page" in html
    assert 'class="site-header"' in html


def test_the_500_page_renders_without_the_database(rf):
    from runwell.site.views import server_error

    request = rf.get("/")
    with mock.patch("django.db.backends.base.base.BaseDatabaseWrapper.cursor") as cursor:
        response = server_error(request)
        cursor.assert_not_called()
    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.content


def test_every_page_carries_a_strict_content_security_policy(client: Client):
    policy = client.get("/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_the_shell_has_a_skip_link_landmarks_and_a_medical_disclaimer(client: Client):
    html = client.get("/").content.decode()
    assert '<a class="skip-link" href="#main">' in html
    for landmark in ("<header", "<nav", '<main id="main"', "<footer"):
        assert landmark in html
    assert "Not medical advice." in html
    assert '<html lang="en">' in html


def test_pages_ask_no_other_host_for_anything(client: Client):
    html = client.get("/").content.decode()
    external = re.findall(r'(?:src|href)="(?:https?:)?//[^"]+"', html)
    assert external == []


def test_static_assets_are_served_by_the_site_itself(client: Client):
    response = client.get("/static/css/site.css")
    assert response.status_code == 200


def test_the_api_docs_are_served_from_the_site_itself(client: Client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert re.findall(r'(?:src|href)="(?:https?:)?//[^"]+"', response.content.decode()) == []
