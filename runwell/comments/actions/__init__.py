"""Every change a person makes to comments goes through these functions: readers'
posts (`posting`), and edits, deletions and moderators' work in the admin (`changes`).

`check_*` validates and then calls `do_*`; `do_*` trusts its caller. Loaders that bring
in comments as they already are (the starter discussion, a WordPress import) save the
model directly (docs/architecture.md). Either way each write bumps the article's thread
version in the same transaction (Comment.save and CommentQuerySet do it), so every
worker's cached rendering of the thread is replaced on its next read.
"""

from runwell.comments.actions.changes import (
    can_still_edit,
    check_edit_comment,
    do_confirm_address,
    do_delete_comment,
    do_edit_comment,
    do_erase_comments_for_email,
    do_import_comments,
    do_opt_out,
    do_reply_as_author,
    do_save_by_moderator,
    do_set_status,
    status_changes,
)
from runwell.comments.actions.posting import (
    CLOSED_MESSAGE,
    CLOSED_ON_PAGE,
    DUPLICATE_MESSAGE,
    FLOOD_MESSAGE,
    NO_PARENT,
    RATE_MESSAGE,
    RESERVED_MESSAGE,
    CommentRefused,
    NewComment,
    ReadyComment,
    approved_before,
    check_name_is_free,
    check_new_comment,
    check_post_comment,
    check_rate_limit,
    comments_closed,
    do_post_comment,
    do_post_ready,
    do_record_answer,
    fingerprint,
    first_answer,
    idempotency_key,
    might_send_mail,
    queue_mail,
)

__all__ = [
    "CLOSED_MESSAGE",
    "CLOSED_ON_PAGE",
    "DUPLICATE_MESSAGE",
    "FLOOD_MESSAGE",
    "NO_PARENT",
    "RATE_MESSAGE",
    "RESERVED_MESSAGE",
    "CommentRefused",
    "NewComment",
    "ReadyComment",
    "approved_before",
    "can_still_edit",
    "check_edit_comment",
    "check_name_is_free",
    "check_new_comment",
    "check_post_comment",
    "check_rate_limit",
    "comments_closed",
    "do_confirm_address",
    "do_delete_comment",
    "do_edit_comment",
    "do_erase_comments_for_email",
    "do_import_comments",
    "do_opt_out",
    "do_post_comment",
    "do_post_ready",
    "do_record_answer",
    "do_reply_as_author",
    "do_save_by_moderator",
    "do_set_status",
    "fingerprint",
    "first_answer",
    "idempotency_key",
    "might_send_mail",
    "queue_mail",
    "status_changes",
]
