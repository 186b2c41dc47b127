"""The questionnaire's forms, built from the question catalogue.

Field names are question ids and choice values are option ids (booleans are
"yes"/"no"), so the web form speaks the same language as the API. A question
may offer a third answer, "skip", that means what the catalogue says (the hop
test: skipped because it hurt counts as painful).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from django import forms
from django.http import QueryDict

from runwell.paincheck.knowledge import Knowledge, Question, load

YES, NO, SKIP = "yes", "no", "skip"
MISSING = "Please answer this question."
# A radio button cannot be unticked, so an optional choice filled in for the runner
# offers a way back to no answer at all.
LEAVE_UNANSWERED = "Leave this unanswered"


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
        if raw == SKIP and question.skip_label:
            return True, question.skip_means
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


def fill_none_of_these(data: QueryDict, step_id: str) -> QueryDict:
    """ "None of these": every question on the step left unanswered gets its "no"."""
    filled = data.copy()
    for question in load().questions_for_step(step_id):
        none = question.none_value
        if none is not None and not filled.get(question.id, "").strip():
            filled[question.id] = to_form_value(question, none)
    return filled


def _choices(question: Question) -> list[tuple[str, str]]:
    if question.type == "choice":
        return [(o.id, o.label) for o in question.options]
    choices = [(YES, question.yes_label), (NO, question.no_label)]
    return [*choices, (SKIP, question.skip_label)] if question.skip_label else choices


def _field(question: Question, *, clearable: bool = False) -> forms.Field:
    """`clearable`: an optional choice also offers "leave this unanswered" (value "")."""
    if question.type == "int":
        return forms.IntegerField(
            label=question.text,
            help_text=question.help,
            required=question.required,
            min_value=question.min,
            max_value=question.max,
            error_messages={"required": MISSING, "invalid": "Please enter a whole number."},
            widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        )
    empty = [("", LEAVE_UNANSWERED)] if clearable and not question.required else []
    return forms.ChoiceField(
        label=question.text,
        help_text=question.help,
        required=question.required,
        choices=[*_choices(question), *empty],
        widget=forms.RadioSelect,
        error_messages={"required": MISSING, "invalid_choice": "Please choose one of the options."},
    )


class StepForm(forms.Form):
    """One step of the questionnaire, or only some of its questions (`only`).

    `sources` says beside a question where its filled-in value came from (the runner's
    training log), keyed by question id.
    """

    def __init__(
        self,
        step_id: str,
        *args: Any,
        knowledge: Knowledge | None = None,
        only: Collection[str] | None = None,
        sources: Mapping[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.step_id = step_id
        self.knowledge = knowledge or load()
        self.questions = tuple(
            q for q in self.knowledge.questions_for_step(step_id) if only is None or q.id in only
        )
        given = sources or {}
        self.sources = {q.id: given[q.id] for q in self.questions if q.id in given}
        for question in self.questions:
            filled_in = question.id in self.sources
            self.fields[question.id] = _field(question, clearable=filled_in)
            if filled_in and question.type == "int":
                self._describe_with_source(question.id)

    def _describe_with_source(self, qid: str) -> None:
        # A fieldset names its descriptions in the template; a number input is described
        # by its help and by where its value came from.
        bound = self[qid]
        ids = [f"{bound.auto_id}_helptext"] if bound.help_text else []
        self.fields[qid].widget.attrs["aria-describedby"] = " ".join(
            [*ids, f"{bound.auto_id}_source"]
        )

    def answers(self) -> dict[str, Any]:
        """The cleaned answers in engine types, leaving out unanswered optional ones."""
        out: dict[str, Any] = {}
        for question in self.questions:
            value = self.cleaned_data.get(question.id)
            if value in (None, ""):
                continue
            if question.type == "bool":
                out[question.id] = question.skip_means if value == SKIP else value == YES
            else:
                out[question.id] = value
        return out

    def valid_answers(self) -> dict[str, Any]:
        """After a failed is_valid(): the answers of the fields that were fine."""
        good = {q.id for q in self.questions if q.id not in self.errors}
        answers, _ = parse_answers(self.data, only=good)  # type: ignore[arg-type]
        return answers

    def rows(self) -> list[dict[str, Any]]:
        """Each field with its question, for the template (fieldsets for choices)."""
        return [
            {"field": self[q.id], "question": q, "source": self.sources.get(q.id, "")}
            for q in self.questions
        ]
