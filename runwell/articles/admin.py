"""Writing in the admin: articles, pages, categories and tags, with a Markdown preview."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Field
from django.http import HttpRequest
from django.urls import reverse

from runwell.articles.models import Article, Category, Page, Tag


class PreviewMedia:
    """The body textarea gets a Preview button (static JS, no inline script: CSP)."""

    class Media:
        css = {"all": ["css/articles.css"]}
        js = ["js/articles.js"]

    def formfield_for_dbfield(
        self, db_field: Field[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        formfield: forms.Field | None = super().formfield_for_dbfield(  # type: ignore[misc]
            db_field, request, **kwargs
        )
        if db_field.name == "body" and formfield is not None:
            formfield.widget.attrs.update(
                {"data-preview-url": reverse("articles:preview"), "rows": 24}
            )
            formfield.help_text = (
                "Markdown: ## and ### headings, an image with a title becomes a figure with a "
                "caption, end with a “Sources” section. Raw HTML is shown as text. Save a draft "
                "and use “View on site” for a full-page preview."
            )
        return formfield


@admin.register(Article)
class ArticleAdmin(PreviewMedia, admin.ModelAdmin[Article]):
    list_display = ["title", "status", "published_at", "author", "reading_minutes"]
    list_filter = ["status", "categories", "tags", "author", "published_at"]
    search_fields = ["title", "slug", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_at"
    filter_horizontal = ["categories", "tags"]
    list_select_related = ["author"]
    readonly_fields = ["reading_minutes", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "body_format"]}),
        ("Publishing", {"fields": ["status", "published_at", "author", "comments_open"]}),
        ("Hero image", {"fields": ["hero_image", "hero_alt", "hero_caption"]}),
        ("Filing", {"fields": ["categories", "tags"]}),
        ("About", {"fields": ["reading_minutes", "updated_at"]}),
    ]

    def save_model(self, request: HttpRequest, obj: Article, form: Any, change: bool) -> None:
        if obj.author_id is None and request.user.is_authenticated:
            obj.author = request.user
        super().save_model(request, obj, form, change)


@admin.register(Page)
class PageAdmin(PreviewMedia, admin.ModelAdmin[Page]):
    list_display = ["title", "slug", "status", "published_at"]
    list_filter = ["status"]
    search_fields = ["title", "slug", "body"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "body", "body_format", "status", "published_at", "author"]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin[Category]):
    list_display = ["name", "slug", "parent"]
    list_filter = ["parent"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin[Tag]):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
