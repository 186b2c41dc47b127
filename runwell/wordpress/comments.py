"""Brings a post's (or a page's) WordPress comments across with their threads intact.

Comments are stored through the comments app's bulk action (do_import_comments),
so rendering and the thread-version bump stay where every other comment write
has them.
"""

from __future__ import annotations

from django.utils import timezone

from runwell.articles.models import Article, Page
from runwell.comments.actions import do_import_comments
from runwell.comments.models import Comment, CommentStatus, on_target
from runwell.lib.net import truncate_ip
from runwell.wordpress import wxr
from runwell.wordpress.content import convert_comment
from runwell.wordpress.ledger import RUNWELL_ID, ImportReport, Ledger, comment_key

STATUSES = {
    "1": CommentStatus.APPROVED,
    "approve": CommentStatus.APPROVED,
    "0": CommentStatus.PENDING,
    "hold": CommentStatus.PENDING,
    "spam": CommentStatus.SPAM,
    "trash": CommentStatus.TRASH,
    "post-trashed": CommentStatus.TRASH,
}
NOT_COMMENTS = frozenset({"pingback", "trackback"})
# Commentmeta in Runwell's export: deleted by its author (a placeholder kept for its
# replies). WordPress' own trash meta beside it keeps the status it had before.
REMOVED = "_runwell_removed"
TRASHED_FROM = "_wp_trash_meta_status"
MAX_DEPTH = 32767  # the depth column's largest value


def thread_order(comments: list[wxr.Comment]) -> list[wxr.Comment]:
    """Parents before their replies, whatever order the file lists them in."""
    by_id = {c.wp_id: c for c in comments}
    depth: dict[int | None, int] = {}

    def depth_of(comment: wxr.Comment) -> int:
        seen: list[int | None] = []
        current: wxr.Comment | None = comment
        while current is not None and current.wp_id not in depth:
            if current.wp_id in seen:  # a loop in a damaged file: cut it here
                break
            seen.append(current.wp_id)
            current = by_id.get(current.parent_id)
        base = depth.get(current.wp_id, -1) if current is not None else -1
        for offset, wp_id in enumerate(reversed(seen), start=1):
            depth[wp_id] = base + offset
        return depth[comment.wp_id]

    return sorted(comments, key=lambda c: (depth_of(c), c.wp_id or 0))


def _url(value: str) -> str:
    value = value.strip()
    return value[:300] if value.lower().startswith(("http://", "https://")) else ""


def _by_post_author(comment: wxr.Comment, author: wxr.Author | None) -> bool:
    if author is None:
        return False
    if comment.user_id and author.wp_id and comment.user_id == author.wp_id:
        return True
    email = comment.author_email.strip().lower()
    return bool(email) and email == author.email.strip().lower()


