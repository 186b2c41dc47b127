"""Addresses and names: slugs as WordPress had them, one category per name, authors under
their display name, logins that never take over an account, titles shown as text."""

from datetime import datetime

import pytest
from django.contrib.auth import get_user_model

from runwell.articles.actions import do_write_starter_article
from runwell.articles.models import Article, Category, Page
from runwell.articles.starter_files import StarterArticle
from runwell.wordpress.models import Redirect
from runwell.wordpress.tests.helpers import run_import
from runwell.wordpress.tests.samples import P, write, wxr

pytestmark = pytest.mark.django_db

ADMIN_AUTHOR = (
    "<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[admin]]>"
    "</wp:author_login><wp:author_email><![CDATA[owner@example.org]]></wp:author_email>"
    "<wp:author_display_name><![CDATA[Coach Sam]]></wp:author_display_name>"
    "<wp:author_first_name><![CDATA[Samantha]]></wp:author_first_name>"
    "<wp:author_last_name><![CDATA[Okafor]]></wp:author_last_name></wp:author>"
)


def username(article):
    assert article.author is not None
    return article.author.username


def with_admin_author(*items):
    return wxr(*items).replace("<wp:author>", ADMIN_AUTHOR + "<wp:author>", 1)


@pytest.mark.parametrize(
    ("post_name", "slug"),
    [("%ce%b5%cf%80%ce%af%cf%80%ce%b5%ce%b4%ce%bf-2", "επίπεδο-2"),
     ("%e6%97%a5%e6%9c%ac%e8%aa%9e%e3%83%86%e3%82%b9%e3%83%88", "日本語テスト"),
     ("%e7%bd%91%e7%bb%9c", "网络")],
)  # fmt: skip
def test_non_latin_slugs_stay_as_they_were(client, tmp_path, post_name, slug):
    link = f"https://blog.example.org/{post_name}/"
    run_import(write(tmp_path, wxr(P(1, title="Title", slug=post_name, link=link))))
    article = Article.objects.get()
    assert article.slug == slug
    assert client.get(article.get_absolute_url()).status_code == 200
    response = client.get(f"/{post_name}/")
    assert (response.status_code, response["Location"]) == (301, article.get_absolute_url())


def test_a_category_gets_one_slug_whichever_path_made_it_first(tmp_path, django_user_model):
    editor = django_user_model.objects.create_user("editor")
    source = StarterArticle(
        title="Starter", slug="starter", summary="", categories=("Rücken",), tags=("Hügel",),
        published_at=datetime.fromisoformat("2024-01-01T00:00:00+00:00"), body="Text",
    )  # fmt: skip
    do_write_starter_article(source, editor, None)
    post = P(1, terms=[("category", "r%c3%bccken", "Rücken"), ("post_tag", "h%c3%bcgel", "Hügel")])
    run_import(write(tmp_path, wxr(post)))
    assert list(Category.objects.values_list("slug", flat=True)) == ["rücken"]
    imported = Article.objects.get(slug="a-post")
    assert [c.slug for c in imported.categories.all()] == ["rücken"]
    assert [t.slug for t in imported.tags.all()] == ["hügel"]


def test_category_tag_and_author_addresses_lead_to_their_listings(client, tmp_path):
    cats = (
        "<wp:category><wp:term_id>3</wp:term_id><wp:category_nicename>injuries"
        "</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>"
        "<![CDATA[Injuries]]></wp:cat_name></wp:category>"
        "<wp:category><wp:term_id>4</wp:term_id><wp:category_nicename>back"
        "</wp:category_nicename><wp:category_parent>injuries</wp:category_parent>"
        "<wp:cat_name><![CDATA[Back]]></wp:cat_name></wp:category>"
    )
    post = P(1, terms=[("category", "back", "Back"), ("post_tag", "hills", "Hills")])
    run_import(write(tmp_path, wxr(post, categories=cats)))
    for old, new in [("/category/injuries/back/", "/categories/back/"),
                     ("/category/back/", "/categories/back/"), ("/tag/hills/", "/tags/hills/"),
                     ("/author/alice/", "/authors/alice-runner/")]:  # fmt: skip
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, new)
        assert client.get(new).status_code == 200


def test_the_byline_shows_the_display_name_never_the_login(client, tmp_path):
    run_import(write(tmp_path, with_admin_author(P(1, creator="admin"))))
    user = Article.objects.get().author
    assert user is not None
    assert user.get_full_name() == "Coach Sam"
    page = client.get(Article.objects.get().get_absolute_url()).content.decode()
    byline = page.split('class="byline"')[1].split("</div>")[0]
    assert "Coach Sam" in byline
    assert ">admin<" not in byline and ">admin-imported<" not in byline


def test_an_imported_admin_login_before_the_first_start_leaves_admin_to_the_site(tmp_path):
    report = run_import(write(tmp_path, with_admin_author(P(1, creator="admin"))))
    assert username(Article.objects.get()) == "admin-imported"
    assert any("“admin” is kept for the site's first admin" in w for w in report["warnings"])


def test_a_login_taken_here_gets_a_clear_stable_new_name(tmp_path):
    owner = get_user_model().objects.create_superuser("admin", password="x")
    path = write(tmp_path, with_admin_author(P(1, creator="admin"), P(2, creator="admin")))
    report = run_import(path)
    credited = {username(a) for a in Article.objects.all()}
    assert credited == {"admin-imported"}
    assert any("“admin” is taken here" in w and "admin-imported" in w for w in report["warnings"])
    # Later runs, and a second blog with its own "admin", keep to their names.
    Article.objects.all().delete()
    run_import(path)
    assert {username(a) for a in Article.objects.all()} == {"admin-imported"}
    other = with_admin_author(P(9, guid="https://other.example/?p=9", creator="admin")).replace(
        "https://blog.example.org", "https://other.example"
    )
    run_import(write(tmp_path, other, "other.xml"))
    assert username(Article.objects.get(slug="a-post-3")) == "admin-imported-2"
    owner.refresh_from_db()
    assert owner.is_superuser and owner.has_usable_password()
    assert not get_user_model().objects.get(username="admin-imported").is_active


def test_html_in_a_title_is_shown_as_its_words(tmp_path):
    run_import(write(tmp_path, wxr(P(1, title="&lt;em&gt;Hill&lt;/em&gt; repeats &amp; more",
                                     slug="hills"))))  # fmt: skip
    assert Article.objects.get().title == "Hill repeats & more"


def test_a_draft_dated_1970_keeps_no_date(tmp_path):
    text = wxr(P(1, status="draft", date_gmt="0000-00-00 00:00:00")).replace(
        "Wed, 01 Jan 2020 09:30:00 +0000", "Thu, 01 Jan 1970 00:00:00 +0000"
    )
    run_import(write(tmp_path, text))
    article = Article.objects.get()
    assert article.published_at is None
    assert article.created_at.year > 1970


def test_a_draft_gets_no_old_address_so_p_id_does_not_reveal_it(client, tmp_path):
    run_import(write(tmp_path, wxr(P(13, title="Secret plans", status="draft"))))
    assert not Redirect.objects.exists()
    response = client.get("/?p=13")
    assert response.status_code == 200  # the home page, as for any unknown id
    assert "secret-plans" not in response.content.decode()


def test_a_page_avoids_every_address_the_urlconf_answers(tmp_path):
    run_import(write(tmp_path, wxr(P(1, title="Article preview", slug="article-preview",
                                     type="page"))))  # fmt: skip
    assert Page.objects.get().slug == "article-preview-2"
