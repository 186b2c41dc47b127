"""What the training API accepts, in one place (PRODUCT.md, the training API contract)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Schema
from pydantic import ConfigDict, Field, ValidationError

SportName = Literal["running", "cycling", "walking", "hiking", "other"]
SurfaceName = Literal["road", "track", "trail", "treadmill", "mixed"]
RegionName = Literal["lower_back", "upper_back", "both"]
TimingName = Literal["during_run", "after_run", "next_morning", "at_rest"]


class ActivityIn(Schema):
    model_config = ConfigDict(extra="ignore")

    sport: SportName
    start_time: dt.datetime = Field(description="ISO 8601; UTC when no offset is given")
    distance_m: float = Field(ge=0, lt=10_000_000)
    elapsed_s: float = Field(ge=0, lt=10_000_000)
    moving_s: float | None = Field(None, ge=0, lt=10_000_000)
    surface: SurfaceName | None = None
    shoe: int | None = Field(None, description="the id of one of your shoes")
    name: str = Field("", max_length=200)
    notes: str = Field("", max_length=10_000)


class ShoeIn(Schema):
    model_config = ConfigDict(extra="ignore")

    name: str = Field(min_length=1, max_length=100)
    brand: str = Field("", max_length=100)
    start_m: float = Field(0.0, ge=0, description="distance already on the pair when added")
    limit_m: float = Field(
        700_000.0, ge=480_000, le=800_000, description="retirement distance, 480–800 km"
    )
    retired: bool = False


class PainIn(Schema):
    model_config = ConfigDict(extra="ignore")

    date: dt.date
    region: RegionName
    score: int = Field(ge=0, le=10)
    timing: TimingName
    activity: int | None = Field(None, description="the id of one of your activities")
    note: str = Field("", max_length=10_000)


def field_errors(error: ValidationError) -> dict[str, list[str]]:
    """Pydantic's errors as {field: [message]}, the shape the comments API uses too."""
    found: dict[str, list[str]] = {}
    for item in error.errors():
        field = ".".join(str(p) for p in item["loc"]) or "__all__"
        found.setdefault(field, []).append(item["msg"])
    return found
