"""The training log's HTML forms: they parse what a person typed into action inputs."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.contrib.auth.models import User

from runwell.accounts.timezones import today_for
from runwell.training.actions import ActivityInput, PainInput, ShoeInput
from runwell.training.models import (
    DEFAULT_SHOE_LIMIT_M,
    MAX_SHOE_LIMIT_M,
    MIN_SHOE_LIMIT_M,
    Activity,
    PainEntry,
    Region,
    Shoe,
    Sport,
    Surface,
    Timing,
)

_DURATION = re.compile(r"^\s*(?:(\d+):)?(\d{1,2}):(\d{2})\s*$|^\s*(\d+(?:\.\d+)?)\s*$")
SHOE_LIMIT_REASON = (
    "Most pairs are retired between 480 and 800 km (300–500 miles). That range is expert "
    "advice, not the result of a trial, so choose what suits you and your shoes; Runwell "
    "only suggests inspecting them as they near it."
)


def parse_duration(text: str) -> float:
    """'1:05:30', '45:00' (minutes:seconds) or a plain number of minutes, in seconds."""
    match = _DURATION.match(text)
    if not match:
        raise forms.ValidationError("Write a time as h:mm:ss or mm:ss, e.g. 1:05:30 or 45:00.")
    hours, minutes, seconds, plain = match.groups()
    if plain is not None:
        return float(plain) * 60
    if int(seconds) >= 60 or (hours is not None and int(minutes) >= 60):
        raise forms.ValidationError("Minutes and seconds go up to 59.")
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)


def format_duration(seconds: float | None) -> str:
    if seconds is None:
        return ""
    whole = round(seconds)
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


class DurationField(forms.CharField):
    def to_python(self, value: Any) -> float | None:  # type: ignore[override]
        text = super().to_python(value)
        return parse_duration(text) if text else None


class ShoeChoiceField(forms.ModelChoiceField[Shoe]):
    def label_from_instance(self, obj: Shoe) -> str:
        return f"{obj.name} (retired)" if obj.retired else obj.name


class ActivityForm(forms.Form):
    sport = forms.ChoiceField(choices=Sport.choices, initial=Sport.RUNNING)
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    start = forms.TimeField(
        label="Start time", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    distance_km = forms.FloatField(label="Distance (km)", min_value=0, max_value=1000)
    duration = DurationField(label="Time", help_text="h:mm:ss, e.g. 0:52:10")
    moving = DurationField(
        label="Moving time", required=False, help_text="Optional: the time without stops."
    )
    surface = forms.ChoiceField(choices=[("", "Not recorded"), *Surface.choices], required=False)
    shoe = ShoeChoiceField(queryset=Shoe.objects.none(), required=False, empty_label="None")
    name = forms.CharField(max_length=200, required=False)
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    elevation_gain_m = forms.FloatField(label="Climb (m)", required=False, min_value=0)
    avg_hr = forms.IntegerField(
        label="Average heart rate", required=False, min_value=20, max_value=260
    )
    max_hr = forms.IntegerField(
        label="Highest heart rate", required=False, min_value=20, max_value=260
    )

    def __init__(self, *args: Any, user: User, zone: dt.tzinfo, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zone
        shoes = Shoe.objects.filter(user=user)
        current = self.initial.get("shoe")
        self.fields["shoe"].queryset = (  # type: ignore[attr-defined]
            shoes.filter(retired=False) | shoes.filter(pk=current)
            if current
            else shoes.filter(retired=False)
        )

    @classmethod
    def initial_for(cls, activity: Activity, zone: dt.tzinfo) -> dict[str, Any]:
        local = activity.start_time.astimezone(zone)
        return {
            "sport": activity.sport,
            "date": local.date(),
            "start": local.time().replace(second=0, microsecond=0),
            "distance_km": round(activity.distance_m / 1000, 3),
            "duration": format_duration(activity.elapsed_s),
            "moving": format_duration(activity.moving_s),
            "surface": activity.surface,
            "shoe": activity.shoe_id,
            "name": activity.name,
            "notes": activity.notes,
            "elevation_gain_m": activity.elevation_gain_m,
            "avg_hr": activity.avg_hr,
            "max_hr": activity.max_hr,
        }

    def to_input(self) -> ActivityInput:
        data = self.cleaned_data
        start = dt.datetime.combine(data["date"], data["start"]).replace(tzinfo=self.zone)
        shoe: Shoe | None = data.get("shoe")
        return ActivityInput(
            sport=data["sport"],
            start_time=start,
            distance_m=data["distance_km"] * 1000,
            elapsed_s=data["duration"],
            moving_s=data.get("moving"),
            surface=data.get("surface") or "",
            shoe_id=shoe.pk if shoe else None,
            name=data.get("name") or "",
            notes=data.get("notes") or "",
            elevation_gain_m=data.get("elevation_gain_m"),
            avg_hr=data.get("avg_hr"),
            max_hr=data.get("max_hr"),
        )


class ShoeForm(forms.Form):
    name = forms.CharField(max_length=100, help_text="e.g. “Blue trail pair”.")
    brand = forms.CharField(max_length=100, required=False)
    start_km = forms.FloatField(
        label="Distance already on them (km)",
        min_value=0,
        initial=0,
        help_text="For a pair you have run in before adding it here.",
    )
    limit_km = forms.FloatField(
        label="Retirement distance (km)",
        min_value=MIN_SHOE_LIMIT_M / 1000,
        max_value=MAX_SHOE_LIMIT_M / 1000,
        initial=DEFAULT_SHOE_LIMIT_M / 1000,
        help_text=SHOE_LIMIT_REASON,
    )

    @classmethod
    def initial_for(cls, shoe: Shoe) -> dict[str, Any]:
        return {
            "name": shoe.name,
            "brand": shoe.brand,
            "start_km": round(shoe.start_m / 1000, 1),
            "limit_km": round(shoe.limit_m / 1000),
        }

    def to_input(self) -> ShoeInput:
        data = self.cleaned_data
        return ShoeInput(
            name=data["name"],
            brand=data.get("brand") or "",
            start_m=data["start_km"] * 1000,
            limit_m=data["limit_km"] * 1000,
        )


class PainForm(forms.Form):
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    region = forms.ChoiceField(
        label="Where", choices=Region.choices, widget=forms.RadioSelect, initial=Region.LOWER_BACK
    )
    score = forms.IntegerField(
        label="How bad (0–10)",
        min_value=0,
        max_value=10,
        help_text="0 is no pain, 10 the worst you can imagine.",
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    timing = forms.ChoiceField(
        label="When", choices=Timing.choices, widget=forms.RadioSelect, initial=Timing.AFTER_RUN
    )
    activity = forms.TypedChoiceField(
        label="Run",
        required=False,
        coerce=int,
        empty_value=None,
        help_text="Optional: the run it followed.",
    )
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("date", today_for(user))
        recent = Activity.objects.filter(user=user).order_by("-start_time")[:30]
        choices = [("", "None")] + [
            (
                str(a.pk),
                f"{a.local_date:%-d %b} · {a.distance_m / 1000:.1f} km "
                f"{a.get_sport_display().lower()}",
            )
            for a in recent
        ]
        current = self.initial.get("activity")
        if current and str(current) not in {c for c, _ in choices}:
            choices.append((str(current), "The run chosen before"))
        self.fields["activity"].choices = choices  # type: ignore[attr-defined]

    @classmethod
    def initial_for(cls, entry: PainEntry) -> dict[str, Any]:
        return {
            "date": entry.date,
            "region": entry.region,
            "score": entry.score,
            "timing": entry.timing,
            "activity": entry.activity_id,
            "note": entry.note,
        }

    def to_input(self) -> PainInput:
        data = self.cleaned_data
        return PainInput(
            date=data["date"],
            region=data["region"],
            score=data["score"],
            timing=data["timing"],
            activity_id=data.get("activity"),
            note=data.get("note") or "",
        )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class UploadForm(forms.Form):
    # The API's field name too; the form metaclass moves it into base_fields, so it does
    # not hide Form.files.
    files = forms.FileField(  # type: ignore[assignment]
        label="Activity files or a ZIP",
        widget=MultipleFileInput(attrs={"multiple": True, "accept": ".fit,.gpx,.tcx,.gz,.zip"}),
        help_text="FIT, GPX or TCX files (also .gz), a ZIP of them, or your whole Strava export.",
        required=False,  # checked by the action, which says what is missing
    )
    keep_originals = forms.BooleanField(
        label="Keep my original files after the import",
        required=False,
        help_text="Otherwise they are deleted as soon as they are read.",
    )
