"""Old WordPress addresses answer 301 to the new ones."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from runwell.wordpress.models import Redirect
from runwell.wordpress.tests.helpers import run_import
from runwell.wordpress.tests.samples import P, write, wxr

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(tmp_path):
    export = wxr(
        P(12, title="Back pain", link="https://blog.example.org/2020/01/back-pain/"),
        P(30, title="About", type="page", link="https://blog.example.org/about-me/"),
        P(13, title="Unfinished", status="draft", link="https://blog.example.org/?p=13"),
    )
    return run_import(write(tmp_path, export))


def test_every_published_post_and_page_gets_its_old_addresses_and_a_draft_none(imported):
    assert dict(Redirect.objects.values_list("old_path", "new_path")) == {
        "/2020/01/back-pain/": "/articles/back-pain/",
        "/?p=12": "/articles/back-pain/",
        "/about-me/": "/about/",
        "/?p=30": "/about/",
        "/?page_id=30": "/about/",
        "/author/alice/": "/authors/alice-runner/",
    }
    assert imported["redirects"] == 6


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/2020/01/back-pain/", "/articles/back-pain/"),
        ("/2020/01/back-pain", "/articles/back-pain/"),
        ("/?p=12", "/articles/back-pain/"),
        ("/?page_id=30", "/about/"),
        ("/?p=30&replytocom=4", "/about/"),
        ("/index.php?p=12", "/articles/back-pain/"),
        ("/about-me/", "/about/"),
    ],
)
def test_an_old_address_answers_a_permanent_redirect(client, imported, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new


def test_the_redirect_leads_to_the_article(client, imported):
    response = client.get("/2020/01/back-pain/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [("/articles/back-pain/", 301)]


def test_an_unknown_address_still_answers_404(client, imported):
    assert client.get("/2019/nothing-here/").status_code == 404
    assert client.get("/?p=999").status_code == 200  # the home page, as before


def test_a_live_page_is_never_redirected(client, imported):
    Redirect.objects.create(old_path="/articles/back-pain/", new_path="/elsewhere/")
    assert client.get("/articles/back-pain/").status_code == 200


def test_a_post_request_to_an_old_address_is_not_redirected(client, imported):
    assert client.post("/2020/01/back-pain/").status_code == 404


def test_pages_that_answer_never_look_up_redirects(client, imported):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
        assert client.get("/articles/back-pain/").status_code == 200
    assert not [q for q in queries if "wordpress_redirect" in q["sql"]]
