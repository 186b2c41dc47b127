"""What makes a JSON body unsafe to parse or to store, found before anything parses it.

Python's json module recurses once per nesting level, so a body nested a few thousand
deep raises RecursionError; and JSON may spell text that no database stores (a lone
UTF-16 surrogate such as "\\ud800", or the NUL character on PostgreSQL). The API refuses
such a body with a 400 instead of failing somewhere inside a view.
"""

from __future__ import annotations

import json
import re

MAX_DEPTH = 64  # the deepest real body (a pain-check answer set) nests 3 levels

# A string token (escapes included) or one bracket. Strings are matched whole so that
# brackets inside them never count towards the depth.
_TOKEN = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)
_SUSPECT_ESCAPE = re.compile(rb"\\u(?:[dD][89a-fA-F][0-9a-fA-F]{2}|0000)")


def json_problem(raw: bytes, max_depth: int = MAX_DEPTH) -> str | None:
    """Why `raw` must be refused before parsing, or None (malformed JSON is not judged here)."""
    depth = 0
    for match in _TOKEN.finditer(raw):
        token = match.group()
        if token in (b"[", b"{"):
            depth += 1
            if depth > max_depth:
                return f"the JSON is nested more than {max_depth} levels deep"
        elif token in (b"]", b"}"):
            depth -= 1
        elif _SUSPECT_ESCAPE.search(token):
            problem = _string_problem(token)
            if problem:
                return problem
    return None


def _string_problem(token: bytes) -> str | None:
    try:
        text = json.loads(token)
    except ValueError:
        return None  # malformed: the parser will say so
    if "\x00" in text:
        return "text may not contain the NUL character (\\u0000)"
    if any(0xD800 <= ord(char) <= 0xDFFF for char in text):
        return "text contains a lone UTF-16 surrogate (such as \\ud800), which is not a character"
    return None


_SURROGATE = re.compile("[\ud800-\udfff]")


def text_problem(text: str) -> str | None:
    """The same rule for text that arrived another way (a form field, a header)."""
    if "\x00" in text:
        return "may not contain the NUL character"
    if _SURROGATE.search(text):  # a pattern, not a loop over the text: a body may be 10,000 long
        return "contains a lone UTF-16 surrogate, which is not a character"
    return None
