from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.encoding import force_str
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from runwell.accounts.actions import (
    TimeZoneRefused,
    check_set_time_zone,
    do_activate,
    do_create_token,
    do_delete_account,
    do_lift_lock_after_reset,
    do_revoke_token,
    do_sign_up,
)
from runwell.accounts.export import collect_user_data
from runwell.accounts.forms import (
    ActivationForm,
    DeleteAccountForm,
    LockedPasswordChangeForm,
    SignupForm,
    TimeZoneForm,
    TokenForm,
)
from runwell.accounts.mail import activation_tokens
from runwell.accounts.models import ApiToken
from runwell.lib.http import AuthenticatedHttpRequest

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


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
        data = form.cleaned_data
        # The next address travels in the mailed link, to where the account is finished.
        do_sign_up(data["username"], data["email"], data["password1"], _next_url(request))
        return redirect("accounts:signup_sent")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "next": _next_url(request)}
    return render(request, "accounts/signup.html", context, status=status)


@require_GET
def signup_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signup_sent.html")


def _pending_user(uidb64: str, token: str) -> User | None:
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (ValueError, OverflowError):
        return None
    user = User.objects.filter(pk=pk, is_active=False).first()
    if user is None or not activation_tokens.check_token(user, token):
        return None
    return user


@require_http_methods(["GET", "POST"])
def activate(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """Finish a sign-up: the link from the mail, then the password (a GET changes nothing,
    so a mail scanner that opens the link cannot activate an account someone else began)."""
    user = _pending_user(uidb64, token)
    if user is None:
        return render(request, "accounts/activate.html", {"form": None}, status=400)
    form = ActivationForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        do_activate(user)
        login(request, user, backend=MODEL_BACKEND)
        messages.success(request, "Welcome to Runwell. Your account is ready.")
        return redirect(_next_url(request) or "accounts:profile")
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/activate.html", {"form": form}, status=status)


@login_required
def profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "accounts/profile.html")


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.user, request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        do_delete_account(user)
        messages.success(request, "Your account and its data have been deleted.")
        return HttpResponseRedirect("/")
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/delete.html", {"form": form}, status=status)


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = LockedPasswordChangeForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "request": self.request}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form: Form) -> HttpResponse:
        response = super().form_valid(form)
        do_lift_lock_after_reset(self.user)
        return response


@login_required
@require_GET
def export_data(request: AuthenticatedHttpRequest) -> HttpResponse:
    data = collect_user_data(request.user)
    response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = 'attachment; filename="runwell-my-data.json"'
    return response


@login_required
@require_POST
def set_time_zone(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = TimeZoneForm(request.POST, site_zone=settings.TIME_ZONE)
    if form.is_valid():
        try:
            check_set_time_zone(request.user, form.cleaned_data["time_zone"])
        except TimeZoneRefused as refusal:
            form.add_error("time_zone", str(refusal))
        else:
            messages.success(request, "Your time zone is saved; your runs' days follow it.")
            return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"time_zone_form": form}, status=400)


@login_required
@require_POST
def create_token(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if not form.is_valid():
        return render(request, "accounts/profile.html", {"token_form": form}, status=400)
    record, token = do_create_token(request.user, form.cleaned_data["name"])
    response = render(request, "accounts/token_created.html", {"record": record, "token": token})
    # Shown once: no cache may keep the page that holds it.
    add_never_cache_headers(response)
    return response


@login_required
@require_POST
def revoke_token(request: AuthenticatedHttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    do_revoke_token(token)
    messages.success(request, f"The token “{token.name}” no longer works.")
    return redirect("accounts:profile")
