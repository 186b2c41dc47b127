"""A thread deeper than anyone reads (an imported 1,200-level one) still shows: at most ten
levels, deeper replies following their parent at the last level, as WordPress shows them."""

from __future__ import annotations

import re
from typing import Any

import pytest

from runwell.comments.conf import forget_stored_settings
from runwell.comments.models import Comment, CommentStatus
from runwell.comments.threads import MAX_DISPLAY_DEPTH, Node, cap_depth, clear_cache

pytestmark = pytest.mark.django_db

DEPTH = 1200


@pytest.fixture
def deep_thread(article):
    """One chain of replies, each to the one before, 1,200 deep (as an import writes it)."""
    parent = None
    for level in range(DEPTH):
        comment = Comment(
            article=article, parent=parent, depth=level, author_name=f"R{level}",
            author_email="r@example.org", body=f"Level {level}", status=CommentStatus.APPROVED,
        )  # fmt: skip
        comment.save()
        parent = comment
    clear_cache()
    return article


def _nesting(html: str) -> int:
    deepest = level = 0
    for tag in re.findall(r"<(/?)ol\b", html):
        level += -1 if tag else 1
        deepest = max(deepest, level)
    return deepest


def _depth(node: dict[str, Any], level: int = 1) -> int:
    return max([level] + [_depth(child, level + 1) for child in node["replies"]])


def test_the_article_page_shows_every_comment_nested_at_most_ten_deep(client, deep_thread):
    response = client.get(deep_thread.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    thread = html.split('class="comment-list"')[1]
    assert "Level 0" in thread and f"Level {DEPTH - 1}" in thread
    assert _nesting('<ol class="comment-list"' + thread) == MAX_DISPLAY_DEPTH
    assert len(re.findall(r'class="comment depth-10[" ]', thread)) == DEPTH - MAX_DISPLAY_DEPTH + 1


def test_the_comments_api_answers_with_the_tree_capped_and_every_parent_kept(client, deep_thread):
    response = client.get(f"/api/v1/articles/{deep_thread.slug}/comments")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == DEPTH
    (root,) = data["comments"]
    assert _depth(root) == MAX_DISPLAY_DEPTH
    node = root
    for _ in range(MAX_DISPLAY_DEPTH - 2):
        (node,) = node["replies"]
    flat = node["replies"]  # the tenth level: everything from there on, side by side
    assert len(flat) == DEPTH - MAX_DISPLAY_DEPTH + 1
    assert all(c["replies"] == [] for c in flat)
    # Shown side by side, each still names the comment it answers.
    assert [c["parent"] for c in flat[1:]] == [c["id"] for c in flat[:-1]]


def test_the_page_of_a_deep_thread_costs_the_same_queries(
    client, deep_thread, django_assert_num_queries
):
    client.get(deep_thread.get_absolute_url())
    clear_cache()
    forget_stored_settings()  # as a fresh process: nothing cached, however fast the run
    with django_assert_num_queries(6):
        client.get(deep_thread.get_absolute_url())


def _chain(levels: int) -> Node:
    root = node = Node(Comment(pk=1))
    for n in range(2, levels + 1):
        child = Node(Comment(pk=n))
        node.children.append(child)
        node = child
    return root


def test_flattening_keeps_the_reading_order_depth_first():
    # 1 > 2 > 3 > (4 > 5, 6) with three levels: 3's descendants follow it in order.
    root = Node(Comment(pk=1))
    two, three, four, five, six = (Node(Comment(pk=n)) for n in range(2, 7))
    root.children = [two]
    two.children = [three]
    three.children = [four, six]
    four.children = [five]
    (capped,) = cap_depth([root], levels=3)
    (level_two,) = capped.children
    assert [n.comment.pk for n in level_two.children] == [3, 4, 5, 6]
    assert all(not n.children for n in level_two.children)


def test_a_shallow_thread_is_left_as_it_is():
    root = _chain(MAX_DISPLAY_DEPTH)
    (same,) = cap_depth([root])
    assert same is root
    node, levels = same, 1
    while node.children:
        (node,) = node.children
        levels += 1
    assert levels == MAX_DISPLAY_DEPTH
