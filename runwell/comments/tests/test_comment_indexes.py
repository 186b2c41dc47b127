"""A comment's indexes serve every lookup by its article, page, parent or user; none
repeats another, and none holds an entry for a comment it could never find."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from runwell.comments.models import Comment

pytestmark = pytest.mark.django_db

# Before the whole-column indexes on a comment's article and page went (0007), and before
# the parent's and the user's became partial (0008).
BEFORE_0007 = [("comments", "0006_comments_on_pages")]
BEFORE_0008 = [("comments", "0007_comment_target_indexes_are_the_composite_ones")]
DROPPED = {("article_id",), ("page_id",)}
PARTIAL = {
    "comment_on_article": ("article_id", "status", "created"),
    "comment_on_page": ("page_id", "status", "created"),
    "comment_reply": ("parent_id",),
    "comment_by_user": ("user_id",),
    "comment_unique_fingerprint": ("article_id", "fingerprint"),
    "comment_unique_fingerprint_on_page": ("page_id", "fingerprint"),
}


def _indexes() -> dict[str, tuple[str, ...]]:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, "comments_comment")
    return {name: tuple(about["columns"]) for name, about in found.items() if about["index"]}


def _definitions() -> dict[str, str]:
    """name -> CREATE INDEX statement, as the database keeps it."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                "AND tbl_name = 'comments_comment'"
            )
        else:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'comments_comment'"
            )
        return dict(cursor.fetchall())


def test_no_index_is_on_the_article_or_the_page_alone():
    columns = set(_indexes().values())
    assert not columns & DROPPED
    # ...because these start with them.
    assert {("article_id", "status", "created"), ("page_id", "status", "created")} <= columns


def test_a_comment_is_in_the_index_of_its_target_parent_or_user_only_when_it_has_one():
    indexes = _indexes()
    definitions = _definitions()
    for name, columns in PARTIAL.items():
        assert indexes[name] == columns
        assert f"{columns[0]} IS NOT NULL" in definitions[name].replace('"', ""), name
    # No other index holds the parent or the user.
    others = {cols for name, cols in indexes.items() if name not in PARTIAL}
    assert not any({"parent_id", "user_id"} & set(cols) for cols in others), others


@pytest.mark.parametrize(
    "comments",
    [
        pytest.param(lambda: Comment.objects.filter(article_id=1), id="an article's"),
        pytest.param(lambda: Comment.objects.filter(page_id=1), id="a page's"),
        pytest.param(lambda: Comment.objects.filter(article_id__in=[1, 2]), id="deleted articles'"),
        pytest.param(lambda: Comment.objects.filter(parent_id=1), id="a comment's replies"),
        pytest.param(lambda: Comment.objects.filter(parent_id__in=[1, 2]), id="deleted replies'"),
        pytest.param(lambda: Comment.objects.filter(user_id=1), id="a runner's"),
        pytest.param(lambda: Comment.objects.filter(user_id__in=[1, 2]), id="deleted runners'"),
    ],
)
def test_finding_comments_by_their_article_page_parent_or_user_searches_an_index(comments):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL plans an empty table with a scan whatever its indexes")
    plan = comments().explain()
    assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, plan


@pytest.mark.parametrize("before", [BEFORE_0008, BEFORE_0007], ids=["0008", "0007"])
def test_migrating_back_restores_the_indexes_and_forward_drops_them(transactional_db, before):
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    executor.migrate(before)
    try:
        columns = set(_indexes().values())
        assert {("parent_id",), ("user_id",)} <= columns
        assert not set(PARTIAL) & set(_indexes()) - {
            "comment_unique_fingerprint",
            "comment_unique_fingerprint_on_page",
        }
        if before == BEFORE_0007:
            assert columns >= DROPPED
    finally:
        executor.loader.build_graph()
        executor.migrate(leaves)
    assert not set(_indexes().values()) & DROPPED
    assert set(PARTIAL) <= set(_indexes())
    assert "IS NOT NULL" in _definitions()["comment_reply"]
