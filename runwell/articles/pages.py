"""The article page, cheap for readers.

Readers load this page more than any other, and nearly all of it is the same for each
of them: the article, its table of contents, the related articles, the discussion. So:

- One query starts every request: the article's id and publication state, its thread
  version and the content version (articles.versions). Nothing cached is used unless
  both versions match what it was made from, and every write bumps one of them in its
  own transaction, so an edit or a new comment shows at once in every process.
- A reader with nothing of their own on the page (no session, no saved details, no
  held or still-editable comment here, no query string) gets the page rendered once per
  process for every such reader (a `Skeleton`), with only their CSRF token and their
  signed form timestamp put in (runwell.lib.holes). That page also answers conditional
  GETs: its ETag changes with the versions, the rules, the reader's CSRF cookie and
  the hour (a form timestamp is good for a day).
- Everyone else (a signed-in runner, a poster who sees their own held comment, a form
  sent back with errors) gets the templates rendered for them, but from the cached
  article and related articles, and the cached thread where it is theirs too.
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage import default_storage
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.crypto import get_random_string, salted_hmac

from runwell.articles import queries
from runwell.articles.models import Article, ContentVersion, Status
from runwell.articles.versions import ContentKey, content_key
from runwell.comments import section as comment_section
from runwell.comments import spam, threads
from runwell.comments.conf import Rules
from runwell.comments.cookies import OWN_COOKIE
from runwell.lib import holes
from runwell.lib.conditional import not_modified
from runwell.lib.rawsql import aware_datetime
from runwell.lib.versioned import VersionedCache

logger = logging.getLogger(__name__)

_CACHE = VersionedCache(max_entries=256, max_bytes=128 * 1024 * 1024)
HOLES = ("csrf", "timestamp")
# The secret a shared page is rendered with: no reader's, so a token made from it by a
# template that does not use the marker would be refused for everyone, never leaked.
_BUILD_SECRET = get_random_string(32)
# Cookies that leave a reader on the shared page (their own comments are looked up).
SHARED_COOKIES = frozenset({settings.CSRF_COOKIE_NAME, OWN_COOKIE})
PAGE_CACHE_CONTROL = "private, no-cache"


@dataclass(frozen=True)
class PageState:
    """What one query says about an article page before anything is rendered."""

    article_id: int
    slug: str
    status: str
    published_at: datetime | None
    comments_open: bool
    content: ContentKey
    thread_version: int

    @property
    def is_public(self) -> bool:
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    def discussion_closed(self, rules: Rules) -> bool:
        """Whether the form is gone: closing by age happens with no write, so the shared
        page's key carries it (actions.comments_closed decides the same for a post)."""
        if not self.comments_open:
            return True
        if rules.close_after_days and self.published_at is not None:
            age = timezone.now() - self.published_at
            return age > timedelta(days=rules.close_after_days)
        return False


@dataclass(frozen=True)
class ArticleParts:
    """What every reader's page shows of the article itself, loaded once per version."""

    article: Article
    related: list[Article]


_state_sql: str | None = None


def _state_query() -> str:
    global _state_sql
    if _state_sql is None:
        a, cv = Article._meta.db_table, ContentVersion._meta.db_table
        _state_sql = (
            "SELECT a.id, a.slug, a.status, a.published_at, a.comments_open, "  # noqa: S608
            f"{threads.version_sql('a.id')}, cv.version, cv.changed "
            f"FROM {a} a LEFT JOIN {cv} cv ON cv.id = 1 WHERE a.slug = %s"
        )
    return _state_sql


def read_state(slug: str) -> PageState | None:
    # A fixed statement: every article page runs it, and the ORM's query building
    # would cost more than the statement.
    with connection.cursor() as cursor:
        cursor.execute(_state_query(), [slug])
        row = cursor.fetchone()
    if row is None:
        return None
    article_id, slug, status, published, comments_open, thread_v, content_v, changed = row
    return PageState(
        article_id=article_id,
        slug=slug,
        status=status,
        published_at=aware_datetime(published),
        comments_open=bool(comments_open),
        content=content_key(content_v or 0, aware_datetime(changed)),
        thread_version=thread_v,
    )


def article_parts(state: PageState) -> ArticleParts | None:
    def build() -> ArticleParts | None:
        article = queries.article_for(state.slug, None)
        if article is None:
            return None
        return ArticleParts(article, queries.related_articles(article))

    return _CACHE.get(("parts", state.article_id), state.content, build)


def clear_cache() -> None:
    _CACHE.clear()


# -- the page ----------------------------------------------------------------------


def article_page(request: HttpRequest, slug: str) -> HttpResponse:
    state = read_state(slug)
    if state is None:
        raise Http404("No such article")
    if not state.is_public:
        return _preview(request, slug)
    section = comment_section.section_state(request, state.article_id, state.thread_version)
    if _reader_sees_the_shared_page(request, section):
        response = _shared_page(request, state, section)
        if response is not None:
            return response
    return render_page(request, state, section)


