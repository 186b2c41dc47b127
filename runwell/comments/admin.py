"""The moderation queue, Discussion settings and the personal-data tool."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.paginator import Paginator
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator

from runwell.comments import actions, personal_data, queue
from runwell.comments.models import (
    Comment,
    CommentStatus,
    DiscussionSettings,
)
from runwell.lib.http import AuthenticatedHttpRequest


class ReplyForm(forms.Form):
    body = forms.CharField(label="Your reply", widget=forms.Textarea(attrs={"rows": 6}))


class PersonalDataForm(forms.Form):
    email = forms.EmailField(label="Commenter's email address")
    keep_text = forms.BooleanField(
        label="When erasing, keep the comments' text (only the person's details are removed)",
        required=False,
        initial=True,
    )


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin[Comment]):
    # Websites typed without a scheme are taken as https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["excerpt", "author_name", "on", "status", "created", "reply_link"]
    list_filter = ["status", "is_author", "article", "page"]
    search_fields = ["author_name", "body", "author_email"]
    list_select_related = ["article", "page"]
    date_hierarchy = "created"
    readonly_fields = ["article", "page", "parent", "ip_network", "user_agent", "created", "edited"]
    fields = [
        "article", "page", "parent", "status", "author_name", "author_email", "author_url", "body",
        "is_author", "notify_replies", "ip_network", "user_agent", "created", "edited",
    ]  # fmt: skip
    actions = ["approve", "mark_spam", "move_to_trash"]
    list_per_page = 50

    @admin.display(description="comment")
    def excerpt(self, obj: Comment) -> str:
        return Truncator(obj.body).chars(80) or "(deleted)"

    @admin.display(description="on")
    def on(self, obj: Comment) -> str:
        """The article or page the comment is on."""
        return str(obj.target) if obj.page_id is None else f"{obj.target} (page)"

    @admin.display(description="")
    def reply_link(self, obj: Comment) -> str:
        url = reverse("admin:comments_comment_reply", args=[obj.pk])
        return format_html('<a href="{}">Reply as the author</a>', url)

    def _bulk(self, request: HttpRequest, queryset: QuerySet[Comment], status: str) -> None:
        count = actions.do_set_status(queryset, status)
        label = CommentStatus(status).label.lower()
        self.message_user(request, f"{count} comment(s) marked {label}.", messages.SUCCESS)

    @admin.action(description="Approve selected comments")
    def approve(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        self._bulk(request, queryset, CommentStatus.APPROVED)

    @admin.action(description="Mark selected comments as spam")
    def mark_spam(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        self._bulk(request, queryset, CommentStatus.SPAM)

    @admin.action(description="Move selected comments to the trash")
    def move_to_trash(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        self._bulk(request, queryset, CommentStatus.TRASH)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # comments come from readers, or as replies from the queue

    def save_model(self, request: HttpRequest, obj: Comment, form: Any, change: bool) -> None:
        actions.do_save_by_moderator(obj)

    def get_urls(self) -> list[URLPattern]:
        own = [
            path(
                "queue/", self.admin_site.admin_view(self.queue_view), name="comments_comment_queue"
            ),
            path(
                "<int:comment_id>/reply/",
                self.admin_site.admin_view(self.reply_view),
                name="comments_comment_reply",
            ),
            path(
                "personal-data/",
                self.admin_site.admin_view(self.personal_data_view),
                name="comments_comment_personal_data",
            ),
        ]
        return own + super().get_urls()

    def reply_view(self, request: AuthenticatedHttpRequest, comment_id: int) -> HttpResponse:
        parent = get_object_or_404(Comment.objects.select_related("article", "page"), pk=comment_id)
        if not self.has_change_permission(request, parent):
            return HttpResponse(status=403)
        form = ReplyForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                reply = actions.do_reply_as_author(parent, request.user, form.cleaned_data["body"])
            except actions.CommentRefused as refusal:
                form.add_error("body", refusal.message)
            else:
                self.message_user(request, "Your reply is published.", messages.SUCCESS)
                back = _safe_next(request) or reverse(
                    "admin:comments_comment_change", args=[reply.pk]
                )
                return HttpResponseRedirect(back)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Reply to {parent.author_name or 'a deleted comment'}",
            "parent": parent,
            "form": form,
            "opts": self.model._meta,
            "next": _safe_next(request),
        }
        return TemplateResponse(request, "admin/comments/reply.html", context)

    QUEUE_ACTIONS = {
        "approve": (CommentStatus.APPROVED, "approved"),
        "spam": (CommentStatus.SPAM, "marked as spam"),
        "trash": (CommentStatus.TRASH, "moved to the trash"),
    }

    def queue_view(self, request: HttpRequest) -> HttpResponse:
        """Held comments first, each with one-click buttons: plain forms, no JavaScript."""
        if not self.has_change_permission(request):
            return HttpResponse(status=403)
        if request.method == "POST":
            return self._moderate(request)
        if request.method not in ("GET", "HEAD"):
            return HttpResponse(status=405, headers={"Allow": "GET, HEAD, POST"})
        tab = queue.tab_of(request.GET.get("status"))
        page = Paginator(queue.queue(tab), queue.PAGE_SIZE).get_page(request.GET.get("page"))
        counts = queue.tab_counts()
        context = {
            **self.admin_site.each_context(request),
            "title": "Moderation queue",
            "opts": self.model._meta,
            "tab": tab,
            "tabs": [(key, label, counts[key]) for key, (label, _q) in queue.TABS.items()],
            "page_obj": page,
            "here": request.get_full_path(),
        }
        return TemplateResponse(request, "admin/comments/comment/queue.html", context)

    def _moderate(self, request: HttpRequest) -> HttpResponse:
        back = _safe_next(request) or reverse("admin:comments_comment_queue")
        chosen = self.QUEUE_ACTIONS.get(request.POST.get("action", ""))
        comment_id = request.POST.get("comment", "")
        if chosen is None or not comment_id.isdigit():
            self.message_user(request, "Nothing was changed: that request was incomplete.",
                              messages.ERROR)  # fmt: skip
            return HttpResponseRedirect(back)
        status, done = chosen
        comment = Comment.objects.filter(pk=int(comment_id)).only("id", "author_name").first()
        if comment is None:
            self.message_user(request, "That comment no longer exists.", messages.WARNING)
            return HttpResponseRedirect(back)
        actions.do_set_status(Comment.objects.filter(pk=comment.pk), status)
        who = comment.author_name or "a deleted comment"
        self.message_user(request, f"The comment by {who} was {done}.", messages.SUCCESS)
        return HttpResponseRedirect(back)

    def personal_data_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_change_permission(request):
            return HttpResponse(status=403)
        form = PersonalDataForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            email = form.cleaned_data["email"]
            if "export" in request.POST:
                data = personal_data.export_comments_for_email(email)
                response = HttpResponse(
                    json.dumps({"email": email, "comments": data}, indent=2, ensure_ascii=False),
                    content_type="application/json",
                )
                response["Content-Disposition"] = 'attachment; filename="comments-export.json"'
                return response
            if "erase" in request.POST:
                count = actions.do_erase_comments_for_email(
                    email, keep_text=form.cleaned_data["keep_text"]
                )
                self.message_user(request, f"{count} comment(s) anonymised.", messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:comments_comment_personal_data"))
        context = {
            **self.admin_site.each_context(request),
            "title": "Commenters' personal data",
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/comments/personal_data.html", context)


def _safe_next(request: HttpRequest) -> str:
    """Where to go back to after an action: only an address on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and allowed else ""


@admin.register(DiscussionSettings)
class DiscussionSettingsAdmin(admin.ModelAdmin[DiscussionSettings]):
    """One row of settings: the list page goes straight to it."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        overrides = {
            "RUNWELL_COMMENT_MODERATION": settings.COMMENT_MODERATION or None,
            "RUNWELL_COMMENT_FLOOD_SECONDS": settings.COMMENT_FLOOD_SECONDS,
            "RUNWELL_COMMENT_RATE_LIMIT": settings.COMMENT_RATE_LIMIT or None,
            "RUNWELL_COMMENT_MIN_SECONDS": settings.COMMENT_MIN_SECONDS,
        }
        active = [f"{name}={value}" for name, value in overrides.items() if value is not None]
        if request.method == "GET" and active:
            self.message_user(
                request,
                "Set in the server's environment, these win over this page: " + ", ".join(active),
                messages.WARNING,
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        DiscussionSettings.objects.get_or_create(pk=1)
        return HttpResponseRedirect(reverse("admin:comments_discussionsettings_change", args=[1]))
