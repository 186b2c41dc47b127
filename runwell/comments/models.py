"""Threaded comments under articles."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from runwell.comments.rendering import render_comment, sanitize_comment_html


class CommentStatus(models.TextChoices):
    APPROVED = "approved", _("Approved")
    PENDING = "pending", _("Awaiting moderation")
    SPAM = "spam", _("Spam")
    TRASH = "trash", _("Trash")


class Comment(models.Model):
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    # 0 for a top-level comment; kept so a thread renders from one ordered query.
    depth = models.PositiveSmallIntegerField(default=0)
    author_name = models.CharField(_("name"), max_length=100)
    # Never shown outside the admin: not in pages, feeds, API answers or exports.
    author_email = models.EmailField(_("email"), max_length=254, blank=True)
    author_url = models.URLField(_("website"), max_length=300, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
    )
    is_author = models.BooleanField(_("by the author"), default=False)
    body = models.TextField(_("comment"))
    # Markdown for comments written here; sanitised HTML for imported ones.
    body_format = models.CharField(max_length=10, default="markdown", editable=False)
    body_html = models.TextField(_("rendered comment"), editable=False, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CommentStatus.choices,
        default=CommentStatus.PENDING,
        db_index=True,
    )
    # Truncated to the /24 (IPv4) or /48 (IPv6) network before it is stored.
    ip_network = models.CharField(_("IP network"), max_length=64, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)
    created = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    edited = models.DateTimeField(_("edited"), null=True, blank=True)
    is_removed = models.BooleanField(_("deleted by its author"), default=False)
    notify_replies = models.BooleanField(_("notify of replies"), default=False)

    class Meta:
        ordering = ["created", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["article", "status", "created"])]

    def __str__(self) -> str:
        return f"{self.author_name} on {self.article_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Rendered at write time; reads only ever send body_html.
        if self.body_format == "html":
            self.body_html = sanitize_comment_html(self.body)
        else:
            self.body_html = render_comment(self.body)
        super().save(*args, **kwargs)
