"""A page rendered once for every reader, with holes for what differs per reader.

A page is rendered through its templates as usual, except that each per-reader value
(the CSRF token, the signed form timestamp) is replaced by a marker: a random word made
afresh for each rendering, so no text a reader wrote can pass for one. The result is
cut at the markers into a `Skeleton`; a request then only joins its pieces with its own
values, which costs a fraction of rendering the templates.

The templates need not know: the CSRF token comes from the context (which a view may
set), and code that makes a per-reader value asks the context for `Holes` first.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass

CONTEXT_KEY = "reader_holes"


@dataclass(frozen=True)
class Holes:
    """The markers of one rendering, one per kind of per-reader value."""

    token: str

    @classmethod
    def fresh(cls) -> Holes:
        # Letters and digits only: HTML escaping, JSON and URLs leave them as they are.
        return cls(f"rwhole{secrets.token_hex(12)}")

    def marker(self, name: str) -> str:
        return f"{self.token}x{name}x"

    def split(self, html: str, names: tuple[str, ...]) -> Skeleton:
        pattern = re.compile(f"{self.token}x({'|'.join(map(re.escape, names))})x")
        pieces = pattern.split(html)
        if any(self.token in piece for piece in pieces[::2]):
            raise ValueError("a marker of an unknown kind is left in the page")
        return Skeleton(
            texts=tuple(piece.encode() for piece in pieces[::2]),
            holes=tuple(pieces[1::2]),
        )


@dataclass(frozen=True)
class Skeleton:
    """Pieces of text with holes between them: texts[0] hole[0] texts[1] ... texts[-1]."""

    texts: tuple[bytes, ...]
    holes: tuple[str, ...]

    @property
    def cache_size(self) -> int:
        return sum(len(t) for t in self.texts)

    def fill(self, values: Mapping[str, bytes]) -> bytes:
        parts = [self.texts[0]]
        for name, text in zip(self.holes, self.texts[1:], strict=True):
            parts.append(values[name])
            parts.append(text)
        return b"".join(parts)
