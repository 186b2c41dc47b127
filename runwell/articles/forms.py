"""The editor's forms: an image for an article's text, and the preview of unsaved work."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.http import QueryDict
from django.utils import timezone

from runwell.articles.models import Article, ArticleImage, BodyFormat, Page, Status
from runwell.articles.rendering import reading_minutes, render_article
from runwell.lib.text import plain_text

PREVIEW_MAX_CHARS = 200_000
MAX_IMAGE_BYTES = 5 * 1024 * 1024


class ArticleImageForm(forms.ModelForm[ArticleImage]):
    """An image with the words that go with it; both are required, for every reader."""

    class Meta:
        model = ArticleImage
        fields = ["image", "alt_text", "caption"]
        error_messages = {
            "image": {
                "required": "Choose an image to upload.",
                "invalid_image": "That file is not an image we can read (use JPEG, PNG or WebP).",
            },
            "alt_text": {"required": "Describe the image for people who cannot see it."},
            "caption": {"required": "Give the image a caption."},
        }

    def clean_image(self) -> Any:
        image = self.cleaned_data.get("image")
        if image is not None and getattr(image, "size", 0) > MAX_IMAGE_BYTES:
            raise forms.ValidationError("Images can be at most 5 MB; please make it smaller.")
        return image


class _PreviewForm(forms.Form):
    title = forms.CharField(required=False)
    summary = forms.CharField(required=False)
    body = forms.CharField(required=False, strip=False)
    body_format = forms.ChoiceField(choices=BodyFormat.choices, required=False)
    author = forms.ModelChoiceField(get_user_model().objects.all(), required=False)
    reviewed_by = forms.ModelChoiceField(get_user_model().objects.all(), required=False)
    last_reviewed = forms.DateField(required=False)
    next_review_due = forms.DateField(required=False)
    published_at = forms.SplitDateTimeField(required=False)
    preview_of = forms.IntegerField(required=False)


def _cleaned(form: forms.Form, name: str) -> Any:
    # A field that does not parse (a half-typed date) is left out of the preview, not fatal.
    return form.cleaned_data.get(name) if name not in form.errors else None


def preview_article(data: QueryDict) -> Article:
    """An unsaved article from the editor's form, rendered as the save would render it."""
    form = _PreviewForm(data)
    form.is_valid()
    saved = Article.objects.filter(pk=_cleaned(form, "preview_of") or 0).first()
    article = Article(
        title=_cleaned(form, "title") or "Untitled article",
        summary=_cleaned(form, "summary") or "",
        body=(_cleaned(form, "body") or "")[:PREVIEW_MAX_CHARS],
        body_format=_cleaned(form, "body_format") or BodyFormat.MARKDOWN,
        author=_cleaned(form, "author"),
        reviewed_by=_cleaned(form, "reviewed_by"),
        last_reviewed=_cleaned(form, "last_reviewed"),
        next_review_due=_cleaned(form, "next_review_due"),
        published_at=_cleaned(form, "published_at") or timezone.now(),
        status=Status.DRAFT,
    )
    if saved is not None:
        # Files are not re-sent with a preview: show the hero image already stored.
        article.hero_image = saved.hero_image
        article.hero_alt, article.hero_caption = saved.hero_alt, saved.hero_caption
        article.hero_width, article.hero_height = saved.hero_width, saved.hero_height
    rendered = render_article(article.body, article.body_format)
    article.body_html, article.toc = rendered.html, rendered.toc
    article.reading_minutes = reading_minutes(plain_text(rendered.html))
    return article


def preview_page(data: QueryDict) -> Page:
    form = _PreviewForm(data)
    form.is_valid()
    page = Page(
        title=_cleaned(form, "title") or "Untitled page",
        body=(_cleaned(form, "body") or "")[:PREVIEW_MAX_CHARS],
        body_format=_cleaned(form, "body_format") or BodyFormat.MARKDOWN,
        status=Status.DRAFT,
        updated_at=timezone.now(),
    )
    page.body_html = render_article(page.body, page.body_format).html
    return page
