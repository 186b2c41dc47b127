from typing import Any

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.views.decorators.http import require_GET, require_http_methods

from runwell.accounts.actions import (
    do_activate,
    do_delete_account,
    do_lift_lock_after_reset,
    do_sign_up,
)
from runwell.accounts.export import collect_user_data
from runwell.accounts.forms import (
    ActivationForm,
    DeleteAccountForm,
    LockedPasswordChangeForm,
    SignupForm,
)
from runwell.accounts.mail import activation_tokens
from runwell.lib.http import AuthenticatedHttpRequest

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        do_sign_up(data["username"], data["email"], data["password1"])
        return redirect("accounts:signup_sent")
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/signup.html", {"form": form}, status=status)


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
        return redirect("accounts:profile")
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
