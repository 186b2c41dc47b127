"""Runwell's export read back: into the same site (nothing changes) and into a fresh one
(export → import → export gives the same items, comments, threads, terms and redirects)."""

import io
from collections import defaultdict
from pathlib import PurePosixPath

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from PIL import Image

from runwell.articles.models import Article, Category, Page, Tag
from runwell.comments.actions import do_delete_comment
from runwell.comments.models import Comment, PageThreadVersion, ThreadVersion
from runwell.wordpress import wxr
from runwell.wordpress.comments import REMOVED, TRASHED_FROM
from runwell.wordpress.models import ImportedItem, Redirect
from runwell.wordpress.redirects import CARRIED
from runwell.wordpress.tests.helpers import run_import
from runwell.wordpress.tests.samples import C, P, write
from runwell.wordpress.tests.samples import wxr as make_wxr

pytestmark = pytest.mark.django_db

OLD = "https://blog.example.org/wp-content/uploads/2020/01"
CATEGORIES = (
    "<wp:category><wp:term_id>3</wp:term_id><wp:category_nicename>injuries"
    "</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>"
    "<![CDATA[Injuries]]></wp:cat_name></wp:category>"
    "<wp:category><wp:term_id>4</wp:term_id><wp:category_nicename>back"
    "</wp:category_nicename><wp:category_parent>injuries</wp:category_parent>"
    "<wp:cat_name><![CDATA[Back]]></wp:cat_name></wp:category>"
)
BODY = (
    f'[caption id="a1" width="300"]<a href="{OLD}/knee.jpg"><img src="{OLD}/knee.jpg"'
    ' alt="A knee" width="300"></a> The knee[/caption]\n\nEasy miles.\n\n'
    "https://www.youtube.com/watch?v=abc123\n\n"
    '[sourcecode language="python"]\ndef pace(km, minutes):\n\tif km < 1:\n\n'
    "\t\treturn None\n\treturn minutes / km\n[/sourcecode]"
)


def _photo(path, colour=(120, 160, 90)):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (640, 480), colour).save(path, "JPEG", quality=90)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def site(tmp_path, media):
    """A site with imported and native articles, threads, a deleted comment and redirects."""
    uploads = tmp_path / "uploads"
    _photo(uploads / "2020" / "01" / "knee.jpg")
    _photo(uploads / "2020" / "01" / "hill.jpg", (30, 60, 200))
    thread = [C(1, content="Top"), C(2, parent=1, content="Reply"),
              C(3, parent=2, approved="0", content="Held"), C(4, approved="spam", content="Spam"),
              C(5, email="alice@example.org", user_id=7, content="Thanks!")]  # fmt: skip
    export = make_wxr(
        P(1, title="Back pain", content=BODY, comments=thread, meta=[("_thumbnail_id", "50")],
          terms=[("category", "back", "Back"), ("post_tag", "hills", "Hills")],
          link="https://blog.example.org/2020/01/back-pain/"),
        P(2, title="Unfinished", status="draft", date_gmt="0000-00-00 00:00:00"),
        P(3, title="About", type="page", content="Who I am.\nA runner.", comments=[
          C(11, content="Lovely page"), C(12, parent=11, content="Thank you", user_id=7),
          C(13, parent=12, approved="0", content="Held on a page")]),
        P(50, title="hill", type="attachment", status="inherit", excerpt="Hill repeats",
          meta=[("_wp_attachment_image_alt", "A runner on a hill")],
          attachment_url=f"{OLD}/hill.jpg"),
        categories=CATEGORIES,
    )  # fmt: skip
    run_import(write(tmp_path, export), "--uploads", str(uploads))
    editor = get_user_model().objects.create_user("editor", first_name="Eddie", last_name="Tor")
    native = Article.objects.create(
        title="Native & new",
        slug="native",
        body="## Warm up\n\n![Knee](/media/wordpress/2020/01/knee.jpg)\n\n*Easy* run",
        status="published",
        author=editor,
    )
    first = Comment(article=native, author_name="Runner", author_email="r@example.org",
                    body="Hi", status="approved")  # fmt: skip
    first.save()
    Comment(article=native, parent=first, depth=1, author_name="Coach", body="Hello",
            status="approved").save()  # fmt: skip
    do_delete_comment(first)  # it has a reply: a placeholder stays
    Page.objects.create(title="Contact", slug="contact", body="Write to us.", status="published")
    Redirect.objects.create(old_path="/old-native/", new_path="/articles/native/")
    Redirect.objects.create(old_path="/rss/", new_path="/feed/")
    return media


def export(tmp_path, name):
    path = tmp_path / name
    call_command("export-wordpress", str(path), stdout=io.StringIO())
    return path


def _comments(comments):
    by_parent = defaultdict(list)
    for c in comments:
        by_parent[c.parent_id].append(c)

    def node(c):
        replies = tuple(sorted(node(r) for r in by_parent[c.wp_id]))
        return (c.author, c.author_email, c.author_url, c.author_ip, c.date_gmt,
                c.content.strip(), c.approved, c.meta_value(REMOVED),
                c.meta_value(TRASHED_FROM), bool(c.user_id), replies)  # fmt: skip

    return sorted(node(c) for c in by_parent[0])


