"""HTML views: post a comment, edit or delete your own, confirm or stop reply mail."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from runwell.articles import pages
from runwell.articles import standalone as page_views
from runwell.articles.models import Article, Page
from runwell.comments import actions
from runwell.comments.conf import load_rules
from runwell.comments.cookies import (
    forget_details,
    own_comment_ids,
    remember_own_comment,
    save_details,
)
from runwell.comments.forms import CommentForm, EditCommentForm
from runwell.comments.models import Comment, MailOptOut
from runwell.comments.notifications import read_confirm_token, read_unsubscribe_token
from runwell.lib.net import client_ip


def _article_page(
    request: HttpRequest, article: Article | Page, form: CommentForm, status: int
) -> HttpResponse:
    # The article (or page) as its view renders it, with the form's errors kept.
    if isinstance(article, Page):
        return page_views.render_page(request, article, extra={"comment_form": form}, status=status)
    return pages.render_for(request, article.slug, extra={"comment_form": form}, status=status)


def _posted_id(request: HttpRequest, name: str) -> int:
    raw = request.POST.get(name, "")
    # isascii: "²".isdigit() is true, and int("²") raises.
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 19 else 0


def _commented(request: HttpRequest) -> Article | Page:
    """What the form is posted on: an article, or a page (whose form names it instead)."""
    if "page" in request.POST and "article" not in request.POST:
        page = get_object_or_404(
            Page.objects.select_related("author"), pk=_posted_id(request, "page")
        )
        if not page.is_public:
            raise Http404("No such page")
        return page
    articles = Article.objects.published().select_related("author")
    return get_object_or_404(articles, pk=_posted_id(request, "article"))


@require_POST
def post_comment(request: HttpRequest) -> HttpResponse:
    rules = load_rules()
    article = _commented(request)
    on = "page" if isinstance(article, Page) else "article"
    form = CommentForm(request.POST, min_seconds=rules.min_seconds, on=on)
    if not form.is_valid():
        return _article_page(request, article, form, 400)
    data = form.cleaned_data
    try:
        actions.check_rate_limit(client_ip(request), rules)
        comment = actions.check_post_comment(
            actions.NewComment(
                article=article,
                author_name=data["author_name"],
                author_email=data["author_email"],
                author_url=data["author_url"] or "",
                body=data["body"],
                parent_id=data.get("parent"),
                notify_replies=bool(data.get("notify_replies")),
                ip=client_ip(request),
                user_agent=request.META.get("HTTP_USER_AGENT", ""),
                user=request.user,
            ),
            rules,
        )
    except actions.CommentRefused as refusal:
        # A hidden field (the reply's parent) shows no errors of its own: say it above the form.
        field = refusal.field if refusal.field in form.fields else None
        form.add_error(None if field is None or form[field].is_hidden else field, refusal.message)
        return _article_page(request, article, form, refusal.status)
    response = _redirect_to(comment, article)
    remember_own_comment(request, response, comment.pk)
    if data.get("remember"):
        save_details(request, response, data)
    else:
        forget_details(response)
    return response


def _own_comment(request: HttpRequest, comment_id: int) -> Comment | None:
    """The comment if this browser wrote it and the edit window is still open."""
    if comment_id not in own_comment_ids(request):
        return None
    comment = Comment.objects.select_related("article", "page").filter(pk=comment_id).first()
    if comment is None or not actions.can_still_edit(comment, load_rules()):
        return None
    return comment


def _too_late(request: HttpRequest) -> HttpResponse:
    return render(request, "comments/too_late.html", status=403)


@require_http_methods(["GET", "POST"])
def edit_comment(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = _own_comment(request, comment_id)
    if comment is None:
        return _too_late(request)
    form = EditCommentForm(request.POST or None, initial={"body": comment.body})
    if request.method == "POST" and form.is_valid():
        try:
            actions.check_edit_comment(comment, form.cleaned_data["body"])
        except actions.CommentRefused as refusal:
            form.add_error("body", refusal.message)
        else:
            return _redirect_to(comment)
    status = 400 if request.method == "POST" else 200
    return render(request, "comments/edit.html", {"form": form, "comment": comment}, status=status)


def _redirect_to(comment: Comment, article: Article | Page | None = None) -> HttpResponse:
    target = article or comment.target
    response = HttpResponseRedirect(f"{target.get_absolute_url()}#comment-{comment.pk}")
    response.status_code = 303
    return response


@require_http_methods(["GET", "POST"])
def delete_comment(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = _own_comment(request, comment_id)
    if comment is None:
        return _too_late(request)
    if request.method == "POST":
        url = f"{comment.target.get_absolute_url()}#comments"
        actions.do_delete_comment(comment)
        response = HttpResponseRedirect(url)
        response.status_code = 303
        return response
    return render(request, "comments/delete.html", {"comment": comment})


@csrf_exempt  # mail clients' one-click unsubscribe POSTs without a session (RFC 8058)
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks (mail scanners open every link, and must not opt anyone out); POST acts,
    whether from the page's button or from a mail client's one-click request."""
    found = read_unsubscribe_token(token)
    if found is None:
        return render(request, "comments/unsubscribe.html", {"ok": False}, status=400)
    email, kind = found
    label = MailOptOut.Kind(kind).label
    if request.method == "GET":
        return render(
            request, "comments/unsubscribe.html", {"ok": True, "ask": True, "kind": label}
        )
    actions.do_opt_out(email, kind)
    return render(request, "comments/unsubscribe.html", {"ok": True, "kind": label})


@require_http_methods(["GET", "POST"])
def confirm_address(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the confirmation mail: GET asks, POST confirms (a scanner's visit does
    not subscribe an address to anything)."""
    email = read_confirm_token(token)
    if email is None:
        return render(request, "comments/confirm.html", {"ok": False}, status=400)
    if request.method == "GET":
        return render(request, "comments/confirm.html", {"ok": True, "ask": True})
    actions.do_confirm_address(email)
    return render(request, "comments/confirm.html", {"ok": True})
