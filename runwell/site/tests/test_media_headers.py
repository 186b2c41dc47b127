"""Nothing under /media/ can run in the site's origin (issue 13, #5): every answer is
`nosniff` with a `default-src 'none'` policy, and what is not an image downloads."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db  # the 404 page reads the site's settings


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "evil.html").write_text("<script>alert(document.cookie)</script>")
    (tmp_path / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>')
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 16)
    return tmp_path


@pytest.mark.parametrize("name", ["evil.html", "logo.svg"])
def test_a_file_that_is_not_a_raster_image_is_a_download_that_can_run_nothing(client, media, name):
    response = client.get(f"/media/{name}")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_image_shows_inline_under_the_same_policy(client, media):
    response = client.get("/media/photo.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_media_answers_only_get_and_head(client, media):
    assert client.head("/media/photo.png").status_code == 200
    assert client.post("/media/photo.png").status_code == 405


def test_a_missing_file_is_a_404(client, media):
    assert client.get("/media/nothing.png").status_code == 404
