"""One way in and one way out for JSON, shared by the command and the API.

Both must give byte-for-byte the same output for the same answers, so neither
formats JSON itself.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from runwell.paincheck.engine import InvalidAnswers, assess


def dumps(result: Mapping[str, Any]) -> bytes:
    """Compact JSON in the contract's key order, one line, ending in a newline."""
    return (json.dumps(result, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


def loads_answers(raw: bytes | str) -> object:
    """Parse an answers document; malformed JSON is reported like any other problem."""
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        return json.loads(text, parse_constant=_reject_constant)
    except UnicodeDecodeError:
        raise InvalidAnswers(["the answers are not UTF-8 text"]) from None
    except json.JSONDecodeError as exc:
        raise InvalidAnswers(
            [f"the answers are not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"]
        ) from None


def _reject_constant(name: str) -> object:
    raise json.JSONDecodeError(f"{name} is not allowed", name, 0)


def assess_json(raw: bytes | str) -> bytes:
    """Raw answers in, serialised assessment out (raises InvalidAnswers)."""
    return dumps(assess(loads_answers(raw)))
