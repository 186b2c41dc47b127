"""A thread read in one query, arranged as a tree, and cached per process.

The cache key holds the article's thread version, which every write bumps in the
database; a worker reads the version (one small query) before using its copy,
so a new comment shows at once in every process without a shared cache. The
version is read before the comments, so a copy is never filed under a newer
version than the data it was made from.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from runwell.comments.identicons import identicon_seed, identicon_svg
from runwell.comments.models import Comment, CommentStatus, PageThreadVersion, ThreadVersion
from runwell.lib.versioned import VersionedCache

REMOVED_TEXT = "This comment was deleted."
# The most levels a thread is shown with (WordPress' deepest nesting setting).
MAX_DISPLAY_DEPTH = 10
_FIELDS = (
    "id", "parent_id", "depth", "author_name", "author_email", "author_url", "is_author",
    "body_html", "status", "created", "edited", "is_removed",
)  # fmt: skip

# What a thread is on: an article (most threads) or a page.
On = Literal["article", "page"]

# One entry per (kind, article, ...) or (kind, "page", page, ...), holding the version
# it was made from.
_CACHE = VersionedCache(max_entries=128, max_bytes=64 * 1024 * 1024)
cached = _CACHE.get


def clear_cache() -> None:
    _CACHE.clear()


def thread_version(target_id: int, on: On = "article") -> int:
    model: type[ThreadVersion | PageThreadVersion] = (
        PageThreadVersion if on == "page" else ThreadVersion
    )
    row = model.objects.filter(pk=target_id).values_list("version", flat=True)
    return next(iter(row), 0)


def _key(kind: str, target_id: int, on: On, *rest: int) -> tuple[Any, ...]:
    # An article's keys are as they always were; a page's name the page.
    return (kind, target_id, *rest) if on == "article" else (kind, "page", target_id, *rest)


def version_sql(article_column: str) -> str:
    """The thread version of the article in `article_column`, as SQL for a raw query
    that reads it with other things (0 when the thread was never written)."""
    table = ThreadVersion._meta.db_table
    return f"COALESCE((SELECT version FROM {table} WHERE article_id = {article_column}), 0)"  # noqa: S608


def changed_sql(article_column: str) -> str:
    table = ThreadVersion._meta.db_table
    return f"(SELECT changed FROM {table} WHERE article_id = {article_column})"  # noqa: S608


@dataclass
class Node:
    comment: Comment
    children: list[Node] = field(default_factory=list)
    pending: bool = False


def cap_depth(roots: list[Node], levels: int = MAX_DISPLAY_DEPTH) -> list[Node]:
    """Show at most `levels` levels: deeper replies follow their parent at the last level.

    That is how WordPress shows a thread deeper than its nesting setting (each reply
    still names its real parent). It keeps a page or an API answer from nesting an
    imported 1,200-deep thread 1,200 times, which no reader could use and which
    recursion could not render. Iterative, so any depth is safe.
    """
    pending: list[tuple[list[Node], int]] = [(roots, 1)]
    while pending:
        siblings, level = pending.pop()
        if level < levels:
            pending.extend((node.children, level + 1) for node in siblings if node.children)
            continue
        flat: list[Node] = []
        for node in siblings:
            stack = [node]
            while stack:  # depth first, as the thread reads
                current = stack.pop()
                flat.append(current)
                stack.extend(reversed(current.children))
                current.children = []
        siblings[:] = flat
    return roots


def load_nodes(
    target_id: int, own_ids: set[int] | None = None, on: On = "article"
) -> tuple[list[Node], int]:
    """Top-level nodes (oldest first, at most MAX_DISPLAY_DEPTH levels) and the count
    of visible, approved comments."""
    visible = Q(status=CommentStatus.APPROVED)
    if own_ids:
        visible |= Q(id__in=own_ids, status=CommentStatus.PENDING)
    rows = (
        Comment.objects.filter(visible, **{f"{on}_id": target_id})
        .only(*_FIELDS)
        .order_by("created", "id")
    )
    nodes: dict[int, Node] = {}
    roots: list[Node] = []
    count = 0
    for comment in rows:
        node = Node(comment, pending=comment.status == CommentStatus.PENDING)
        nodes[comment.pk] = node
        if comment.status == CommentStatus.APPROVED and not comment.is_removed:
            count += 1
        if comment.parent_id is None:
            roots.append(node)
        elif comment.parent_id in nodes:
            nodes[comment.parent_id].children.append(node)
        # A reply whose parent is hidden (held, spam, trash) is hidden with it.
    return cap_depth(roots), count


# -- JSON for the API -------------------------------------------------------------


def _as_dict(node: Node) -> dict[str, Any]:
    c = node.comment
    return {
        "id": c.pk,
        "parent": c.parent_id,
        "author_name": "" if c.is_removed else c.author_name,
        "author_url": "" if c.is_removed else c.author_url,
        "is_author": c.is_author,
        "created": c.created.isoformat().replace("+00:00", "Z"),
        "body_html": f"<p>{REMOVED_TEXT}</p>" if c.is_removed else c.body_html,
        "replies": [_as_dict(child) for child in node.children],
    }


def thread_json(article_id: int, version: int | None = None, on: On = "article") -> bytes:
    """The API answer for a thread, as bytes, cached per thread version.

    Pass the version when it was read already (before the comments, as always).
    """
    if version is None:
        version = thread_version(article_id, on)

    def build() -> bytes:
        roots, count = load_nodes(article_id, on=on)
        payload = {"count": count, "comments": [_as_dict(n) for n in roots]}
        return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()

    return cached(_key("json", article_id, on), version, build)


# -- HTML for the article page ----------------------------------------------------


@dataclass
class Item:
    open: bool
    comment: Comment
    has_children: bool
    depth: int = 0
    can_reply: bool = False
    pending: bool = False
    editable: bool = False
    form_here: bool = False
    avatar: SafeString = field(default_factory=lambda: mark_safe(""))


def _flatten(
    roots: list[Node], max_depth: int, editable: set[int], reply_to: int | None
) -> list[Item]:
    items: list[Item] = []

    def walk(node: Node, level: int) -> None:
        c = node.comment
        has_children = bool(node.children)
        items.append(
            Item(
                open=True,
                comment=c,
                has_children=has_children,
                depth=level,
                can_reply=not node.pending and c.depth < max_depth - 1,
                pending=node.pending,
                editable=c.pk in editable,
                form_here=c.pk == reply_to,
                avatar=identicon_svg(identicon_seed(c.author_email, c.author_name)),
            )
        )
        for child in node.children:
            walk(child, level + 1)
        items.append(Item(open=False, comment=c, has_children=has_children))

    for root in roots:
        walk(root, 1)
    return items


def _find(roots: list[Node], comment_id: int) -> Comment | None:
    stack = list(roots)
    while stack:
        node = stack.pop()
        if node.comment.pk == comment_id:
            return None if node.comment.is_removed else node.comment
        stack.extend(node.children)
    return None


def render_thread(
    article_id: int,
    max_depth: int,
    *,
    own_ids: set[int] | None = None,
    edit_minutes: int = 0,
    reply_to: int | None = None,
    form_html: str = "",
    version: int | None = None,
    on: On = "article",
) -> tuple[SafeString, int, bool]:
    """(thread HTML, approved count, whether the form was placed inside the thread).

    The common case (no held comment of this reader's, no reply form placed in the
    thread) is served from the per-process cache. Pass the version when it was read
    already (before the comments, as always).
    """
    if version is None:
        version = thread_version(article_id, on)
    personal = bool(own_ids) or reply_to is not None

    def build() -> tuple[SafeString, int, bool]:
        roots, count = load_nodes(article_id, own_ids, on)
        editable = {
            i for i in own_ids or set() if (c := _find(roots, i)) and c.can_be_edited(edit_minutes)
        }
        items = _flatten(roots, max_depth, editable, reply_to)
        placed = any(item.form_here for item in items)
        html = render_to_string(
            "comments/thread.html",
            {"items": items, "form_html": form_html, "removed_text": REMOVED_TEXT},
        )
        return mark_safe(html), count, placed

    if personal:
        return build()
    return cached(_key("html", article_id, on, max_depth), version, build)
