"""Which emergency number to offer first, from the browser's Accept-Language (pure).

Every emergency result lists all three numbers; this only decides which one the
big "Call" button dials. A language with a region settles it (en-GB, fr-CA);
an EU language without one means 112; plain English says nothing about where
someone is, so the next preference is tried, and the site's own default (the
UK) is the last resort.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EmergencyNumber:
    number: str
    where: str

    @property
    def tel(self) -> str:
        return f"tel:{self.number}"


UK = EmergencyNumber("999", "the UK")
EU = EmergencyNumber("112", "the EU")
NORTH_AMERICA = EmergencyNumber("911", "the US and Canada")
ALL_NUMBERS = (UK, EU, NORTH_AMERICA)
DEFAULT = UK  # the site writes for UK readers first (LANGUAGE_CODE en-gb)

# EU and EEA countries and Switzerland (all answer 112); "el" is how the EU writes Greece.
_EU_REGIONS = "at be bg hr cy cz dk ee fi fr de gr el hu ie it lv lt lu mt nl pl pt ro sk si es se"
EU_REGIONS = {*_EU_REGIONS.split(), "is", "li", "no", "ch", "eu"}
_EU_LANGUAGES = (
    "bg hr cs da nl et fi fr de el hu ga it lv lt mt pl pt ro sk sl es sv is no nb nn lb"
)
EU_LANGUAGES = set(_EU_LANGUAGES.split())
UK_REGIONS = {"gb", "uk"}
NORTH_AMERICA_REGIONS = {"us", "ca"}


def _preferences(header: str) -> list[str]:
    """Language tags by descending q, keeping the header's order among equals."""
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if tag and quality > 0:
            ranked.append((-quality, index, tag.strip().lower()))
    return [tag for _, _, tag in sorted(ranked)]


def _number_for(tag: str) -> EmergencyNumber | None:
    language, *subtags = tag.split("-")
    region = next((s for s in subtags if len(s) == 2 and s.isalpha()), None)
    if region is not None:
        if region in UK_REGIONS:
            return UK
        if region in NORTH_AMERICA_REGIONS:
            return NORTH_AMERICA
        return EU if region in EU_REGIONS else None
    return EU if language in EU_LANGUAGES else None


def emergency_number(accept_language: str) -> EmergencyNumber:
    for tag in _preferences(accept_language or ""):
        found = _number_for(tag)
        if found is not None:
            return found
    return DEFAULT
