import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from runwell.articles.images import MAX_WIDTH, shrink_image
from runwell.articles.models import Article
from runwell.testing.factories import make_article

pytestmark = pytest.mark.django_db


def _big_photo(width=4800, height=3200, fmt="JPEG", mode="RGB") -> bytes:
    # Random noise compresses badly, so this is a genuinely large file, like a phone photo.
    image = Image.frombytes(mode, (width, height), os.urandom(width * height * len(mode)))
    out = io.BytesIO()
    image.save(out, fmt, **({"quality": 95} if fmt == "JPEG" else {}))
    return out.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_an_uploaded_hero_image_is_resized_and_re_encoded():
    data = _big_photo()
    assert len(data) > 5_000_000
    article = make_article()
    article.hero_image = SimpleUploadedFile("holiday.jpeg", data, content_type="image/jpeg")
    article.hero_alt = "A runner on a beach"
    article.save()
    article.refresh_from_db()
    with Image.open(article.hero_image.path) as stored:
        assert stored.width == MAX_WIDTH and stored.height == 1067
        assert stored.format == "JPEG"
    assert article.hero_image.size < 1_500_000
    assert article.hero_image.name.endswith(".jpg")
    # The stored dimensions are the shrunk image's, for the page's width/height.
    assert (article.hero_width, article.hero_height) == (MAX_WIDTH, 1067)


def test_a_transparent_image_stays_transparent_png():
    data, ext = shrink_image(_big_photo(2000, 500, "PNG", "RGBA"))
    assert ext == ".png"
    with Image.open(io.BytesIO(data)) as image:
        assert image.mode == "RGBA" and image.width == MAX_WIDTH


def test_a_small_image_is_not_enlarged():
    data, _ = shrink_image(_big_photo(300, 200))
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (300, 200)


def test_saving_again_does_not_re_encode_a_stored_image():
    article = make_article()
    article.hero_image = SimpleUploadedFile("a.jpg", _big_photo(800, 600))
    article.save()
    name = article.hero_image.name
    article.title = "Renamed"
    article.save()
    assert Article.objects.get(pk=article.pk).hero_image.name == name


def test_the_article_page_shows_the_hero_with_its_alt_and_caption(client):
    article = make_article(hero_alt="Runner on a hill", hero_caption="Hills load the back")
    article.hero_image = SimpleUploadedFile("h.jpg", _big_photo(400, 300))
    article.save()
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'alt="Runner on a hill"' in html and "<figcaption>Hills load the back" in html
    assert 'width="400" height="300"' in html
