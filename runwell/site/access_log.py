"""gunicorn's access log, with each line's fields computed only when its format asks.

gunicorn's own logger builds a dict of every request header, response header and
environ variable (Django's environ holds some forty) and copies it once more to escape
quotes, for every request, though the line uses nine fields. For the cheapest requests
(a cached page, a comment post) that was a measurable part of what the server spent.
This logger answers the same format with the same text, field by field.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from datetime import timedelta
from typing import Any

from gunicorn.glogging import Logger

_MISSING = object()


def _lookup(pairs: Iterable[tuple[str, Any]], name: str) -> Any:
    """The value named `name` in any letter case (the last one, as in gunicorn's dict)."""
    found = _MISSING
    for key, value in pairs:
        if key.lower() == name:
            found = value
    return found


class LazyAtoms(dict[str, Any]):
    """The fields of one access-log line, for `format % atoms`.

    A dict, because `logging` passes a lone mapping argument on to `%` formatting only
    when it is one and is not empty; it holds nothing, so it says it has one entry.
    """

    def __init__(
        self, logger: AccessLogger, resp: Any, req: Any, environ: dict[str, Any], took: timedelta
    ) -> None:
        super().__init__()
        self.logger, self.resp, self.req, self.wsgi_environ, self.took = (
            logger, resp, req, environ, took,
        )  # fmt: skip

    def __len__(self) -> int:
        return 1

    def __getitem__(self, key: str) -> Any:
        value = self._value(key)
        if value is _MISSING:
            return "-"
        # What gunicorn does, so that a quoted field stays one field.
        return value.replace('"', '\\"') if isinstance(value, str) else value

    def _value(self, key: str) -> Any:
        if key.startswith("{") and len(key) > 3 and key[-2] == "}":
            name, kind = key[1:-2].lower(), key[-1]
            if kind == "e":
                found = self.wsgi_environ.get(key[1:-2], _MISSING)
                return found if found is not _MISSING else _lookup(self.wsgi_environ.items(), name)
            if kind == "i":
                return _lookup(getattr(self.req, "headers", ()), name)
            if kind == "o":
                headers = self.resp.headers
                return _lookup(headers.items() if hasattr(headers, "items") else headers, name)
            return _MISSING
        field = _FIELDS.get(key)
        return field(self) if field is not None else _MISSING


def _status(atoms: LazyAtoms) -> Any:
    status = atoms.resp.status
    return status.split(None, 1)[0] if isinstance(status, str) else status


def _request_line(atoms: LazyAtoms) -> str:
    environ = atoms.wsgi_environ
    return f"{environ['REQUEST_METHOD']} {environ['RAW_URI']} {environ['SERVER_PROTOCOL']}"


def _sent(atoms: LazyAtoms) -> str:
    sent = getattr(atoms.resp, "sent", None)
    return "-" if sent is None else str(sent)


_FIELDS: dict[str, Callable[[LazyAtoms], Any]] = {
    "h": lambda a: a.wsgi_environ.get("REMOTE_ADDR", "-"),
    "l": lambda a: "-",
    "u": lambda a: a.logger._get_user(a.wsgi_environ) or "-",
    "t": lambda a: a.logger.now(),
    "r": _request_line,
    "s": _status,
    "m": lambda a: a.wsgi_environ.get("REQUEST_METHOD"),
    "U": lambda a: a.wsgi_environ.get("PATH_INFO"),
    "q": lambda a: a.wsgi_environ.get("QUERY_STRING"),
    "H": lambda a: a.wsgi_environ.get("SERVER_PROTOCOL"),
    "b": _sent,
    "B": lambda a: getattr(a.resp, "sent", None),
    "f": lambda a: a.wsgi_environ.get("HTTP_REFERER", "-"),
    "a": lambda a: a.wsgi_environ.get("HTTP_USER_AGENT", "-"),
    "T": lambda a: a.took.seconds,
    "D": lambda a: a.took.seconds * 1_000_000 + a.took.microseconds,
    "M": lambda a: a.took.seconds * 1000 + a.took.microseconds // 1000,
    "L": lambda a: "%d.%06d" % (a.took.seconds, a.took.microseconds),  # noqa: UP031
    "p": lambda a: f"<{os.getpid()}>",
}


class AccessLogger(Logger):  # type: ignore[misc]
    """gunicorn's Logger; only the access line's fields are built differently."""

    def atoms(self, resp: Any, req: Any, environ: dict[str, Any], request_time: timedelta) -> Any:
        return LazyAtoms(self, resp, req, environ, request_time)

    @staticmethod
    def atoms_wrapper_class(atoms: LazyAtoms) -> LazyAtoms:
        return atoms  # already escapes and fills in "-"
