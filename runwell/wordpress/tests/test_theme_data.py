"""The real exports: WordPress' theme test data and a block-editor blog."""

import pytest

from runwell.articles.models import Article, Category, Page
from runwell.comments.models import Comment
from runwell.wordpress import wxr
from runwell.wordpress.tests.helpers import run_import

pytestmark = pytest.mark.django_db

COMMENT_SKIPS = {"pingback", "trackback", "comment_on_skipped_item"}


def test_the_theme_test_data_imports_and_the_report_accounts_for_every_item(shared_data):
    path = shared_data / "themeunittestdata.wordpress.xml"
    export = wxr.parse_file(path)
    report = run_import(path)

    item_skips = sum(n for reason, n in report["skipped"].items() if reason not in COMMENT_SKIPS)
    assert report["posts"] + report["pages"] + item_skips == len(export.items) == 186
    comment_skips = sum(n for reason, n in report["skipped"].items() if reason in COMMENT_SKIPS)
    all_comments = sum(len(i.comments) for i in export.items)
    assert report["comments"] + comment_skips == all_comments == 33
    assert (report["posts"], report["pages"]) == (58, 21)
    assert report["skipped"]["attachment"] == 37
    assert report["skipped"]["nav_menu_item"] == 70
    assert report["skipped"]["pingback"] + report["skipped"]["trackback"] == 4
    # The five comments on pages come across with the pages (none is skipped).
    assert "comment_on_page" not in report["skipped"]
    assert Comment.objects.filter(page__isnull=False).count() == 5
    assert report["drafts"] == 2  # the draft and the password-protected post
    assert any("password-protected" in w for w in report["warnings"])

    assert Article.objects.count() == 58
    assert Page.objects.count() == 21
    assert Comment.objects.count() == 29
    assert Category.objects.filter(parent__isnull=False).exists()
    scheduled = Article.objects.get(slug="scheduled")
    assert scheduled.status == "published" and not scheduled.is_public
    deepest = Comment.objects.order_by("-depth")[0]
    assert deepest.depth >= 9
    assert Comment.objects.filter(status="pending").count() == 3  # two are on pages
    assert (
        not Article.objects.filter(body_html__contains="files.wordpress.com/2")
        .filter(body_html__contains="<img")
        .exists()
    )


def test_the_theme_test_data_imports_twice_without_changes(shared_data):
    path = shared_data / "themeunittestdata.wordpress.xml"
    first = run_import(path)
    counts = (Article.objects.count(), Comment.objects.count(), Category.objects.count())
    second = run_import(path)
    # What was converted, copied or warned about is this run's own work: none the second time.
    this_run = {"warnings", "converted", "media"}
    assert {k: v for k, v in second.items() if k not in this_run} == {
        k: v for k, v in first.items() if k not in this_run
    }
    assert second["converted"] == {}
    assert (Article.objects.count(), Comment.objects.count(), Category.objects.count()) == counts


def test_the_block_editor_export_loses_its_block_comments(shared_data):
    report = run_import(shared_data / "64-block-test-data.xml")
    assert report["posts"] == 61
    assert report["comments"] == 2
    assert not Article.objects.filter(body__contains="<!-- wp:").exists()
    reply = Comment.objects.get(depth=1)
    assert reply.parent is not None
