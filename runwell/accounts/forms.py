from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import PasswordChangeForm, UserCreationForm
from django.contrib.auth.models import User
from django.http import HttpRequest

from runwell.accounts.timezones import available_zones

WRONG_PASSWORD = "That password is not right."  # noqa: S105 — a message, not a password


def password_confirms(request: HttpRequest, user: User, password: str) -> bool:
    """Whether `password` is the account's, checked as a log-in is.

    authenticate() runs the lockout backend first: a wrong password here counts towards
    the same lockout as the log-in form, and while locked out even the right one is
    refused (the lockout middleware then answers with the lockout page).
    """
    found = authenticate(request, username=user.get_username(), password=password)
    return found is not None and found.pk == user.pk


class SignupForm(UserCreationForm[User]):
    # Whether the address already has an account is never said here: the sign-up
    # answers alike for both and the mail tells the address's owner (actions.do_sign_up).
    email = forms.EmailField(
        required=True,
        max_length=254,
        help_text="We send a link to finish signing up. Never shown to anyone.",
    )

    class Meta:
        model = User
        fields = ("username", "email")


class ActivationForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="The one you chose when you signed up.",
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        # The account is not active yet, so authenticate() would refuse it; the link
        # in the mail is what limits who can try.
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(WRONG_PASSWORD)
        return password


class LockedPasswordChangeForm(PasswordChangeForm):
    """Django's password change, with the old password checked under the log-in lockout."""

    def __init__(self, user: User, *args: Any, request: HttpRequest, **kwargs: Any) -> None:
        self.request = request
        super().__init__(user, *args, **kwargs)

    def clean_old_password(self) -> str:
        old_password: str = self.cleaned_data["old_password"]
        if not password_confirms(self.request, self.user, old_password):
            raise forms.ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old_password


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="To confirm that it is you.",
    )

    def __init__(self, user: User, *args: Any, request: HttpRequest, **kwargs: Any) -> None:
        self.user = user
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not password_confirms(self.request, self.user, password):
            raise forms.ValidationError(WRONG_PASSWORD)
        return password


class TimeZoneForm(forms.Form):
    time_zone = forms.ChoiceField(
        label="Your time zone",
        required=False,
        help_text="Decides which day a run belongs to in your training log.",
    )

    def __init__(self, *args: Any, site_zone: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", f"The site's time zone ({site_zone})")]
        field = self.fields["time_zone"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices + [(z, z) for z in available_zones()]


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Token name",
        max_length=100,
        help_text="So you can tell your tokens apart, e.g. “watch sync script”.",
    )