def render_page(
    request: HttpRequest,
    state: PageState,
    section: comment_section.SectionState,
    *,
    extra: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The page rendered for this reader, from the cached article and related articles."""
    parts = article_parts(state)
    if parts is None:
        raise Http404("No such article")
    context = {
        "article": parts.article,
        "related": parts.related,
        comment_section.CONTEXT_KEY: section,
        **(extra or {}),
    }
    return render(request, "articles/detail.html", context, status=status)


def render_for(
    request: HttpRequest, slug: str, *, extra: dict[str, Any], status: int
) -> HttpResponse:
    """The page for this reader with more in the context (a comment form sent back)."""
    state = read_state(slug)
    if state is None or not state.is_public:
        raise Http404("No such article")
    section = comment_section.section_state(request, state.article_id, state.thread_version)
    return render_page(request, state, section, extra=extra, status=status)


def _preview(request: HttpRequest, slug: str) -> HttpResponse:
    # A draft or a scheduled article, for staff only: rendered as it is, never cached.
    article = queries.article_for(slug, request.user)
    if article is None:
        raise Http404("No such article")
    context = {"article": article, "related": queries.related_articles(article)}
    return render(request, "articles/detail.html", context)


def _reader_sees_the_shared_page(
    request: HttpRequest, section: comment_section.SectionState
) -> bool:
    return (
        not request.META.get("QUERY_STRING")
        and not section.personal
        and all(name in SHARED_COOKIES for name in request.COOKIES)
        and not request.user.is_authenticated
    )


def _page_key(
    request: HttpRequest, state: PageState, section: comment_section.SectionState
) -> tuple[Any, ...]:
    # Everything the shared page is made from besides the reader (see the module doc).
    return (
        state.content,
        state.thread_version,
        section.rules,
        state.discussion_closed(section.rules),
        request.scheme,
        request.get_host(),
        translation.get_language(),
        timezone.localdate(),
    )


def _etag(request: HttpRequest, key: tuple[Any, ...]) -> str | None:
    secret = request.META.get("CSRF_COOKIE")
    if not secret or request.COOKIES.get(settings.CSRF_COOKIE_NAME) != secret:
        return None  # a new CSRF cookie comes with this page: nothing to compare with
    hour = int(timezone.now().timestamp()) // 3600
    digest = salted_hmac("runwell.articles.page-etag", f"{key!r}|{secret}|{hour}").hexdigest()
    return f'W/"{digest[:32]}"'


def _shared_page(
    request: HttpRequest, state: PageState, section: comment_section.SectionState
) -> HttpResponse | None:
    key = _page_key(request, state, section)
    etag = _etag(request, key)
    headers = {"Cache-Control": PAGE_CACHE_CONTROL, "Vary": "Cookie"}
    if etag is not None:
        headers["ETag"] = etag
        unchanged = not_modified(request, etag=etag, headers=headers)
        if unchanged is not None:
            return unchanged
    skeleton = _CACHE.get(("page", state.article_id), key, lambda: _build(request, state, section))
    if skeleton is None:
        return None
    body = skeleton.fill(
        {"csrf": get_token(request).encode(), "timestamp": spam.sign_form_timestamp().encode()}
    )
    response = HttpResponse(body, content_type="text/html; charset=utf-8")
    for name, value in headers.items():
        response[name] = value
    return response


def _readerless(request: HttpRequest) -> HttpRequest:
    """The request as any reader of the shared page would send it: no cookies, no one
    signed in, a CSRF secret that is no reader's."""
    blank = copy.copy(request)
    blank.COOKIES = {}
    blank.META = {k: v for k, v in request.META.items() if k != "HTTP_COOKIE"}
    blank.META["CSRF_COOKIE"] = _BUILD_SECRET
    blank.user = AnonymousUser()
    blank._messages = default_storage(blank)  # type: ignore[attr-defined]
    return blank


def _build(
    request: HttpRequest, state: PageState, section: comment_section.SectionState
) -> holes.Skeleton | None:
    parts = article_parts(state)
    if parts is None:
        raise Http404("No such article")
    blank = _readerless(request)
    page_holes = holes.Holes.fresh()
    context = {
        "article": parts.article,
        "related": parts.related,
        comment_section.CONTEXT_KEY: section,
        holes.CONTEXT_KEY: page_holes,
        "csrf_token": page_holes.marker("csrf"),
    }
    html = render_to_string("articles/detail.html", context, request=blank)
    if blank.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        # Some template asked for a token of its own instead of the page's marker: such
        # a page cannot be shared, so every reader gets it rendered for them.
        logger.warning("article page made its own CSRF token; it is rendered per reader")
        return None
    return page_holes.split(html, HOLES)