def normalised(path):
    """An export as comparable data: everything but the ids a site gives out."""
    e = wxr.parse_file(path)
    files = {i.wp_id: i for i in e.items if i.post_type == "attachment"}

    def image(a):
        return (PurePosixPath(a.attachment_url).name, a.meta("_wp_attachment_image_alt"), a.excerpt)

    items = {}
    for i in e.items:
        if i.post_type == "attachment":
            continue
        hero = files.get(wxr.to_int(i.meta("_thumbnail_id")) or 0)
        items[i.guid] = {
            "fields": (i.post_type, i.title, i.slug, i.status, i.date_gmt, i.content.strip()),
            "more": (i.excerpt, i.comment_status, i.creator),
            "terms": sorted((t.domain, t.slug, t.name) for t in i.terms),
            "redirects": sorted(i.meta_values(CARRIED)),
            "old_slugs": sorted(i.meta_values("_wp_old_slug")),
            "hero": image(hero) if hero else None,
            "images": sorted(image(a) for a in files.values() if a.parent_id == i.wp_id),
            "comments": _comments(i.comments),
        }
    return {
        "items": items,
        "categories": sorted((c.slug, c.name, c.parent_slug, c.description) for c in e.categories),
        "tags": sorted((t.slug, t.name) for t in e.tags),
        "redirects": sorted((r.old_path, r.new_path) for r in e.redirects),
        "authors": sorted((a.login, a.display_name, a.email) for a in e.authors),
    }


def _state():
    models = (Article, Page, Comment, Category, Tag, Redirect, ImportedItem, get_user_model())
    return (
        [m.objects.count() for m in models],
        sorted(Article.objects.values_list("pk", "updated_at")),
        sorted(Comment.objects.values_list("pk", "status", "is_removed", "body_html")),
        sorted(ThreadVersion.objects.values_list("article_id", "version")),
        sorted(PageThreadVersion.objects.values_list("page_id", "version")),
    )


def test_importing_the_sites_own_export_changes_nothing(tmp_path, site):
    path = export(tmp_path, "own.xml")
    before = _state()
    files = sorted(p for p in site.rglob("*") if p.is_file())
    report = run_import(path, "--uploads", str(site))
    assert _state() == before
    assert sorted(p for p in site.rglob("*") if p.is_file()) == files
    assert (report["posts"], report["pages"], report["comments"]) == (3, 2, 10)
    assert report["skipped"] == {"attachment": 3}


def test_a_fresh_site_gets_the_same_export_back(tmp_path, site, settings):
    first = export(tmp_path, "first.xml")
    for model in (Comment, Article, Page, Category, Tag, ImportedItem, Redirect):
        model.objects.all().delete()
    get_user_model().objects.all().delete()
    # Another site: its own secret key (so its own fingerprint) and its own media folder.
    settings.SECRET_KEY = "another site entirely"
    settings.MEDIA_ROOT = tmp_path / "fresh-media"
    report = run_import(first, "--uploads", str(site))
    second = export(tmp_path, "second.xml")

    assert normalised(second) == normalised(first)
    assert report["warnings"] == []
    assert report["media"] == {"copied": 2}  # the knee and the hill
    items = normalised(first)["items"]
    assert len(items) == 5
    back_pain = next(v for v in items.values() if v["fields"][1] == "Back pain")
    assert back_pain["hero"] == ("hill.jpg", "A runner on a hill", "Hill repeats")
    assert len(back_pain["comments"]) == 3  # two top-level threads and the spam one
    native = next(v for v in items.values() if v["fields"][1] == "Native & new")
    assert native["redirects"] == ["/old-native/"]
    (placeholder,) = native["comments"]
    assert placeholder[:2] == ("", "") and placeholder[6:9] == ("trash", "1", "1")
    assert ("/rss/", "/feed/") in normalised(first)["redirects"]
    about = next(v for v in items.values() if v["fields"][1] == "About")
    assert about["more"][1] == "open"
    (thread,) = about["comments"]  # one top-level comment, its reply and the held reply
    assert thread[5] == "<p>Lovely page</p>" and thread[9] is False
    (reply,) = thread[10]
    assert reply[5] == "<p>Thank you</p>" and reply[9] is True  # the page author's badge
    assert reply[10][0][5:7] == ("<p>Held on a page</p>", "0")
    page = Page.objects.get(slug="about")
    assert page.comments_open
    assert Comment.objects.filter(page=page).count() == 3


def test_the_export_has_small_ids_and_attachments_on_the_sites_address(tmp_path, site):
    e = wxr.parse_file(export(tmp_path, "ids.xml"))
    ids = [i.wp_id or 0 for i in e.items]
    assert len(ids) == len(set(ids))
    # Small: after the articles' ids come the pages', then the attachments' (never 10**9 + id).
    attachments = sum(i.post_type == "attachment" for i in e.items)
    last_article = max(Article.objects.values_list("pk", flat=True))
    last_page = max(Page.objects.values_list("pk", flat=True))
    assert max(ids) == last_article + last_page + attachments
    (post,) = [i for i in e.items if i.title == "Back pain"]
    hero = next(i for i in e.items if i.wp_id == wxr.to_int(post.meta("_thumbnail_id")))
    assert hero.post_type == "attachment" and hero.parent_id == post.wp_id
    assert hero.attachment_url == "http://127.0.0.1:8000/media/wordpress/2020/01/hill.jpg"
    assert 'src="http://127.0.0.1:8000/media/wordpress/2020/01/knee.jpg"' in post.content
    body_images = [i for i in e.items if i.post_type == "attachment" and "knee" in i.attachment_url]
    assert {i.parent_id for i in body_images} == {post.wp_id, Article.objects.get(slug="native").pk}


def test_a_deleted_comment_comes_back_as_a_placeholder_not_an_anonymous_one(tmp_path, site):
    path = export(tmp_path, "deleted.xml")
    Comment.objects.filter(article__slug="native").delete()
    run_import(path)
    placeholder = Comment.objects.get(article__slug="native", parent=None)
    assert placeholder.is_removed
    assert (placeholder.author_name, placeholder.body, placeholder.status) == ("", "", "approved")
    assert placeholder.replies.get().author_name == "Coach"
