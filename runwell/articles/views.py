"""Reader pages and the staff preview. Views parse, call a query and render."""

from __future__ import annotations

from math import ceil

from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from runwell.articles import queries
from runwell.articles.forms import preview_article, preview_page
from runwell.articles.models import Category, Page, Status, Tag
from runwell.articles.pages import article_page
from runwell.articles.query_syntax import parse
from runwell.articles.search import clean_query, search
from runwell.articles.standalone import page_context, render_page
from runwell.articles.suggestions import suggest

SEARCH_PAGE_SIZE = 20


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
    # Cached per process under the content and thread versions (see pages.py).
    return article_page(request, slug)


@require_safe
def site_map(request: HttpRequest) -> HttpResponse:
    by_category, uncategorised = queries.articles_by_category()
    pages = Page.objects.filter(status=Status.PUBLISHED).only("title", "slug").order_by("title")
    context = {
        "by_category": by_category,
        "uncategorised": uncategorised,
        "pages": [p for p in pages if p.is_public],
    }
    return render(request, "articles/site_map.html", context)


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
def author(request: HttpRequest, slug: str) -> HttpResponse:
    profile = queries.author_profile(slug)
    if profile is None:
        raise Http404("No such author")
    articles = queries.listing().filter(author=profile.user)
    reviewed = queries.listing().filter(reviewed_by=profile.user)
    page = queries.paginate(articles, request.GET.get("page"))
    # Only people who have written or reviewed get a page: a reader's account stays unlisted.
    if not page.object_list and not reviewed.exists():
        raise Http404("Nothing published by this author")
    context = {
        "profile": profile,
        "page_obj": page,
        "reviewed": reviewed[: queries.PAGE_SIZE],
    }
    return render(request, "articles/author.html", context)


@require_safe
def search_page(request: HttpRequest) -> HttpResponse:
    query = clean_query(request.GET.get("q"))
    wanted = _page_number(request.GET.get("page"))
    results = search(query, (wanted - 1) * SEARCH_PAGE_SIZE, SEARCH_PAGE_SIZE)
    pages = max(1, ceil(results.total / SEARCH_PAGE_SIZE))
    if wanted > pages:  # past the last page: show the last one
        results = search(query, (pages - 1) * SEARCH_PAGE_SIZE, SEARCH_PAGE_SIZE)
    page = min(wanted, pages)
    offset = (page - 1) * SEARCH_PAGE_SIZE
    parsed = parse(query)
    suggestion = None
    if not parsed.is_empty and (results.keyword_matches == 0 or results.relaxed):
        suggestion = suggest(query, parsed)
    context = {
        "query": query,
        "search_query": query,
        "results": results,
        "hits": results.hits,
        "total": results.total,
        "page": page,
        "pages": pages,
        "first": offset + 1,
        "last": offset + len(results.hits),
        "suggestion": suggestion,
        "popular": queries.popular_articles() if not results.total else [],
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
    return render_page(request, page)


@staff_member_required
@require_POST
def preview(request: HttpRequest) -> HttpResponse:
    """The editor's unsaved work in the public page's own template and styles (opened in
    a new tab by the admin's Preview button, which posts the whole form here)."""
    if request.POST.get("kind") == "page":
        return render(request, "articles/page.html", page_context(preview_page(request.POST)))
    article = preview_article(request.POST)
    return render(request, "articles/preview.html", {"article": article, "preview": True})
