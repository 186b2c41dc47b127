"""`runwell export-wordpress`: a WXR 1.2 file that gives back the same site."""

from io import StringIO

import defusedxml.ElementTree as ET
import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from runwell.articles.models import Article, Category, Page, Tag
from runwell.comments.models import Comment
from runwell.wordpress import wxr
from runwell.wordpress.models import ImportedItem, Redirect
from runwell.wordpress.tests.helpers import run_import
from runwell.wordpress.tests.samples import C, P, write
from runwell.wordpress.tests.samples import wxr as make_wxr

pytestmark = pytest.mark.django_db

WP = "{http://wordpress.org/export/1.2/}"


def export(tmp_path, name="runwell.xml"):
    path = tmp_path / name
    call_command("export-wordpress", str(path), stdout=StringIO())
    return path


def snapshot():
    def thread(comment):
        replies = [thread(r) for r in comment.replies.order_by("created", "id")]
        return (comment.author_name, comment.author_email, comment.author_url, comment.body,
                comment.status, comment.created, comment.is_author, comment.depth,
                comment.ip_network, replies)  # fmt: skip

    articles = {
        a.slug: (
            a.title, a.summary, a.body, a.body_html, a.status, a.published_at,
            a.comments_open, a.author.username if a.author else None,
            sorted((c.slug, c.name, c.parent.slug if c.parent else None)
                   for c in a.categories.all()),
            sorted((t.slug, t.name) for t in a.tags.all()),
            [thread(c) for c in a.comments.filter(parent=None).order_by("created", "id")],
        )
        for a in Article.objects.all()
    }  # fmt: skip
    pages = {
        p.slug: (p.title, p.body, p.body_html, p.status, p.published_at) for p in Page.objects.all()
    }
    return articles, pages


def start_afresh():
    for model in (Comment, Article, Page, Category, Tag, ImportedItem, Redirect):
        model.objects.all().delete()
    get_user_model().objects.all().delete()


def round_trip(tmp_path):
    before = snapshot()
    path = export(tmp_path)
    start_afresh()
    report = run_import(path)
    return before, snapshot(), report


def test_the_export_is_wxr_1_2_with_the_namespaces_wordpress_expects(tmp_path):
    run_import(write(tmp_path, make_wxr(P(1, comments=[C(1), C(2, parent=1)]))))
    root = ET.parse(export(tmp_path)).getroot()
    channel = root.find("channel")
    assert channel is not None
    assert channel.findtext(f"{WP}wxr_version") == "1.2"
    item = channel.find("item")
    assert item is not None
    assert item.findtext(f"{WP}post_type") == "post"
    assert item.findtext(f"{WP}status") == "publish"
    assert item.findtext(f"{WP}post_parent") == "0"
    comments = item.findall(f"{WP}comment")
    assert [c.findtext(f"{WP}comment_parent") for c in comments] == [
        "0", comments[0].findtext(f"{WP}comment_id")
    ]  # fmt: skip
    assert comments[0].findtext(f"{WP}comment_author_IP") == "203.0.113.0"
    assert "<![CDATA[" in (tmp_path / "runwell.xml").read_text()


def test_a_small_blog_round_trips_exactly(tmp_path):
    cats = (
        "<wp:category><wp:term_id>3</wp:term_id><wp:category_nicename>injuries"
        "</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>"
        "<![CDATA[Injuries]]></wp:cat_name></wp:category>"
        "<wp:category><wp:term_id>4</wp:term_id><wp:category_nicename>back"
        "</wp:category_nicename><wp:category_parent>injuries</wp:category_parent>"
        "<wp:cat_name><![CDATA[Back]]></wp:cat_name></wp:category>"
    )
    thread = [C(1, content="Top"), C(2, parent=1), C(3, parent=2), C(4, parent=3, approved="0"),
              C(5, email="alice@example.org", content="Thanks!"), C(6, approved="spam"),
              C(7, approved="trash", content="Odd")]  # fmt: skip
    source = make_wxr(
        P(1, title="Back pain", excerpt="Why it hurts", comments=thread,
          terms=[("category", "back", "Back"), ("post_tag", "hills", "Hills")]),
        P(2, title="Later", status="future", date_gmt="2099-01-01 06:00:00"),
        P(3, title="Unfinished", status="draft", date_gmt="0000-00-00 00:00:00",
          comment_status="closed"),
        P(4, title="About", type="page", content="Who I am.\nA runner."),
        categories=cats,
    )  # fmt: skip
    run_import(write(tmp_path, source))
    odd = Comment.objects.get(body__contains="Odd")
    odd.body = "<p>Has ]]&gt; and ]]> inside</p>"  # must survive the CDATA section
    odd.save()
    before, after, report = round_trip(tmp_path)
    assert after == before
    assert report["warnings"] == []
    assert (report["posts"], report["pages"], report["comments"]) == (3, 1, 7)


def test_an_article_written_in_markdown_goes_out_as_its_html(tmp_path):
    Article.objects.create(
        title="Native", slug="native", body="## Hi\n\n*Easy* run", status="published"
    )
    path = export(tmp_path)
    item = wxr.parse_file(path).items[0]
    assert "<em>Easy</em>" in item.content
    html = Article.objects.get().body_html
    start_afresh()
    run_import(path)
    assert Article.objects.get().body_html.strip() == html.strip()


def test_the_theme_test_data_round_trips(tmp_path, shared_data):
    run_import(shared_data / "themeunittestdata.wordpress.xml")
    before, after, report = round_trip(tmp_path)
    assert after == before
    assert report["comments"] == 29  # the five on pages too


def test_exporting_into_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no folder"):
        call_command("export-wordpress", str(tmp_path / "nope" / "x.xml"), stdout=StringIO())


def test_a_failed_export_leaves_no_half_written_file(tmp_path):
    target = tmp_path / "taken"
    target.mkdir()  # a folder where the file should go: the final rename fails
    with pytest.raises(CommandError, match="cannot write"):
        call_command("export-wordpress", str(target), stdout=StringIO())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]


def test_exporting_from_a_fresh_data_folder_works(tmp_path):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith(("RUNWELL_", "DATABASE_"))}
    env["RUNWELL_DATA_DIR"] = str(tmp_path / "data")
    target = tmp_path / "empty-site.xml"
    done = subprocess.run(
        [sys.executable, "-m", "runwell", "export-wordpress", str(target)],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert wxr.parse_file(target).items == ()


def test_characters_xml_forbids_are_dropped_in_every_comment_held_and_spam_too(tmp_path):
    article = Article.objects.create(title="Ice\x0b baths", slug="ice", status="published")
    for status in ("approved", "pending", "spam", "trash"):
        Comment(article=article, author_name=f"Name\x08 {status}", author_email="a@example.org",
                author_url="https://x.example/\x1f", body=f"Bad\x0b \x0ctext\ufffe {status}",
                status=status).save()  # fmt: skip
    path = export(tmp_path)
    # A strict parser, not Runwell's lenient reader: the file itself must be well-formed.
    root = ET.parse(path).getroot()
    contents = [c.findtext(f"{WP}comment_content") for c in root.iter(f"{WP}comment")]
    assert len(contents) == 4
    assert all(text is not None and "Bad text" in text for text in contents)
    names = {c.findtext(f"{WP}comment_author") for c in root.iter(f"{WP}comment")}
    assert "Name approved" in names and "Name spam" in names
    assert root.find("channel/item/title").text == "Ice baths"
