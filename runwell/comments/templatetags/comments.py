"""`{% comment_section article %}`: heading, thread and reply form under an article.

A constant number of queries whatever the thread's size: the rules, the thread
version and (when this process has no copy of that version) the comments.
"""

from typing import Any

from django import template
from django.http import HttpRequest
from django.template.loader import render_to_string

from runwell.articles.models import Article
from runwell.comments import spam
from runwell.comments.actions import comments_closed
from runwell.comments.conf import load_rules
from runwell.comments.cookies import own_comment_ids, saved_details
from runwell.comments.forms import CommentForm
from runwell.comments.models import Comment, CommentStatus
from runwell.comments.schemas import MAX_BODY
from runwell.comments.threads import render_thread

register = template.Library()


def _reply_to_id(request: HttpRequest | None, form: CommentForm | None) -> int | None:
    raw: Any = None
    if form is not None and form.is_bound:
        raw = form.data.get("parent")
    elif request is not None:
        raw = request.GET.get("replytoc")
    try:
        value = int(raw)
    except (TypeError, ValueError):
        return None
    return value if value > 0 else None


@register.inclusion_tag("comments/section.html", takes_context=True)
def comment_section(context: dict[str, Any], article: Article) -> dict[str, Any]:
    """The whole discussion under an article: heading, thread and reply form."""
    request: HttpRequest | None = context.get("request")
    rules = load_rules()
    closed = comments_closed(article, rules)
    own_ids = own_comment_ids(request) if request is not None else set()
    form: CommentForm | None = context.get("comment_form")
    reply_to_id = None if closed else _reply_to_id(request, form)
    reply_to = None
    if reply_to_id is not None:
        reply_to = (
            Comment.objects.filter(
                pk=reply_to_id, article=article, status=CommentStatus.APPROVED, is_removed=False
            )
            .only("id", "author_name")
            .first()
        )
    form_html = ""
    if not closed:
        if form is None:
            initial: dict[str, Any] = {
                "article": article.pk,
                "parent": reply_to.pk if reply_to else None,
                "timestamp": spam.sign_form_timestamp(),
            }
            details = saved_details(request) if request is not None else {}
            if details:
                initial.update(details, remember=True)
            form = CommentForm(initial=initial)
        # A refused form comes back with a new timestamp: the reader who was told to post
        # again can, without reloading the page (and losing the text).
        fresh = spam.sign_form_timestamp() if form.is_bound else None
        form_html = render_to_string(
            "comments/form.html",
            {"form": form, "article": article, "reply_to": reply_to, "max_body": MAX_BODY,
             "fresh_timestamp": fresh},
            request=request,
        )  # fmt: skip
    thread, count, placed = render_thread(
        article.pk,
        rules.thread_depth,
        own_ids=own_ids,
        edit_minutes=rules.edit_minutes,
        reply_to=reply_to.pk if reply_to else None,
        form_html=form_html,
    )
    return {
        "article": article,
        "request": request,
        "count": count,
        "thread": thread,
        "closed": closed,
        "form_html": form_html,
        "form_placed": placed,
    }
