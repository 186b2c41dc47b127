"""What a new comment must be: one set of rules for the API's JSON body and the HTML form.

The API validates its body with `CommentIn` directly; the HTML form's fields only parse
the posted strings and then run the same schema (see forms.CommentForm.clean), so a
limit or a message changes in one place.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator, validate_email
from ninja import Schema
from pydantic import ConfigDict, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from runwell.comments.names import normalize_name
from runwell.lib.jsonsafe import text_problem

MAX_NAME = 100
MAX_EMAIL = 254
MAX_URL = 300
MAX_BODY = 10_000

# Runwell's own words for each refusal, keyed by field (the form shows them beside it).
REQUIRED = {
    "author_name": "Please give a name.",
    "author_email": "Please give your email address (it is never published).",
    "body": "Please type your comment.",
}
TOO_LONG = {
    "author_name": f"Please keep your name under {MAX_NAME} characters.",
    "author_email": f"An email address has at most {MAX_EMAIL} characters.",
    "author_url": f"Please keep the website address under {MAX_URL} characters.",
    "body": f"Please keep your comment under {MAX_BODY:,} characters.",
}
WRONG_TYPE = {"parent": "must be the id (a whole number) of the comment replied to"}


def _refuse(field: str, message: str) -> PydanticCustomError:
    return PydanticCustomError(field, message)


class CommentIn(Schema):
    """The body of POST /api/v1/articles/{slug}/comments."""

    # Strict: a list or a number where text belongs is an error, never its repr().
    model_config = ConfigDict(strict=True)

    author_name: str = Field(description="shown with the comment")
    author_email: str = Field(description="never published")
    author_url: str = Field("", description="the commenter's website (optional)")
    body: str = Field(description="the comment, in a Markdown subset")
    parent: int | None = Field(None, ge=1, description="id of the comment replied to")

    @field_validator("author_name", "author_email", "author_url", mode="before")
    @classmethod
    def _storable(cls, value: Any) -> Any:
        # Text no database keeps (NUL on PostgreSQL, lone surrogates anywhere) is refused
        # here, with a message, instead of failing when the comment is saved.
        if isinstance(value, str) and (problem := text_problem(value)):
            raise _refuse("invalid", f"This text {problem}.")
        return value

    @field_validator("author_name")
    @classmethod
    def _name(cls, value: str) -> str:
        # One rule for every way in: NFKC, no invisible or direction-changing characters,
        # inner runs of blanks collapsed; a name of nothing visible is no name.
        name = normalize_name(value)
        if not name:
            raise _refuse("required", REQUIRED["author_name"])
        if len(name) > MAX_NAME:
            raise _refuse("too_long", TOO_LONG["author_name"])
        return name

    @field_validator("author_email")
    @classmethod
    def _email(cls, value: str) -> str:
        email = value.strip()
        if not email:
            raise _refuse("required", REQUIRED["author_email"])
        if len(email) > MAX_EMAIL:
            raise _refuse("too_long", TOO_LONG["author_email"])
        try:
            validate_email(email)
        except DjangoValidationError:
            raise _refuse("invalid", "Please give a valid email address.") from None
        return email

    @field_validator("author_url")
    @classmethod
    def _url(cls, value: str) -> str:
        url = value.strip()
        if not url:
            return ""
        if "://" not in url:
            url = f"https://{url}"  # typed without a scheme: as browsers take it
        if len(url) > MAX_URL:
            raise _refuse("too_long", TOO_LONG["author_url"])
        try:
            URLValidator(schemes=["http", "https"])(url)
        except DjangoValidationError:
            raise _refuse(
                "invalid", "Please give a web address such as https://example.org."
            ) from None
        return url

    @field_validator("body")
    @classmethod
    def _body(cls, value: str) -> str:
        return clean_body(value)


def clean_body(value: str) -> str:
    """A comment's text, new or edited (raises PydanticCustomError with the message)."""
    if problem := text_problem(value):
        raise _refuse("invalid", f"This text {problem}.")
    if not value.strip():
        raise _refuse("required", REQUIRED["body"])
    if len(value) > MAX_BODY:
        raise _refuse("too_long", TOO_LONG["body"])
    return value


def field_errors(error: ValidationError) -> dict[str, list[str]]:
    """Pydantic's errors as {field: [message]} in Runwell's words."""
    errors: dict[str, list[str]] = {}
    for problem in error.errors():
        field = str(problem["loc"][0]) if problem["loc"] else "__all__"
        errors.setdefault(field, []).append(_message(field, problem))
    return errors


def _message(field: str, problem: Any) -> str:
    kind = problem["type"]
    if kind == "missing":
        return REQUIRED.get(field, "This is required.")
    if kind in {"required", "too_long", "invalid"}:
        return str(problem["msg"])
    if kind == "string_too_long":
        return TOO_LONG.get(field, str(problem["msg"]))
    if kind in {"string_type", "int_type", "int_parsing"}:
        return f"{field} " + WRONG_TYPE.get(field, "must be text")
    if kind == "greater_than_equal":
        return f"{field} " + WRONG_TYPE.get(field, "is too small")
    return str(problem["msg"])
