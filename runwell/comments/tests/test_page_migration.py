"""The migration that lets comments sit on pages keeps every comment as it was."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from runwell.articles.models import Page
from runwell.comments.models import Comment

BEFORE = [("comments", "0005_thread_version_changed"), ("articles", "0006_content_version")]
AFTER = [("comments", "0006_comments_on_pages"), ("articles", "0007_page_comments_open")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.fixture
def before_pages(transactional_db):
    apps = _migrate(BEFORE)
    yield apps
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_existing_comments_stay_on_their_articles_and_pages_stay_closed(before_pages):
    Article = before_pages.get_model("articles", "Article")
    OldPage = before_pages.get_model("articles", "Page")
    OldComment = before_pages.get_model("comments", "Comment")
    article = Article.objects.create(title="Hills", slug="hills", status="published")
    OldPage.objects.create(title="About", slug="about", status="published")
    top = OldComment.objects.create(
        article=article, author_name="Ann", body="Top", body_html="<p>Top</p>",
        status="approved", fingerprint="f1", created=timezone.now(),
    )  # fmt: skip
    OldComment.objects.create(
        article=article, parent=top, depth=1, author_name="Bo", body="Reply",
        status="pending", fingerprint="f2", created=timezone.now(),
    )  # fmt: skip

    _migrate(AFTER)

    rows: list[object] = list(
        Comment.objects.order_by("pk").values_list(
            "article_id", "page_id", "parent_id", "author_name", "body_html", "status"
        )
    )
    assert rows == [
        (article.pk, None, None, "Ann", "<p>Top</p>", "approved"),
        (article.pk, None, top.pk, "Bo", "", "pending"),
    ]
    assert Page.objects.get().comments_open is False
