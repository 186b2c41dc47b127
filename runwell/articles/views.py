from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from runwell.articles.models import Article, Category, Page, Status, Tag


def home(request: HttpRequest) -> HttpResponse:
    articles = Article.objects.published().select_related("author")[:10]
    return render(request, "articles/home.html", {"articles": articles})


def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_object_or_404(Article.objects.published(), slug=slug)
    return render(request, "articles/detail.html", {"article": article})


def category(request: HttpRequest, slug: str) -> HttpResponse:
    cat = get_object_or_404(Category, slug=slug)
    return render(request, "articles/home.html", {"articles": cat.articles.published()})


def tag(request: HttpRequest, slug: str) -> HttpResponse:
    t = get_object_or_404(Tag, slug=slug)
    return render(request, "articles/home.html", {"articles": t.articles.published()})


def page_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = get_object_or_404(Page, slug=slug, status=Status.PUBLISHED)
    return render(request, "articles/page.html", {"page": page})
