"""Images: copied from --uploads into Runwell's media, or turned into notes."""

import io
import re

import pytest
from PIL import Image

from runwell.articles.models import Article
from runwell.wordpress.tests.helpers import run_import
from runwell.wordpress.tests.samples import P, write, wxr

pytestmark = pytest.mark.django_db

OLD = "https://blog.example.org/wp-content/uploads/2020/01"
BODY = (
    f'[caption id="a1" width="300"]<a href="{OLD}/knee.jpg"><img src="{OLD}/knee-300x200.jpg"'
    f' alt="A knee" width="300"></a> The knee in profile[/caption]\n\n'
    f'<img src="{OLD}/missing.png" alt="Gone">\n\n'
    '<img src="https://tracker.example/pixel.gif" alt="">'
)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def uploads(tmp_path):
    folder = tmp_path / "uploads" / "2020" / "01"
    folder.mkdir(parents=True)
    (folder / "knee.jpg").write_bytes(_photo(800, 600))
    (tmp_path / "secret.txt").write_text("not for the web")
    return tmp_path / "uploads"


def test_with_uploads_referenced_files_are_copied_and_links_rewritten(tmp_path, media, uploads):
    report = run_import(write(tmp_path, wxr(P(1, content=BODY))), "--uploads", str(uploads))
    html = Article.objects.get().body_html
    # The resized copy is absent; its full-size original stands in for it, re-encoded.
    copy = media / "wordpress" / "2020" / "01" / "knee.jpg"
    assert copy.read_bytes() != (uploads / "2020" / "01" / "knee.jpg").read_bytes()
    assert Image.open(copy).size == (800, 600)
    assert report["media"] == {"copied": 1, "missing": 1}
    assert re.search(
        r'<img src="/media/wordpress/2020/01/knee\.jpg" alt="A knee"[^>]* width="300"', html
    )
    assert '<a href="/media/wordpress/2020/01/knee.jpg"' in html
    assert "<figcaption>The knee in profile</figcaption>" in html
    assert "image not imported: Gone" in html
    assert "blog.example.org/wp-content" not in html.split("<img")[1]
    assert any("not found in the uploads folder" in w for w in report["warnings"])


def test_without_uploads_no_image_points_off_site(tmp_path, media):
    report = run_import(write(tmp_path, wxr(P(1, content=BODY))))
    html = Article.objects.get().body_html
    assert "<img" not in html
    assert "image not imported: A knee" in html
    assert "<figcaption>The knee in profile</figcaption>" in html
    assert any("3 images were not imported" in w for w in report["warnings"])
    assert not (media / "wordpress").exists()


def test_an_address_climbing_out_of_the_uploads_folder_is_not_followed(tmp_path, media, uploads):
    body = '<img src="https://blog.example.org/wp-content/uploads/../secret.txt" alt="x">'
    run_import(write(tmp_path, wxr(P(1, content=body))), "--uploads", str(uploads))
    assert "<img" not in Article.objects.get().body_html
    assert not (media / "wordpress").exists()


def test_a_dry_run_copies_no_file(tmp_path, media, uploads):
    run_import(write(tmp_path, wxr(P(1, content=BODY))), "--uploads", str(uploads), "--dry-run")
    assert not (media / "wordpress").exists()


def _photo(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (120, 160, 90)).save(out, "JPEG", quality=95)
    return out.getvalue()


def _featured(attachment_file: str = "hill.jpg") -> str:
    post = P(1, meta=[("_thumbnail_id", "50")])
    attachment = P(
        50,
        title="hill",
        type="attachment",
        status="inherit",
        excerpt="Hill repeats in the rain",
        meta=[("_wp_attachment_image_alt", "A runner climbing a hill")],
        attachment_url=f"{OLD}/{attachment_file}",
    )
    return wxr(post, attachment)


def test_a_featured_image_becomes_the_resized_hero_image(tmp_path, media, uploads):
    (uploads / "2020" / "01" / "hill.jpg").write_bytes(_photo(3000, 2000))
    run_import(write(tmp_path, _featured()), "--uploads", str(uploads))
    article = Article.objects.get()
    # The re-encoded copy in media is the hero image itself: the file is not kept twice.
    assert article.hero_image.name == "wordpress/2020/01/hill.jpg"
    assert (article.hero_width, article.hero_height) == (1600, 1067)
    assert article.hero_alt == "A runner climbing a hill"
    assert article.hero_caption == "Hill repeats in the rain"


def test_without_uploads_a_featured_image_is_reported_not_fetched(tmp_path, media):
    report = run_import(write(tmp_path, _featured()))
    assert not Article.objects.get().hero_image
    assert any("1 featured images were not imported" in w for w in report["warnings"])


def test_a_featured_image_that_is_not_an_image_is_skipped_with_a_warning(tmp_path, media, uploads):
    (uploads / "2020" / "01" / "fake.jpg").write_bytes(b"\xff\xd8\xff not really a jpeg")
    report = run_import(write(tmp_path, _featured("fake.jpg")), "--uploads", str(uploads))
    assert not Article.objects.get().hero_image
    assert any("featured images were not imported" in w for w in report["warnings"])


# -- only images reach /media/, re-encoded (issue 13, #5) ---------------------------


def test_a_file_that_is_not_an_image_is_never_copied_whatever_it_is_called(
    tmp_path, media, uploads
):
    folder = uploads / "2020" / "01"
    (folder / "evil.html").write_text("<script>alert(document.cookie)</script>")
    (folder / "evil.jpg").write_text("<script>alert(1)</script>")
    (folder / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>')
    body = "".join(
        f'<img src="{OLD}/{name}" alt="{name}"><a href="{OLD}/{name}">link</a>\n\n'
        for name in ("evil.html", "evil.jpg", "logo.svg")
    )
    report = run_import(write(tmp_path, wxr(P(1, content=body))), "--uploads", str(uploads))
    assert not (media / "wordpress").exists()
    assert report["media"] == {"refused": 3}
    assert sum("not an image Runwell can read" in w for w in report["warnings"]) == 3
    assert "/media/" not in Article.objects.get().body_html


def test_an_image_under_another_name_is_kept_under_its_true_type(tmp_path, media, uploads):
    png = io.BytesIO()
    Image.new("RGBA", (40, 30), (0, 0, 0, 0)).save(png, "PNG")
    (uploads / "2020" / "01" / "chart.html").write_bytes(png.getvalue())
    body = f'<img src="{OLD}/chart.html" alt="A chart">'
    run_import(write(tmp_path, wxr(P(1, content=body))), "--uploads", str(uploads))
    copy = media / "wordpress" / "2020" / "01" / "chart.html.png"
    assert Image.open(copy).format == "PNG"
    assert 'src="/media/wordpress/2020/01/chart.html.png"' in Article.objects.get().body_html


def test_an_address_with_dot_dot_is_refused_with_a_clear_warning(tmp_path, media, uploads):
    body = f'<img src="{OLD}/../01/knee.jpg" alt="x"><img src="{OLD}/%2e%2e/01/knee.jpg" alt="y">'
    report = run_import(write(tmp_path, wxr(P(1, content=body))), "--uploads", str(uploads))
    assert report["media"] == {"refused": 2}
    assert sum("climbs out of the uploads folder" in w for w in report["warnings"]) == 2
    assert not (media / "wordpress").exists()
