"""Category and tag slugs come from one function; pages keep off the site's own addresses."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from runwell.articles.models import Page
from runwell.articles.slugs import reserved_page_slugs, term_slug


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Rücken", "rücken"), ("Lower back", "lower-back"), ("网络", "网络"),
     ("επίπεδο 2", "επίπεδο-2"), ("  Hills & dales ", "hills-dales")],
)  # fmt: skip
def test_a_term_slug_keeps_unicode_letters(name, slug):
    assert term_slug(name) == slug


def test_a_name_with_nothing_to_make_a_slug_of_gets_a_stable_one():
    assert term_slug("★", kind="tag") == term_slug("★", kind="tag")
    assert term_slug("★", kind="tag").startswith("tag-")
    assert term_slug("★") != term_slug("☆")


def test_the_reserved_page_slugs_come_from_the_urlconf():
    reserved = reserved_page_slugs()
    assert {"admin", "api", "articles", "article-preview", "search", "feed", "healthz",
            "media", "static", "pain-check", "comments", "accounts"} <= reserved  # fmt: skip
    assert "about" not in reserved


@pytest.mark.django_db
def test_a_page_cannot_take_an_address_the_site_answers(django_user_model):
    page = Page(title="Preview", slug="article-preview", body="x")
    with pytest.raises(ValidationError, match="answers /article-preview/ itself"):
        page.full_clean()
    Page(title="About", slug="about", body="x").full_clean()
