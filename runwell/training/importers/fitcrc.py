"""The FIT checksum (CRC-16/ARC: polynomial 0x8005 reflected, initial value 0).

fastcrc computes it in compiled code (about 30 µs for a one-hour run); where
that wheel is missing, a pure-Python table does the same work about 400 times
slower, so the importers still check every file, only more slowly.

PURE: no Django.
"""

from __future__ import annotations

from collections.abc import Callable


def _byte_table() -> tuple[int, ...]:
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
        table.append(crc)
    return tuple(table)


_TABLE = _byte_table()


def crc16_python(data: bytes | memoryview, crc: int = 0) -> int:
    table = _TABLE
    for byte in bytes(data):
        crc = (crc >> 8) ^ table[(crc ^ byte) & 0xFF]
    return crc


def _compiled() -> Callable[[bytes | memoryview], int] | None:
    try:
        from fastcrc import crc16 as fast
    except ImportError:  # pragma: no cover - the wheel is pinned; this is the fallback
        return None
    arc: Callable[[bytes | memoryview], int] = fast.arc
    return arc


_FAST = _compiled()


def crc16(data: bytes | memoryview) -> int:
    """The CRC of `data` as a FIT file's header and trailer carry it."""
    if _FAST is not None:
        return _FAST(data)
    return crc16_python(data)
