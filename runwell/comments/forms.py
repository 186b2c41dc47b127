"""The "Leave a Reply" form, and the small one for editing your own comment."""

from __future__ import annotations

from typing import Any

from django import forms

from runwell.comments import spam

MAX_BODY = 10_000
# CharField strips blanks, so whitespace alone counts as missing and gets this message.
BODY_REQUIRED = {"required": "Please type your comment."}


class AuthorNameCleaning:
    """One rule for names from the HTML form and the API: inner runs of blanks collapse."""

    cleaned_data: dict[str, Any]

    def clean_author_name(self) -> str:
        name = " ".join(str(self.cleaned_data["author_name"]).split())
        if not name:
            raise forms.ValidationError("Please give a name.")
        return name


class CommentForm(AuthorNameCleaning, forms.Form):
    author_name = forms.CharField(label="Name", max_length=100)
    author_email = forms.EmailField(
        label="Email", max_length=254, help_text="will not be published"
    )
    author_url = forms.URLField(
        label="Website", max_length=300, required=False, assume_scheme="https"
    )
    body = forms.CharField(
        label="Comment", max_length=MAX_BODY, widget=forms.Textarea, error_messages=BODY_REQUIRED
    )
    remember = forms.BooleanField(
        label="Save my name, email, and website in this browser for the next time I comment",
        required=False,
    )
    notify_replies = forms.BooleanField(label="Notify me of replies by email", required=False)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    article = forms.IntegerField(widget=forms.HiddenInput)
    timestamp = forms.CharField(widget=forms.HiddenInput)
    # The honeypot: hidden from people (CSS and aria-hidden), filled in by many bots.
    contact_me_by_fax = forms.CharField(
        label="Leave this field empty", required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )  # fmt: skip

    def __init__(self, *args: Any, min_seconds: int = 3, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.min_seconds = min_seconds
        self.fields["author_name"].widget.attrs.update(autocomplete="name")
        self.fields["author_email"].widget.attrs.update(autocomplete="email")
        self.fields["author_url"].widget.attrs.update(autocomplete="url")
        self.fields["body"].widget.attrs.update(rows="6")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get(spam.HONEYPOT_FIELD):
            raise forms.ValidationError("Your comment could not be accepted.")
        problem = spam.form_timestamp_problem(str(data.get("timestamp", "")), self.min_seconds)
        if problem:
            raise forms.ValidationError(problem)
        return data

    @property
    def visible_without_honeypot(self) -> list[forms.BoundField]:
        return [f for f in self.visible_fields() if f.name != spam.HONEYPOT_FIELD]


class EditCommentForm(forms.Form):
    body = forms.CharField(
        label="Comment", max_length=MAX_BODY, widget=forms.Textarea, error_messages=BODY_REQUIRED
    )
