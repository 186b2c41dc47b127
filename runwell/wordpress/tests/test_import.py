"""`runwell import-wordpress`: each rule of the import on a small hand-made export."""

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from runwell.articles.models import Article, Category, Page, Tag
from runwell.comments.models import Comment
from runwell.wordpress.models import ImportedItem, Redirect
from runwell.wordpress.tests.helpers import run_import
from runwell.wordpress.tests.samples import C, P, write, wxr

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def test_a_post_becomes_a_published_article_with_its_fields(tmp_path):
    post = P(
        3,
        title="Hill repeats",
        excerpt="<b>Short</b> &amp; sweet",
        content="Warm up.\n\nThen climb.",
        terms=[("category", "training", "Training"), ("post_tag", "hills", "Hills")],
    )
    report = run_import(write(tmp_path, wxr(post)))
    assert report["posts"] == 1
    article = Article.objects.get()
    assert article.slug == "hill-repeats"
    assert article.title == "Hill repeats"
    assert article.summary == "Short & sweet"
    assert article.body_format == "html"
    assert article.body_html == "<p>Warm up.</p>\n\n<p>Then climb.</p>"
    assert article.status == "published"
    assert article.published_at == datetime(2020, 1, 1, 9, 30, tzinfo=UTC)
    assert [c.slug for c in article.categories.all()] == ["training"]
    assert [t.name for t in article.tags.all()] == ["Hills"]
    assert article.comments_open is True


def test_authors_become_inactive_users_who_cannot_log_in(tmp_path):
    run_import(write(tmp_path, wxr(P(1))))
    user = Article.objects.get().author
    assert user is not None
    assert (user.username, user.email, user.first_name) == ("alice", "alice@example.org", "Alice")
    assert user.is_active is False
    assert user.has_usable_password() is False


def test_author_option_credits_every_article_to_that_user(tmp_path):
    editor = get_user_model().objects.create_user("editor")
    run_import(write(tmp_path, wxr(P(1), P(2, title="Two"))), "--author", "editor")
    assert set(Article.objects.values_list("author", flat=True)) == {editor.pk}
    assert not get_user_model().objects.filter(username="alice").exists()


def test_an_unknown_author_option_stops_before_anything_is_written(tmp_path):
    with pytest.raises(CommandError, match="no such user"):
        call_command("import-wordpress", str(write(tmp_path, wxr(P(1)))), "--author", "nobody")
    assert not Article.objects.exists()


def test_nested_categories_keep_their_parents(tmp_path):
    cats = (
        "<wp:category><wp:term_id>3</wp:term_id><wp:category_nicename>injuries"
        "</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>"
        "<![CDATA[Injuries]]></wp:cat_name></wp:category>"
        "<wp:category><wp:term_id>4</wp:term_id><wp:category_nicename>back"
        "</wp:category_nicename><wp:category_parent>injuries</wp:category_parent>"
        "<wp:cat_name><![CDATA[Back]]></wp:cat_name></wp:category>"
        "<wp:category><wp:term_id>5</wp:term_id><wp:category_nicename>lower-back"
        "</wp:category_nicename><wp:category_parent>back</wp:category_parent>"
        "<wp:cat_name><![CDATA[Lower back]]></wp:cat_name></wp:category>"
    )
    run_import(write(tmp_path, wxr(P(1, terms=[("category", "lower-back", "Lower back")]),
                                   categories=cats)))  # fmt: skip
    lower = Category.objects.get(slug="lower-back")
    chain = []
    node: Category | None = lower
    while node is not None:
        chain.append(node.slug)
        node = node.parent
    assert chain == ["lower-back", "back", "injuries"]


@pytest.mark.parametrize(
    ("wp_status", "status", "drafts"),
    [("publish", "published", 0), ("draft", "draft", 1), ("pending", "draft", 1),
     ("private", "draft", 1)],
)  # fmt: skip
def test_statuses_map_to_published_or_draft(tmp_path, wp_status, status, drafts):
    report = run_import(write(tmp_path, wxr(P(1, status=wp_status))))
    assert Article.objects.get().status == status
    assert report["drafts"] == drafts


def test_a_future_post_is_published_at_its_future_date_and_not_yet_visible(tmp_path):
    run_import(write(tmp_path, wxr(P(1, status="future", date_gmt="2099-05-01 08:00:00"))))
    article = Article.objects.get()
    assert article.status == "published"
    assert article.published_at == datetime(2099, 5, 1, 8, tzinfo=UTC)
    assert not Article.objects.published().exists()


def test_a_zero_date_draft_is_unscheduled(tmp_path):
    run_import(write(tmp_path, wxr(P(1, status="draft", date_gmt="0000-00-00 00:00:00"))))
    assert Article.objects.get().published_at is None


