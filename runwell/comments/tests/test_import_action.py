"""do_import_comments: the one way comments from another system are stored, in bulk."""

from __future__ import annotations

import pytest

from runwell.comments.actions import do_import_comments
from runwell.comments.models import Comment, CommentStatus, ThreadVersion

pytestmark = pytest.mark.django_db


def test_a_thread_is_stored_parents_first_rendered_and_its_version_bumped_once(
    article, mailoutbox, django_assert_max_num_queries
):
    top = Comment(article=article, author_name="A", body="<p>Top</p>", body_format="html",
                  status=CommentStatus.APPROVED)  # fmt: skip
    reply = Comment(article=article, parent=top, depth=1, author_name="B", body="*Reply*",
                    status=CommentStatus.APPROVED)  # fmt: skip
    deeper = Comment(article=article, parent=reply, depth=2, author_name="C",
                     body="<script>x</script>Deeper", body_format="html",
                     status=CommentStatus.PENDING)  # fmt: skip
    with django_assert_max_num_queries(9):  # three generations, one thread-version bump
        do_import_comments([top, reply, deeper])
    assert Comment.objects.get(pk=deeper.pk).parent_id == reply.pk
    assert reply.body_html == "<p><em>Reply</em></p>\n"
    assert deeper.body_html == "Deeper"
    assert ThreadVersion.objects.get(article=article).version == 1
    assert mailoutbox == []


def test_a_reply_whose_parent_is_nowhere_is_refused_and_nothing_is_stored(article):
    orphan_parent = Comment(article=article, author_name="A", body="x")
    reply = Comment(article=article, parent=orphan_parent, depth=1, author_name="B", body="y")
    with pytest.raises(ValueError, match="neither stored nor in the list"):
        do_import_comments([reply])
    assert not Comment.objects.exists()
