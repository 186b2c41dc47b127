"""Small pieces of WXR: text that is always well-formed XML, and the common elements."""

from __future__ import annotations

from datetime import UTC, datetime
from xml.sax.saxutils import escape, quoteattr

from django.utils import timezone

from runwell.wordpress.wxr import NO_DATE, strip_forbidden


def cdata(text: str) -> str:
    # "]]>" cannot appear inside CDATA: split it across two sections. Characters XML
    # forbids (a pasted \x0b) are dropped: one would make the whole file unreadable.
    text = strip_forbidden(text)
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def text(value: str | int) -> str:
    return escape(strip_forbidden(str(value)))


def attr(value: str) -> str:
    return quoteattr(strip_forbidden(value))


def tag(name: str, value: str | int, *, raw: bool = False) -> str:
    inner = cdata(str(value)) if raw else text(value)
    return f"<{name}>{inner}</{name}>"


def meta(key: str, value: str | int, element: str = "wp:postmeta") -> str:
    pair = tag("wp:meta_key", key, raw=True) + tag("wp:meta_value", value, raw=True)
    return f"<{element}>{pair}</{element}>"


def dates(moment: datetime | None) -> tuple[str, str]:
    """(local, UTC) as WordPress writes them; a missing date is all zeros."""
    if moment is None:
        return NO_DATE, NO_DATE
    local = timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S")
    return local, moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
