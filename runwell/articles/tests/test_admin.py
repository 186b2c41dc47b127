import pytest
from django.contrib.auth.models import User

from runwell.articles.models import Article, Category, Status, Tag
from runwell.testing.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = User.objects.create_superuser("boss", "boss@example.org", "pw-Unusual-123")
    client.force_login(user)
    client.user = user
    return client


def test_the_article_form_offers_a_preview_and_an_image_uploader_without_inline_script(
    admin_client,
):
    html = admin_client.get("/admin/articles/article/add/").content.decode()
    assert 'formaction="/article-preview/"' in html and 'formtarget="_blank"' in html
    assert 'data-image-upload-url="/admin/articles/article/images/upload/"' in html
    assert 'data-image-library-url="/admin/articles/articleimage/add/"' in html
    assert "js/editor.js" in html
    assert "prepopulated" in html  # the slug follows the title


def test_an_article_written_in_the_admin_gets_its_author_and_rendering(admin_client):
    category = Category.objects.create(name="Training", slug="training")
    tag = Tag.objects.create(name="hills", slug="hills")
    response = admin_client.post(
        "/admin/articles/article/add/",
        {
            "title": "Hill repeats",
            "slug": "hill-repeats",
            "summary": "Short and steep.",
            "body": "## Why\n\nStrength.\n",
            "body_format": "markdown",
            "status": Status.PUBLISHED,
            "published_at_0": "2026-01-02",
            "published_at_1": "08:00:00",
            "comments_open": "on",
            "categories": [category.pk],
            "tags": [tag.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(slug="hill-repeats")
    assert article.author == admin_client.user
    assert '<h2 id="why">Why</h2>' in article.body_html


@pytest.mark.parametrize(
    "url",
    [
        "/admin/articles/article/?q=hills&status__exact=published",
        "/admin/articles/category/?q=a",
        "/admin/articles/tag/?q=a",
        "/admin/articles/page/?status__exact=draft",
        "/admin/articles/page/add/",
    ],
)
def test_admin_lists_search_and_filter(admin_client, url):
    make_article(title="Hills and backs")
    assert admin_client.get(url).status_code == 200


def test_readers_cannot_reach_the_admin(client):
    assert client.get("/admin/articles/article/").status_code == 302
