"""`{% comment_section article %}`: heading, thread and reply form under an article
(or under a page: `{% comment_section page %}`).

A constant number of queries whatever the thread's size: the rules, the thread
version and (when this process has no copy of that version) the comments. A page that
read the thread version already passes it in the context (section.SectionState); a
page rendered once for every reader passes `Holes` too, and the form then carries a
marker where each reader's signed timestamp goes (runwell.lib.holes).
"""

from typing import Any

from django import template
from django.http import HttpRequest
from django.template.loader import render_to_string

from runwell.articles.models import Article, Page
from runwell.comments import spam
from runwell.comments.actions import comments_closed
from runwell.comments.cookies import saved_details
from runwell.comments.forms import CommentForm
from runwell.comments.models import Comment, CommentStatus, on_target
from runwell.comments.schemas import MAX_BODY
from runwell.comments.section import CONTEXT_KEY, SectionState, section_state
from runwell.comments.threads import On, render_thread, thread_version
from runwell.lib import holes

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
def comment_section(context: dict[str, Any], article: Article | Page) -> dict[str, Any]:
    """The whole discussion under an article or a page: heading, thread and reply form."""
    request: HttpRequest | None = context.get("request")
    on: On = "page" if isinstance(article, Page) else "article"
    state: SectionState | None = context.get(CONTEXT_KEY)
    if state is None or state.article_id != article.pk or state.on != on:
        state = section_state(request, article.pk, thread_version(article.pk, on), on)
    rules = state.rules
    page_holes: holes.Holes | None = context.get(holes.CONTEXT_KEY)
    closed = comments_closed(article, rules)
    form: CommentForm | None = context.get("comment_form")
    reply_to_id = None if closed else _reply_to_id(request, form)
    reply_to = None
    if reply_to_id is not None:
        reply_to = (
            Comment.objects.filter(
                pk=reply_to_id,
                status=CommentStatus.APPROVED,
                is_removed=False,
                **on_target(article),
            )
            .only("id", "author_name")
            .first()
        )
    form_html = ""
    if not closed:
        if form is None:
            initial: dict[str, Any] = {
                on: article.pk,
                "parent": reply_to.pk if reply_to else None,
                "timestamp": (
                    page_holes.marker("timestamp") if page_holes else spam.sign_form_timestamp()
                ),
            }
            details = saved_details(request) if request is not None else {}
            if details:
                initial.update(details, remember=True)
            form = CommentForm(initial=initial, on=on)
        # A refused form comes back with a new timestamp: the reader who was told to post
        # again can, without reloading the page (and losing the text).
        fresh = spam.sign_form_timestamp() if form.is_bound else None
        form_context: dict[str, Any] = {
            "form": form, "article": article, "reply_to": reply_to, "max_body": MAX_BODY,
            "fresh_timestamp": fresh,
        }  # fmt: skip
        if context.get("csrf_token") is not None:
            # The page's own token (or its marker), not a second one made for the form.
            form_context["csrf_token"] = context.get("csrf_token")
        form_html = render_to_string("comments/form.html", form_context, request=request)
    thread, count, placed = render_thread(
        article.pk,
        rules.thread_depth,
        own_ids=set(state.own_ids),
        edit_minutes=rules.edit_minutes,
        reply_to=reply_to.pk if reply_to else None,
        form_html=form_html,
        version=state.version,
        on=on,
    )
    return {
        "article": article,
        "on": on,
        "request": request,
        "count": count,
        "thread": thread,
        "closed": closed,
        "form_html": form_html,
        "form_placed": placed,
    }
