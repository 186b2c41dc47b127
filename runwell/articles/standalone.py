"""A standalone page (About, Contact, or one imported from WordPress) as readers see it.

Pages are few and seldom read compared with articles, so each is rendered for its
reader; the discussion under it reuses the article's section (comments/section.html),
whose thread HTML is cached per process under the page's thread version.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from runwell.articles.models import Page
from runwell.comments.models import Comment, CommentStatus


def has_discussion(page: Page) -> bool:
    """Whether the page shows a discussion: it is open, or approved comments are kept
    from when it was (a closed page without comments shows nothing of one)."""
    if page.comments_open:
        return True
    return Comment.objects.filter(page=page, status=CommentStatus.APPROVED).exists()


def page_context(page: Page, *, discussion: bool = False) -> dict[str, Any]:
    # The Contact page ends with the address to write to (RUNWELL_CONTACT_EMAIL, else
    # the moderators' address), so a fresh install has a working Contact page.
    contact = settings.CONTACT_EMAIL or next((a for _n, a in settings.MANAGERS), "")
    return {
        "page": page,
        "show_contact": page.slug == "contact",
        "contact_email": contact,
        "discussion": discussion,
    }


def render_page(
    request: HttpRequest,
    page: Page,
    *,
    extra: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The page for this reader (with a comment form sent back, when `extra` has one:
    the discussion is shown then, if only to say that it has closed)."""
    extra = extra or {}
    discussion = page.is_public and ("comment_form" in extra or has_discussion(page))
    context = {**page_context(page, discussion=discussion), **extra}
    return render(request, "articles/page.html", context, status=status)
