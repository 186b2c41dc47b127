"""The questionnaire's forms, built from the question catalogue.

Field names are question ids and choice values are option ids (booleans are
"yes"/"no"), so the web form speaks the same language as the API.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict

from runwell.paincheck.knowledge import Knowledge, Question, load

YES, NO = "yes", "no"
MISSING = "Please answer this question."


def to_form_value(question: Question, value: Any) -> str:
    if question.type == "bool":
        return YES if value else NO
    return str(value)


def from_form_value(question: Question, raw: str) -> tuple[bool, Any]:
    """(ok, value) for one submitted string; empty means unanswered (ok, None)."""
    raw = raw.strip()
    if raw == "":
        return True, None
    if question.type == "bool":
        if raw in (YES, NO):
            return True, raw == YES
        return False, None
    if question.type == "choice":
        return (True, raw) if raw in question.option_ids else (False, None)
    try:
        number = int(raw)
    except ValueError:
        return False, None
    if (
        question.min is not None
        and question.max is not None
        and question.min <= number <= question.max
    ):
        return True, number
    return False, None


def parse_answers(
    data: QueryDict, only: set[str] | None = None
) -> tuple[dict[str, Any], list[str]]:
    """Answers carried in a form (hidden fields); returns (answers, ids that did not parse)."""
    answers: dict[str, Any] = {}
    bad: list[str] = []
    for question in load().questions:
        if (only is not None and question.id not in only) or question.id not in data:
            continue
        ok, value = from_form_value(question, data.get(question.id, ""))
        if not ok:
            bad.append(question.id)
        elif value is not None:
            answers[question.id] = value
    return answers, bad


def _field(question: Question) -> forms.Field:
    required = question.required or question.form_required
    errors = {"required": MISSING, "invalid_choice": "Please choose one of the options."}
    help_text = question.help
    if question.type == "int":
        return forms.IntegerField(
            label=question.text,
            help_text=help_text,
            required=required,
            min_value=question.min,
            max_value=question.max,
            error_messages={"required": MISSING, "invalid": "Please enter a whole number."},
            widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        )
    if question.type == "bool":
        choices = [(YES, "Yes"), (NO, "No")]
    else:
        choices = [(o.id, o.label) for o in question.options]
    return forms.ChoiceField(
        label=question.text,
        help_text=help_text,
        required=required,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages=errors,
    )


class StepForm(forms.Form):
    """One step of the questionnaire."""

    def __init__(
        self, step_id: str, *args: Any, knowledge: Knowledge | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.step_id = step_id
        self.knowledge = knowledge or load()
        self.questions = self.knowledge.questions_for_step(step_id)
        for question in self.questions:
            self.fields[question.id] = _field(question)

    def answers(self) -> dict[str, Any]:
        """The cleaned answers in engine types, leaving out unanswered optional ones."""
        out: dict[str, Any] = {}
        for question in self.questions:
            value = self.cleaned_data.get(question.id)
            if value in (None, ""):
                continue
            out[question.id] = value == YES if question.type == "bool" else value
        return out

    def rows(self) -> list[dict[str, Any]]:
        """Each field with its question, for the template (fieldsets for choices)."""
        return [{"field": self[q.id], "question": q} for q in self.questions]
