"""Mends, while streaming, what WordPress' own importer tolerates in an export.

WordPress falls back to a lenient parser when its XML parser refuses a file, so
real exports carry faults that a strict parser stops at: a stray control
character pasted into a post, a blank line or a byte order mark before
`<?xml`, an HTML entity (`&nbsp;`) or a bare `&` outside CDATA. This stream
sits between the file and the XML parser, fixes those faults chunk by chunk
(never holding the file) and counts each repair by kind. It hands the parser
UTF-8 whatever the file's declared encoding was.

What it never touches: document type declarations and entity declarations.
The parser refuses those outright, so an export still cannot make it fetch a
file (XXE) or expand an entity bomb.
"""

from __future__ import annotations

import codecs
import html.entities
import re
from collections import Counter
from contextvars import ContextVar
from typing import IO

CHUNK_BYTES = 256 * 1024
_HEAD_BYTES = 1024
DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
# What XML 1.0 forbids (C0 controls but tab and newlines, lone surrogates, U+FFFE and
# U+FFFF), as a table that drops them: str.translate is several times faster than a regex.
_FORBIDDEN = dict.fromkeys(
    [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0xD800, 0xE000), 0xFFFE, 0xFFFF]
)
_REFERENCE = re.compile(
    r"&(?:#([0-9]{1,10});|#[xX]([0-9a-fA-F]{1,8});|([A-Za-z][A-Za-z0-9]{0,31});)?"
)
_PREDEFINED = frozenset({"amp", "lt", "gt", "quot", "apos"})
_DECLARED_ENCODING = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
# Text that is not markup: references are not read there, so they are not repaired.
_OPAQUE = {"<![CDATA[": "]]>", "<!--": "-->"}
_LONGEST_OPENER = max(len(opener) for opener in _OPAQUE)
# The longest thing that can straddle two chunks: a reference (`&` + 32 letters + `;`).
_LONGEST_TOKEN = 40

_bad_bytes: ContextVar[list[int]] = ContextVar("wxr_bad_bytes")


