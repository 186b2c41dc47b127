"""Streaming XML for GPX and TCX with entities refused and nothing ever fetched.

defusedxml's parser refuses any entity declaration (billion laughs, quadratic
blow-up) and any external reference (XXE), so a file can neither expand in
memory nor make the parser open a path or an address.

PURE: no Django.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Protocol
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from runwell.training.importers.errors import Unreadable

CHUNK = 64 * 1024
_SPACE = b" \t\r\n"


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class XmlBroken(ValueError):
    """The XML stops being well formed part way; what was read before may be kept."""


class _SkipLeadingSpace:
    """Hands the parser the bytes without the blank lines some writers put before
    the XML declaration (Strava's TCX files start with spaces, which strict parsers
    reject)."""

    def __init__(self, stream: Readable) -> None:
        self.stream = stream
        self.started = False

    def read(self, size: int = CHUNK) -> bytes:
        chunk = self.stream.read(size)
        while not self.started and chunk:
            chunk = chunk.lstrip(_SPACE)
            if chunk:
                self.started = True
            else:
                chunk = self.stream.read(size)
        return chunk


def local_name(tag: str) -> str:
    return tag.rpartition("}")[2]


def iterparse(stream: Readable) -> Iterator[tuple[str, Element]]:
    """("start" or "end", element) pairs.

    Raises Unreadable for refused XML (entities, external references) and
    XmlBroken where the XML stops being well formed.
    """
    try:
        yield from SafeET.iterparse(
            _SkipLeadingSpace(stream),
            events=("start", "end"),
            forbid_dtd=False,
            forbid_entities=True,
            forbid_external=True,
        )
    except DefusedXmlException as error:
        raise Unreadable(
            "The file declares XML entities or external references, which are refused for "
            f"safety ({type(error).__name__})."
        ) from error
    except ParseError as error:
        raise XmlBroken(str(error)) from error


def parse_time(text: str | None) -> float | None:
    """An ISO 8601 time as POSIX seconds; a time without a zone is UTC (as GPX and TCX say)."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.timestamp()
    except (OverflowError, OSError, ValueError):
        return None


def parse_float(text: str | None) -> float | None:
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None
