"""The author's tools: images placed in the text, and a preview that is the public page."""

import io

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from runwell.articles.models import ArticleImage
from runwell.testing.factories import make_article

pytestmark = pytest.mark.django_db

UPLOAD = "/admin/articles/article/images/upload/"


def _photo(size=(3000, 2000)) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(out, "JPEG")
    return SimpleUploadedFile("hill.jpg", out.getvalue(), content_type="image/jpeg")


@pytest.fixture
def editor(client, staff):
    staff.user_permissions.add(*Permission.objects.filter(codename__in=[
        "add_articleimage", "view_articleimage", "change_article", "view_article"]))  # fmt: skip
    client.force_login(staff)
    return client


def test_an_uploaded_image_is_shrunk_and_answered_as_markdown_with_its_caption(editor):
    response = editor.post(UPLOAD, {"image": _photo(), "alt_text": "A runner on a hill",
                                    "caption": "Hills load the back differently"})  # fmt: skip
    assert response.status_code == 201
    image = ArticleImage.objects.get()
    assert (image.width, image.height) == (1600, 1067)
    data = response.json()
    assert (
        data["markdown"]
        == f'![A runner on a hill]({image.image.url} "Hills load the back differently")'
    )
    article = make_article(body=data["markdown"] + "\n")
    assert "<figcaption>Hills load the back differently</figcaption>" in article.body_html


@pytest.mark.parametrize(
    "missing, message",
    [("alt_text", "Describe the image for people who cannot see it."),
     ("caption", "Give the image a caption."), ("image", "Choose an image to upload.")],
)  # fmt: skip
def test_alt_text_caption_and_image_are_all_required(editor, missing, message):
    data = {"image": _photo((40, 40)), "alt_text": "Alt", "caption": "Caption"}
    data.pop(missing)
    response = editor.post(UPLOAD, data)
    assert response.status_code == 400
    assert response.json()["errors"][missing] == [message]
    assert not ArticleImage.objects.exists()


def test_a_file_that_is_not_an_image_is_refused(editor):
    fake = SimpleUploadedFile("x.jpg", b"not an image", content_type="image/jpeg")
    response = editor.post(UPLOAD, {"image": fake, "alt_text": "a", "caption": "b"})
    assert response.status_code == 400 and "not an image" in response.json()["errors"]["image"][0]


def test_only_staff_with_the_right_may_upload_and_only_by_post(client, staff, writer):
    assert client.post(UPLOAD).status_code == 302  # to the admin's login
    client.force_login(staff)  # staff, but without the permission
    assert client.post(UPLOAD, {"alt_text": "a", "caption": "b"}).status_code == 403
    staff.user_permissions.add(Permission.objects.get(codename="add_articleimage"))
    assert client.get(UPLOAD).status_code == 405


def test_without_javascript_the_image_library_shows_the_markdown_to_paste(admin_client):
    data = {"image": _photo((800, 600)), "alt_text": "Stairs", "caption": "A stair-climber"}
    response = admin_client.post("/admin/articles/articleimage/add/", data)
    assert response.status_code == 302
    page = admin_client.get(response["Location"]).content.decode()
    assert "Markdown to paste into an article" in page and "A stair-climber" in page


def test_the_preview_is_the_public_page_with_unsaved_work(editor, writer):
    response = editor.post("/article-preview/", {
        "title": "Draft title", "summary": "Draft summary", "body": "## Why\n\nBecause.\n",
        "body_format": "markdown", "author": writer.pk, "last_reviewed": "2026-06-08"})  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200
    assert '<link rel="stylesheet" href="/static/css/articles.css">' in html
    assert 'class="site-header"' in html and "<h1>Draft title</h1>" in html
    assert "Ana Ruiz" in html and '<h2 id="why">Why</h2>' in html
    assert "nothing has been saved yet" in html


def test_a_page_preview_uses_the_page_template(editor):
    html = editor.post("/article-preview/", {"kind": "page", "title": "About",
                                            "body": "We *run*."}).content.decode()  # fmt: skip
    assert "<h1>About</h1>" in html and "<em>run</em>" in html