def _replace_and_count(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    counter = _bad_bytes.get(None)
    if counter is not None:
        counter[0] += error.end - error.start
    return "\ufffd", error.end


codecs.register_error("runwell-wxr-replace", _replace_and_count)


def is_xml_char(code: int) -> bool:
    return (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


def strip_forbidden(text: str) -> str:
    """`text` without the characters XML 1.0 cannot hold (for writers of XML)."""
    return text.translate(_FORBIDDEN)


def _xml_escape(text: str) -> str:
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&apos;")
    )


class CleanStream:
    """A binary file-like object over `raw` that yields repaired UTF-8 XML.

    `repairs` counts what was mended; `lines_dropped` says how many lines were
    removed before the declaration, so parser positions can be given in the
    file's own numbering.
    """

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.repairs: Counter[str] = Counter()
        self.lines_dropped = 0
        self._decoder: codecs.IncrementalDecoder | None = None
        self._pending = ""
        self._out = b""
        self._position = 0
        self._closer = ""  # inside CDATA or a comment: the text that ends it
        self._done = False

    def read(self, size: int = -1) -> bytes:
        # The parser asks for a little at a time (16 KiB): hand it out in those pieces so
        # it makes (and the reader frees) a few items at a time, not a whole chunk's worth.
        while self._position >= len(self._out) and not self._done:
            self._out, self._position = self._next_text().encode("utf-8"), 0
        end = len(self._out) if size < 0 else self._position + size
        piece = self._out[self._position : end]
        self._position += len(piece)
        return piece

    # -- decoding -----------------------------------------------------------------

    def _next_text(self) -> str:
        if self._decoder is None:
            return self._start()
        raw = self.raw.read(CHUNK_BYTES)
        final = not raw
        text = self._decode(raw, final)
        if final:
            self._done = True
        return self._clean(text, final)

    def _start(self) -> str:
        # Enough to hold the XML declaration, however small the source's reads are.
        head = self.raw.read(CHUNK_BYTES)
        while head and len(head) < _HEAD_BYTES and (more := self.raw.read(CHUNK_BYTES)):
            head += more
        final = not head
        encoding = "utf-8"
        if head.startswith(codecs.BOM_UTF8):
            head = head[len(codecs.BOM_UTF8) :]
            self.repairs["byte_order_mark"] += 1
        elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            encoding = "utf-16"  # the decoder reads (and drops) the mark itself
        else:
            encoding = self._declared_encoding(head.lstrip(b" \t\r\n"))
        self._decoder = codecs.getincrementaldecoder(encoding)(errors="runwell-wxr-replace")
        text = self._decode(head, final)
        if final:
            self._done = True
        return self._clean(self._replace_declaration(text), final)

    def _declared_encoding(self, head: bytes) -> str:
        found = _DECLARED_ENCODING.match(head)
        if not found:
            return "utf-8"
        name = found.group(1).decode("ascii")
        try:
            return codecs.lookup(name).name
        except LookupError:
            self.repairs["unknown_encoding"] += 1
            return "utf-8"

    def _replace_declaration(self, text: str) -> str:
        stripped = text.lstrip(" \t\r\n")
        if not stripped.startswith("<?xml"):
            return text  # no declaration: leading whitespace is allowed then
        if stripped != text:
            self.repairs["leading_whitespace"] += 1
            self.lines_dropped = text[: len(text) - len(stripped)].count("\n")
        end = stripped.find("?>")
        if end == -1:
            return text
        # The text reaching the parser is UTF-8 now, whatever the file declared.
        return DECLARATION + stripped[end + 2 :]

    def _decode(self, raw: bytes, final: bool) -> str:
        assert self._decoder is not None
        counter = [0]
        token = _bad_bytes.set(counter)
        try:
            text = self._decoder.decode(raw, final)
        finally:
            _bad_bytes.reset(token)
        if counter[0]:
            self.repairs["invalid_bytes"] += counter[0]
        return text

    # -- repairing ----------------------------------------------------------------

    def _clean(self, text: str, final: bool) -> str:
        # Characters XML forbids go wherever they are; references are mended only in
        # markup (outside CDATA and comments), found by skipping from marker to marker.
        text = self._characters(self._pending + text)
        edits: list[tuple[int, int]] = []  # markup stretches holding an "&"
        cut = len(text)
        pos = 0
        # Where each opener next occurs; found again only once passed, so a chunk with
        # many CDATA sections and no comment is not searched to its end each time.
        upcoming = {opener: text.find(opener) for opener in _OPAQUE}
        while pos < len(text):
            if self._closer:
                end = text.find(self._closer, pos)
                if end == -1:
                    if not final:  # the closer may be cut in two: keep its start for later
                        cut = max(pos, len(text) - len(self._closer) + 1)
                    break
                pos, self._closer = end + len(self._closer), ""
                continue
            start, opener = self._next_opener(text, pos, upcoming)
            stop = start if start != -1 else (len(text) if final else self._safe_cut(text, pos))
            if text.find("&", pos, stop) != -1:
                edits.append((pos, stop))
            if start == -1:
                cut = stop
                break
            pos, self._closer = start + len(opener), _OPAQUE[opener]
        self._pending = text[cut:]
        pieces: list[str] = []
        done = 0
        for begin, end in edits:
            pieces += [text[done:begin], _REFERENCE.sub(self._reference, text[begin:end])]
            done = end
        pieces.append(text[done:cut])
        return "".join(pieces)

    @staticmethod
    def _next_opener(text: str, pos: int, upcoming: dict[str, int]) -> tuple[int, str]:
        for opener, at in upcoming.items():
            if 0 <= at < pos:
                upcoming[opener] = text.find(opener, pos)
        found = [(at, opener) for opener, at in upcoming.items() if at != -1]
        return min(found) if found else (-1, "")

    @staticmethod
    def _safe_cut(text: str, pos: int) -> int:
        """Where to stop this chunk so no marker or reference is cut in two."""
        cut = max(pos, len(text) - _LONGEST_OPENER + 1)
        amp = text.rfind("&", max(pos, cut - _LONGEST_TOKEN), cut)
        if amp != -1 and ";" not in text[amp:cut]:
            cut = amp
        return cut

    def _characters(self, text: str) -> str:
        cleaned = text.translate(_FORBIDDEN)
        if len(cleaned) != len(text):
            self.repairs["control_characters"] += len(text) - len(cleaned)
        return cleaned

    def _reference(self, match: re.Match[str]) -> str:
        decimal, hexadecimal, name = match.groups()
        if decimal is not None or hexadecimal is not None:
            code = int(decimal) if decimal is not None else int(hexadecimal, 16)
            if not is_xml_char(code):
                # `&#11;` is as forbidden as the character itself.
                self.repairs["control_characters"] += 1
                return ""
            return f"&#{code};"
        if name is None:
            self.repairs["bare_ampersands"] += 1
            return "&amp;"
        if name in _PREDEFINED:
            return match.group(0)
        self.repairs["undefined_entities"] += 1
        character = html.entities.html5.get(f"{name};")
        return _xml_escape(character) if character else f"&amp;{name};"
