"""Images: copied from --uploads into Runwell's media, or turned into notes."""

import re

import pytest

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
    (folder / "knee.jpg").write_bytes(b"\xff\xd8\xff fake jpeg")
    (tmp_path / "secret.txt").write_text("not for the web")
    return tmp_path / "uploads"


def test_with_uploads_referenced_files_are_copied_and_links_rewritten(tmp_path, media, uploads):
    report = run_import(write(tmp_path, wxr(P(1, content=BODY))), "--uploads", str(uploads))
    html = Article.objects.get().body_html
    # The resized copy is absent; its full-size original stands in for it.
    assert (media / "wordpress" / "2020" / "01" / "knee.jpg").read_bytes().endswith(b"jpeg")
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