def test_a_password_protected_post_comes_in_as_a_draft_with_a_warning(tmp_path):
    report = run_import(write(tmp_path, wxr(P(1, password="enter"))))
    assert Article.objects.get().status == "draft"
    assert report["drafts"] == 1
    assert any("password-protected" in w for w in report["warnings"])


def test_an_empty_slug_is_made_from_the_title(tmp_path):
    run_import(write(tmp_path, wxr(P(1, title="Ice baths, really?", slug=""))))
    assert Article.objects.get().slug == "ice-baths-really"


def test_a_slug_taken_by_an_article_it_did_not_create_gets_a_new_one(tmp_path):
    mine = Article.objects.create(title="Mine", slug="a-post", body="Keep me")
    report = run_import(write(tmp_path, wxr(P(1))))
    mine.refresh_from_db()
    assert (mine.title, mine.body) == ("Mine", "Keep me")
    assert Article.objects.exclude(pk=mine.pk).get().slug == "a-post-2"
    assert any("a-post-2" in w for w in report["warnings"])


def test_pages_become_pages_and_other_types_are_skipped_and_counted(tmp_path):
    export = wxr(
        P(1),
        P(2, title="About", type="page"),
        P(3, title="Menu", type="nav_menu_item"),
        P(4, title="Photo", type="attachment", status="inherit"),
        P(5, title="Block", type="wp_block"),
    )
    report = run_import(write(tmp_path, export))
    assert (report["posts"], report["pages"]) == (1, 1)
    assert report["skipped"] == {"attachment": 1, "nav_menu_item": 1, "wp_block": 1}
    assert Page.objects.get().slug == "about"


def test_closed_comments_stay_closed(tmp_path):
    run_import(write(tmp_path, wxr(P(1, comment_status="closed"))))
    assert Article.objects.get().comments_open is False


def test_threads_keep_every_level_and_pingbacks_are_skipped(tmp_path):
    comments = [
        C(14, parent=13, content="Level four"),  # listed before its parents
        C(10, content="Top"),
        C(11, parent=10, content="Level two"),
        C(12, parent=11, content="Level three"),
        C(13, parent=12),
        C(20, type="pingback", content="Linked from elsewhere"),
        C(21, type="trackback"),
        C(22, parent=20, content="Reply to a pingback"),
    ]
    report = run_import(write(tmp_path, wxr(P(1, comments=comments))))
    assert report["comments"] == 6
    assert report["skipped"] == {"pingback": 1, "trackback": 1}
    node: Comment | None = Comment.objects.get(body__contains="Level four")
    chain = []
    while node is not None:
        chain.append(node.depth)
        node = node.parent
    assert chain == [4, 3, 2, 1, 0]
    orphan = Comment.objects.get(body__contains="Reply to a pingback")
    assert (orphan.parent, orphan.depth) == (None, 0)


def test_comment_fields_statuses_and_privacy(tmp_path):
    comments = [
        C(1, approved="1", author="Ann", url="https://ann.example", ip="203.0.113.57"),
        C(2, approved="0", ip="2001:db8:abcd:12::1"),
        C(3, approved="spam", url="javascript:alert(1)"),
        C(4, approved="trash", content="<script>x</script><b>Bold</b>\n\nTwo"),
    ]
    run_import(write(tmp_path, wxr(P(1, comments=comments))))
    ann, held, spam, trash = Comment.objects.order_by("created", "id")
    assert (ann.author_name, ann.author_url, ann.author_email) == (
        "Ann",
        "https://ann.example",
        "reader@example.org",
    )
    assert ann.ip_network == "203.0.113.0/24"
    assert held.ip_network == "2001:db8:abcd::/48"
    assert [c.status for c in (ann, held, spam, trash)] == ["approved", "pending", "spam", "trash"]
    assert spam.author_url == ""
    assert trash.body_format == "html"
    assert "<script>" not in trash.body_html
    assert trash.body_html.startswith("<p>")
    assert ann.created == datetime(2020, 1, 2, 10, tzinfo=UTC)


def test_comments_by_the_post_author_get_the_author_badge(tmp_path):
    comments = [
        C(1, email="ALICE@example.org"),
        C(2, email="other@example.org", user_id=7),
        C(3, email="reader@example.org"),
    ]
    run_import(write(tmp_path, wxr(P(1, comments=comments))))
    flags = list(Comment.objects.order_by("id").values_list("is_author", flat=True))
    assert flags == [True, True, False]