class CommentImporter:
    """Builds each post's comments; stores them a few thousand at a time (see `flush`)."""

    BATCH = 2000

    def __init__(self, ledger: Ledger, *, own: bool) -> None:
        self.ledger = ledger
        self.own = own
        # Built but not yet stored: (key, WordPress id, post guid, comment).
        self._waiting: list[tuple[str, int, str, Comment]] = []

    @property
    def report(self) -> ImportReport:
        return self.ledger.report

    def skip_all(self, item: wxr.Item, reason: str) -> None:
        for comment in item.comments:
            self.report.skipped[self._kind(comment) or reason] += 1

    @staticmethod
    def _kind(comment: wxr.Comment) -> str | None:
        return comment.comment_type if comment.comment_type in NOT_COMMENTS else None

    def _usable(self, item: wxr.Item) -> list[wxr.Comment]:
        usable: dict[int, wxr.Comment] = {}
        for comment in item.comments:
            if kind := self._kind(comment):
                self.report.skipped[kind] += 1
            elif not comment.wp_id:
                self.report.skipped["bad_comment_id"] += 1
                self.report.warnings.append(
                    f"a comment on {item.post_type} {item.wp_id} has no usable comment id: skipped"
                )
            elif comment.wp_id in usable:
                self.report.skipped["duplicate_comment"] += 1
                self.report.warnings.append(
                    f"comment {comment.wp_id} appears twice on {item.post_type} {item.wp_id}:"
                    " the second copy was skipped"
                )
            else:
                usable[comment.wp_id] = comment
        return list(usable.values())

    def import_thread(
        self, item: wxr.Item, article: Article | Page, post: str, author: wxr.Author | None
    ) -> None:
        """Import a post's or a page's comments; `post` is its identity
        (ledger.post_identity)."""
        ordered = thread_order(self._usable(item))
        keys = {c.wp_id: comment_key(post, c.wp_id or 0) for c in ordered}
        earlier = self.ledger.find_many(list(keys.values()), Comment)
        own = self._own_comments(ordered, article)
        by_id = {c.wp_id: c for c in ordered}
        made: dict[int | None, Comment] = {}
        new: list[tuple[wxr.Comment, Comment]] = []
        for comment in ordered:
            found = earlier.get(keys[comment.wp_id]) or own.get(comment.wp_id)
            if found is None:
                parent = self._nearest_parent(comment, by_id, made)
                found = self._build(article, comment, parent, author)
                new.append((comment, found))
            made[comment.wp_id] = found
            self.report.comments += 1
        self._waiting += [(keys[c.wp_id], c.wp_id or 0, item.guid, made_c) for c, made_c in new]
        if len(self._waiting) >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        """Store the comments built so far, many posts' worth in one go (a generation of
        replies is one INSERT), and record them."""
        if not self._waiting:
            return
        do_import_comments([comment for *_, comment in self._waiting])
        for key, wp_id, guid, comment in self._waiting:
            self.ledger.remember("comment", key, wp_id, guid, comment, now=False)
        self.ledger.flush()
        self._waiting.clear()

    def _own_comments(
        self, comments: list[wxr.Comment], article: Article | Page
    ) -> dict[int | None, Comment]:
        """In Runwell's own export, each comment names itself here (its `_runwell_id`)."""
        if not self.own or article.pk is None:
            return {}
        ids = {c.wp_id: wxr.to_int(c.meta_value(RUNWELL_ID)) for c in comments}
        found = Comment.objects.filter(**on_target(article)).in_bulk([i for i in ids.values() if i])
        return {wp_id: found[pk] for wp_id, pk in ids.items() if pk in found}

    @staticmethod
    def _nearest_parent(
        comment: wxr.Comment, by_id: dict[int | None, wxr.Comment], made: dict[int | None, Comment]
    ) -> Comment | None:
        # A reply to a skipped pingback hangs from the nearest comment that came across.
        parent_id = comment.parent_id
        hops = 0
        while parent_id and hops <= len(by_id):
            if parent_id in made:
                return made[parent_id]
            ancestor = by_id.get(parent_id)
            parent_id = ancestor.parent_id if ancestor else 0
            hops += 1
        return None

    @staticmethod
    def _build(
        article: Article | Page,
        comment: wxr.Comment,
        parent: Comment | None,
        author: wxr.Author | None,
    ) -> Comment:
        is_author = _by_post_author(comment, author)
        made = Comment(
            **on_target(article),
            parent=parent,
            depth=min(parent.depth + 1, MAX_DEPTH) if parent else 0,
            author_name=(comment.author.strip() or "Anonymous")[:100],
            author_email=comment.author_email.strip()[:254],
            author_url=_url(comment.author_url),
            user=article.author if is_author else None,
            is_author=is_author,
            body=convert_comment(comment.content),
            body_format="html",
            status=STATUSES.get(comment.approved, CommentStatus.PENDING),
            ip_network=truncate_ip(comment.author_ip),
            created=comment.date_gmt or wxr.parse_gmt(comment.date_local) or timezone.now(),
        )
        if comment.meta_value(REMOVED) == "1":
            # Deleted by its author on the Runwell site that wrote the file: the same here.
            made.status = STATUSES.get(comment.meta_value(TRASHED_FROM), CommentStatus.APPROVED)
            made.is_removed = True
            made.author_name = made.author_email = made.author_url = made.body = ""
            made.ip_network = ""
        return made
