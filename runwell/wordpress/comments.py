"""Brings a post's WordPress comments across with their threads intact."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

from runwell.articles.models import Article
from runwell.comments.models import Comment, CommentStatus
from runwell.lib.net import truncate_ip
from runwell.wordpress import wxr
from runwell.wordpress.content import convert_comment

if TYPE_CHECKING:
    from runwell.wordpress.importer import Importer, ImportReport

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


def thread_order(comments: tuple[wxr.Comment, ...]) -> list[wxr.Comment]:
    """Parents before their replies, whatever order the file lists them in."""
    by_id = {c.wp_id: c for c in comments}
    depth: dict[int, int] = {}

    def depth_of(comment: wxr.Comment) -> int:
        seen: list[int] = []
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

    return sorted(comments, key=lambda c: (depth_of(c), c.wp_id))


def _url(value: str) -> str:
    value = value.strip()
    return value[:300] if value.lower().startswith(("http://", "https://")) else ""


class CommentImporter:
    def __init__(self, importer: Importer) -> None:
        self.importer = importer

    @property
    def report(self) -> ImportReport:
        return self.importer.report

    def skip_all(self, item: wxr.Item, reason: str) -> None:
        for comment in item.comments:
            self.report.skipped[self._skip_reason(comment) or reason] += 1

    @staticmethod
    def _skip_reason(comment: wxr.Comment) -> str | None:
        return comment.comment_type if comment.comment_type in NOT_COMMENTS else None

    def import_thread(self, item: wxr.Item, article: Article) -> None:
        by_id = {c.wp_id: c for c in item.comments}
        made: dict[int, Comment] = {}
        author = self.importer.authors.get(self.importer.login(item.creator))
        for comment in thread_order(item.comments):
            reason = self._skip_reason(comment)
            if reason:
                self.report.skipped[reason] += 1
                continue
            parent = self._nearest_parent(comment, by_id, made)
            made[comment.wp_id] = self._import_comment(item, article, comment, parent, author)
            self.report.comments += 1

    @staticmethod
    def _nearest_parent(
        comment: wxr.Comment, by_id: dict[int, wxr.Comment], made: dict[int, Comment]
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

    def _import_comment(
        self,
        item: wxr.Item,
        article: Article,
        comment: wxr.Comment,
        parent: Comment | None,
        author: wxr.Author | None,
    ) -> Comment:
        wp_key = f"{item.wp_id}:{comment.wp_id}"
        existing = self.importer.find_imported("comment", wp_key, item.guid, Comment)
        if existing is not None:
            return existing
        is_author = self._by_post_author(comment, author)
        made = Comment(
            article=article,
            parent=parent,
            depth=parent.depth + 1 if parent else 0,
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
        made.save()
        self.importer.remember("comment", wp_key, item.guid, made)
        return made

    @staticmethod
    def _by_post_author(comment: wxr.Comment, author: wxr.Author | None) -> bool:
        if author is None:
            return False
        if comment.user_id and author.wp_id and comment.user_id == author.wp_id:
            return True
        email = comment.author_email.strip().lower()
        return bool(email) and email == author.email.strip().lower()
