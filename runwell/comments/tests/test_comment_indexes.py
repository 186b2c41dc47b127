"""A comment's indexes serve every lookup by its article or page, and none repeats another."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from runwell.comments.models import Comment

pytestmark = pytest.mark.django_db

BEFORE = [("comments", "0006_comments_on_pages")]
DROPPED = {("article_id",), ("page_id",)}


def _indexes() -> dict[str, tuple[str, ...]]:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, "comments_comment")
    return {name: tuple(about["columns"]) for name, about in found.items() if about["index"]}


def test_no_index_is_on_the_article_or_the_page_alone():
    columns = set(_indexes().values())
    assert not columns & DROPPED
    # ...because these start with them.
    assert {("article_id", "status", "created"), ("page_id", "status", "created")} <= columns


@pytest.mark.parametrize(
    "comments",
    [
        pytest.param(lambda: Comment.objects.filter(article_id=1), id="an article's"),
        pytest.param(lambda: Comment.objects.filter(page_id=1), id="a page's"),
        pytest.param(lambda: Comment.objects.filter(article_id__in=[1, 2]), id="deleted articles'"),
    ],
)
def test_finding_comments_by_their_article_or_page_searches_an_index(comments):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL plans an empty table with a scan whatever its indexes")
    plan = comments().explain()
    assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, plan


def test_migrating_back_restores_the_indexes_and_forward_drops_them(transactional_db):
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    try:
        assert set(_indexes().values()) >= DROPPED
    finally:
        executor.loader.build_graph()
        executor.migrate(leaves)
    assert not set(_indexes().values()) & DROPPED
