from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods

from runwell.accounts.actions import do_delete_account
from runwell.accounts.export import collect_user_data
from runwell.accounts.forms import DeleteAccountForm, SignupForm
from runwell.lib.http import AuthenticatedHttpRequest


def _next_url(request: HttpRequest) -> str:
    """Where to go after signing up (e.g. back to a kept pain check); only this site."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if safe else ""


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Welcome to Runwell. Your account is ready.")
        return redirect(_next_url(request) or "accounts:profile")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "next": _next_url(request)}
    return render(request, "accounts/signup.html", context, status=status)


@login_required
def profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "accounts/profile.html")


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        do_delete_account(user)
        messages.success(request, "Your account and its data have been deleted.")
        return HttpResponseRedirect("/")
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/delete.html", {"form": form}, status=status)


@login_required
@require_GET
def export_data(request: AuthenticatedHttpRequest) -> HttpResponse:
    data = collect_user_data(request.user)
    response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = 'attachment; filename="runwell-my-data.json"'
    return response
