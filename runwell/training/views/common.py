"""What every training page shares: refusals shown beside the field they concern."""

from __future__ import annotations

from django import forms

from runwell.training.actions import TrainingRefused

# Action fields that the HTML forms name differently.
FORM_FIELDS = {
    "distance_m": "distance_km",
    "elapsed_s": "duration",
    "moving_s": "moving",
    "start_time": "date",
    "shoe_id": "shoe",
    "limit_m": "limit_km",
    "start_m": "start_km",
    "activity_id": "activity",
}


def show_refusal(form: forms.Form, refusal: TrainingRefused) -> None:
    field = FORM_FIELDS.get(refusal.field or "", refusal.field)
    form.add_error(field if field in form.fields else None, refusal.message)
