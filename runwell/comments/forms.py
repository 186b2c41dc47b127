"""The "Leave a Reply" form, and the small one for editing your own comment.

The fields only parse what the browser posts; what a comment must be (required
fields, lengths, a valid email) is decided by schemas.CommentIn, the same rules the
API applies, and its messages are shown beside the fields.
"""

from __future__ import annotations

from typing import Any

from django import forms
from pydantic import ValidationError
from pydantic_core import PydanticCustomError

from runwell.comments import spam
from runwell.comments.schemas import REQUIRED, CommentIn, clean_body, field_errors


def _text(
    label: str, name: str, widget: type[forms.Widget] | forms.Widget | None = None
) -> forms.CharField:
    # strip=False: the schema decides what blank means, for the form and the API alike.
    messages = {"required": REQUIRED[name]} if name in REQUIRED else {}
    return forms.CharField(
        label=label, required=name in REQUIRED, strip=False, widget=widget,
        error_messages=messages,
    )  # fmt: skip


class CommentForm(forms.Form):
    author_name = _text("Name", "author_name")
    author_email = _text("Email", "author_email", forms.EmailInput())
    author_url = _text("Website", "author_url", forms.URLInput())
    body = _text("Comment", "body", forms.Textarea())
    remember = forms.BooleanField(
        label="Save my name, email, and website in this browser for the next time I comment",
        required=False,
    )
    notify_replies = forms.BooleanField(label="Notify me of replies by email", required=False)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    # What the comment is on: one of the two is kept (see __init__).
    article = forms.IntegerField(widget=forms.HiddenInput)
    page = forms.IntegerField(widget=forms.HiddenInput)
    timestamp = forms.CharField(widget=forms.HiddenInput)
    # The honeypot: hidden from people (CSS and aria-hidden), filled in by many bots.
    contact_me_by_fax = forms.CharField(
        label="Leave this field empty", required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )  # fmt: skip

    def __init__(
        self, *args: Any, min_seconds: int = 3, on: str = "article", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.min_seconds = min_seconds
        del self.fields["page" if on == "article" else "article"]
        self.fields["author_email"].help_text = "will not be published"
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
        if not self.errors:
            self._apply_schema(data)
        return data

    def _apply_schema(self, data: dict[str, Any]) -> None:
        fields = {name: data.get(name) for name in CommentIn.model_fields}
        try:
            comment = CommentIn.model_validate({k: v for k, v in fields.items() if v is not None})
        except ValidationError as error:
            for field, messages in field_errors(error).items():
                for message in messages:
                    self.add_error(field if field in self.fields else None, message)
            return
        data.update(comment.model_dump())

    @property
    def visible_without_honeypot(self) -> list[forms.BoundField]:
        return [f for f in self.visible_fields() if f.name != spam.HONEYPOT_FIELD]


class EditCommentForm(forms.Form):
    body = _text("Comment", "body", forms.Textarea())

    def clean_body(self) -> str:
        try:
            return clean_body(self.cleaned_data["body"])
        except PydanticCustomError as error:
            raise forms.ValidationError(error.message()) from None