def test_comments_on_pages_are_imported_and_counted(tmp_path):
    report = run_import(write(tmp_path, wxr(P(1, type="page", comments=[C(1), C(2)]))))
    assert report["comments"] == 2
    assert report["skipped"] == {}
    assert Comment.objects.filter(page=Page.objects.get(), article=None).count() == 2


def test_a_second_run_changes_nothing(tmp_path):
    path = write(tmp_path, wxr(P(1, comments=[C(1), C(2, parent=1)]), P(2, type="page")))
    first = run_import(path)
    article = Article.objects.get()
    stamp = article.updated_at
    counts = (Article.objects.count(), Page.objects.count(), Comment.objects.count(),
              Redirect.objects.count(), ImportedItem.objects.count())  # fmt: skip
    second = run_import(path)
    assert second == {**first, "warnings": second["warnings"]}
    assert counts == (1, 1, 2, Redirect.objects.count(), ImportedItem.objects.count())
    article.refresh_from_db()
    assert article.updated_at == stamp


def test_an_article_deleted_after_the_import_comes_back_on_the_next(tmp_path):
    path = write(tmp_path, wxr(P(1)))
    run_import(path)
    Article.objects.all().delete()
    run_import(path)
    assert Article.objects.get().slug == "a-post"


def test_a_dry_run_writes_nothing_but_reports(tmp_path):
    report = run_import(write(tmp_path, wxr(P(1, comments=[C(1)]))), "--dry-run")
    assert (report["posts"], report["comments"]) == (1, 1)
    assert not Article.objects.exists()
    assert not Comment.objects.exists()
    assert not Redirect.objects.exists()
    assert not get_user_model().objects.exists()


def test_a_broken_tail_stops_with_a_clear_error_and_writes_nothing(tmp_path):
    text = wxr(P(1), P(2, title="Second"))
    path = write(tmp_path, text[: text.index("Second") + 20])
    with pytest.raises(CommandError, match=r"line \d+, column \d+.*Nothing was imported"):
        call_command("import-wordpress", str(path))
    assert not Article.objects.exists()
    assert not get_user_model().objects.exists()
    assert not Category.objects.exists() and not Tag.objects.exists()


def test_the_readable_report_names_the_counts(tmp_path, capsys):
    call_command("import-wordpress", str(write(tmp_path, wxr(P(1, password="x")))))
    out = capsys.readouterr().out
    assert "posts      1" in out
    assert "password-protected" in out


def test_a_page_never_takes_an_address_the_site_answers_itself(tmp_path):
    report = run_import(write(tmp_path, wxr(P(1, title="Admin", type="page"))))
    assert Page.objects.get().slug == "admin-2"
    assert any("admin-2" in w for w in report["warnings"])


def test_an_untitled_post_gets_a_placeholder_title_and_an_id_slug(tmp_path):
    run_import(write(tmp_path, wxr(P(5, title="", slug=""))))
    article = Article.objects.get()
    assert (article.title, article.slug) == ("(no title)", "post-5")


def test_the_command_exits_non_zero_on_a_broken_file_before_touching_the_database(tmp_path):
    text = wxr(P(1), P(2))
    broken = write(tmp_path, text[: len(text) - 40])
    data = tmp_path / "data"
    env = {**os.environ, "RUNWELL_DATA_DIR": str(data), "PYTHONPATH": str(ROOT)}
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", "runwell", "import-wordpress", str(broken), "--json"],
        capture_output=True, text=True, env=env, check=False, timeout=60,
    )  # fmt: skip
    assert done.returncode != 0
    assert "not well-formed XML at line" in done.stderr
    assert "Nothing was imported" in done.stderr
    assert done.stdout == ""
    assert not (data / "db.sqlite3").exists()


def test_terms_without_latin_letters_keep_their_own_slugs(tmp_path):
    cats = (
        "<wp:category><wp:term_id>3</wp:term_id><wp:category_nicename>%e8%b7%91"
        "</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>"
        "<![CDATA[跑]]></wp:cat_name></wp:category>"
    )
    post = P(1, terms=[("category", "%e8%b7%91", "跑"), ("post_tag", "%e6%ad%a5", "步")])
    run_import(write(tmp_path, wxr(post, categories=cats)))
    article = Article.objects.get()
    (category,) = article.categories.all()
    (tag,) = article.tags.all()
    assert (category.name, category.slug) == ("跑", "跑")
    assert (tag.name, tag.slug) == ("步", "步")
    assert Category.objects.count() == 1


def test_an_uploads_option_that_is_not_a_folder_is_refused(tmp_path):
    with pytest.raises(CommandError, match="is not a folder"):
        call_command(
            "import-wordpress", str(write(tmp_path, wxr(P(1)))), "--uploads", str(tmp_path / "x")
        )
    assert not Article.objects.exists()
