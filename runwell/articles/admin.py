"""Writing in the admin: articles and pages with a full-page preview and images placed in
the text, author profiles, categories and tags."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Field, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from runwell.articles.actions import do_add_article_image
from runwell.articles.forms import ArticleImageForm
from runwell.articles.models import (
    Article,
    ArticleImage,
    AuthorProfile,
    Category,
    Page,
    Tag,
)

BODY_HELP = (
    "Markdown: ## and ### headings; an image with a title becomes a figure with a caption "
    "(use “Insert an image” below); end with a “Sources” section, where web addresses and "
    "DOIs (doi 10.…) become links. Raw HTML is shown as text."
)


class EditorMedia:
    """The body textarea gets an image uploader (static JS, no inline script: CSP), and the
    change form a Preview button that opens the public page's template in a new tab."""

    class Media:
        js = ["js/editor.js"]  # its styles are in css/admin.css, on every admin page

    def formfield_for_dbfield(
        self, db_field: Field[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        formfield: forms.Field | None = super().formfield_for_dbfield(  # type: ignore[misc]
            db_field, request, **kwargs
        )
        if db_field.name == "body" and formfield is not None:
            formfield.widget.attrs.update(
                {
                    "rows": 24,
                    "data-image-upload-url": reverse("admin:articles_article_image_upload"),
                    "data-image-library-url": reverse("admin:articles_articleimage_add"),
                }
            )
            formfield.help_text = BODY_HELP
        return formfield


class ReviewDue(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("overdue", "Review overdue"), ("never", "Never reviewed")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Article]) -> QuerySet[Article]:
        if self.value() == "overdue":
            return queryset.filter(next_review_due__lt=timezone.localdate())
        if self.value() == "never":
            return queryset.filter(last_reviewed__isnull=True)
        return queryset


@admin.register(Article)
class ArticleAdmin(EditorMedia, admin.ModelAdmin[Article]):
    list_display = ["title", "status", "published_at", "author", "last_reviewed",
                    "next_review_due"]  # fmt: skip
    list_filter = ["status", ReviewDue, "categories", "tags", "author", "published_at"]
    search_fields = ["title", "slug", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_at"
    filter_horizontal = ["categories", "tags"]
    list_select_related = ["author"]
    readonly_fields = ["reading_minutes", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "body_format"]}),
        ("Publishing", {"fields": ["status", "published_at", "author", "comments_open"]}),
        (
            "Review",
            {
                "fields": ["reviewed_by", "last_reviewed", "next_review_due"],
                "description": "Readers see who reviewed the article and when it is next due. "
                "A reviewer needs an author profile (name, credentials, bio).",
            },
        ),
        ("Hero image", {"fields": ["hero_image", "hero_alt", "hero_caption"]}),
        ("Filing", {"fields": ["categories", "tags"]}),
        ("About", {"fields": ["reading_minutes", "updated_at"]}),
    ]

    def save_model(self, request: HttpRequest, obj: Article, form: Any, change: bool) -> None:
        if obj.author_id is None and request.user.is_authenticated:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self) -> list[URLPattern]:
        upload = self.admin_site.admin_view(require_POST(self.image_upload_view))
        return [
            path("images/upload/", upload, name="articles_article_image_upload"),
            *super().get_urls(),
        ]

    def image_upload_view(self, request: HttpRequest) -> HttpResponse:
        """The editor's drag-and-drop or picked image: stored shrunk, answered as Markdown."""
        if not request.user.has_perm("articles.add_articleimage"):
            return JsonResponse({"errors": {"__all__": ["You may not upload images."]}}, status=403)
        form = ArticleImageForm(request.POST, request.FILES)
        if not form.is_valid():
            errors = {field: [str(e) for e in errs] for field, errs in form.errors.items()}
            return JsonResponse({"errors": errors}, status=400)
        image = do_add_article_image(form.save(commit=False), request.user)
        return JsonResponse(
            {
                "markdown": image.markdown,
                "url": image.image.url,
                "width": image.width,
                "height": image.height,
            },
            status=201,
        )


@admin.register(ArticleImage)
class ArticleImageAdmin(admin.ModelAdmin[ArticleImage]):
    """Images for articles' text, without JavaScript: upload here, then paste the Markdown."""

    form = ArticleImageForm
    list_display = ["thumbnail", "caption", "alt_text", "created", "uploaded_by"]
    search_fields = ["caption", "alt_text"]
    readonly_fields = ["markdown_to_paste", "thumbnail", "created", "uploaded_by"]
    list_select_related = ["uploaded_by"]

    def get_fields(self, request: HttpRequest, obj: ArticleImage | None = None) -> list[Any]:
        if obj is None:
            return ["image", "alt_text", "caption"]
        return ["thumbnail", "markdown_to_paste", "alt_text", "caption", "created", "uploaded_by"]

    @admin.display(description="image")
    def thumbnail(self, obj: ArticleImage) -> str:
        return format_html('<img src="{}" alt="" width="120" class="runwell-thumb">', obj.image.url)

    @admin.display(description="Markdown to paste into an article")
    def markdown_to_paste(self, obj: ArticleImage) -> str:
        return format_html('<code class="runwell-markdown">{}</code>', obj.markdown)

    def save_model(self, request: HttpRequest, obj: ArticleImage, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
        else:
            do_add_article_image(obj, request.user)

    def response_add(
        self, request: HttpRequest, obj: ArticleImage, post_url_continue: str | None = None
    ) -> HttpResponse:
        # Straight to the page that shows the Markdown to paste.
        self.message_user(request, "Image uploaded: copy its Markdown into the article.")
        return HttpResponseRedirect(reverse("admin:articles_articleimage_change", args=[obj.pk]))


@admin.register(AuthorProfile)
class AuthorProfileAdmin(admin.ModelAdmin[AuthorProfile]):
    list_display = ["display_name", "credentials", "user", "slug"]
    search_fields = ["display_name", "credentials", "bio", "user__username"]
    prepopulated_fields = {"slug": ["display_name"]}
    list_select_related = ["user"]
    autocomplete_fields = ["user"]


@admin.register(Page)
class PageAdmin(EditorMedia, admin.ModelAdmin[Page]):
    list_display = ["title", "slug", "status", "published_at", "updated_at"]
    list_filter = ["status"]
    search_fields = ["title", "slug", "body"]
    prepopulated_fields = {"slug": ["title"]}
    fields = [
        "title",
        "slug",
        "body",
        "body_format",
        "status",
        "published_at",
        "author",
        "comments_open",
    ]


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
