"""Reader pages and the staff preview. Views parse, call a query and render."""

from __future__ import annotations

from math import ceil

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import get_user_model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from runwell.articles import queries
from runwell.articles.models import BodyFormat, Category, Page, Tag
from runwell.articles.rendering import render_article
from runwell.articles.search import clean_query, count_matches, search_articles

SEARCH_PAGE_SIZE = 20

PREVIEW_MAX_CHARS = 200_000


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    page = queries.paginate(queries.listing(), request.GET.get("page"))
    return render(
        request,
        "articles/home.html",
        {"page_obj": page, "categories": queries.categories_in_use()},
    )


@require_safe
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = queries.article_for(slug, request.user)
    if article is None:
        raise Http404("No such article")
    context = {"article": article, "related": queries.related_articles(article)}
    return render(request, "articles/detail.html", context)


@require_safe
def category(request: HttpRequest, slug: str) -> HttpResponse:
    cat = get_object_or_404(Category, slug=slug)
    articles = queries.listing().filter(categories=cat)
    return render(
        request,
        "articles/listing.html",
        {
            "heading": cat.name,
            "kind": "Category",
            "description": cat.description,
            "feed_url": reverse("articles:category_feed", args=[cat.slug]),
            "page_obj": queries.paginate(articles, request.GET.get("page")),
        },
    )


@require_safe
def tag(request: HttpRequest, slug: str) -> HttpResponse:
    t = get_object_or_404(Tag, slug=slug)
    articles = queries.listing().filter(tags=t)
    return render(
        request,
        "articles/listing.html",
        {
            "heading": t.name,
            "kind": "Tag",
            "page_obj": queries.paginate(articles, request.GET.get("page")),
        },
    )


@require_safe
def author(request: HttpRequest, username: str) -> HttpResponse:
    user = get_object_or_404(get_user_model(), username=username)
    articles = queries.listing().filter(author=user)
    page = queries.paginate(articles, request.GET.get("page"))
    # Only people who have published get a page: a reader's account stays unlisted.
    if not page.object_list:
        raise Http404("No articles by this author")
    name = user.get_full_name() or user.get_username()
    return render(
        request,
        "articles/listing.html",
        {"heading": f"Articles by {name}", "kind": "Author", "page_obj": page},
    )


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    query = clean_query(request.GET.get("q"))
    total = count_matches(query) if query else 0
    pages = max(1, ceil(total / SEARCH_PAGE_SIZE))
    page = min(_page_number(request.GET.get("page")), pages)
    offset = (page - 1) * SEARCH_PAGE_SIZE
    hits = search_articles(query, limit=SEARCH_PAGE_SIZE, offset=offset) if total else []
    context = {
        "query": query,
        "search_query": query,
        "hits": hits,
        "total": total,
        "page": page,
        "pages": pages,
        "first": offset + 1,
        "last": offset + len(hits),
    }
    return render(request, "articles/search.html", context)


def _page_number(raw: str | None) -> int:
    try:
        return max(1, int(raw or 1))
    except ValueError:
        return 1


@require_safe
def page_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = get_object_or_404(Page.objects.select_related("author"), slug=slug)
    if not page.is_public and not request.user.is_staff:
        raise Http404("No such page")
    return render(request, "articles/page.html", {"page": page})


@staff_member_required
@require_POST
def preview(request: HttpRequest) -> HttpResponse:
    """The author's Markdown rendered exactly as readers will see it (admin preview)."""
    source = request.POST.get("body", "")[:PREVIEW_MAX_CHARS]
    body_format = request.POST.get("body_format", BodyFormat.MARKDOWN)
    if body_format not in BodyFormat.values:
        body_format = BodyFormat.MARKDOWN
    rendered = render_article(source, body_format)
    return render(request, "articles/preview.html", {"rendered": rendered})
