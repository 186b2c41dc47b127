"""Walking a FIT file: headers, definitions, messages, checksum, damage.

The walk decodes only what the importer needs. Each definition message is
compiled once into a `struct.Struct` that unpacks the wanted fields and skips
the rest (developer fields included) by size. A run of consecutive `record`
messages of one definition is found with one strided slice of the header bytes
(they are all equal), handed to the record sink as one block and unpacked with
`iter_unpack`, so no Python object is built per field. Other messages are few:
they are decoded one by one (file_id, sport, session, lap) or skipped.

PURE: no Django.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from runwell.training.importers.fitcrc import crc16
from runwell.training.importers.fitprofile import (
    INVALID,
    RECORD,
    RELATIVE_TIME_LIMIT,
    TIMESTAMP,
    TIMESTAMP_ONLY,
    WANTED,
)

Buffer = bytes | bytearray
TIME_FIELDS = frozenset({"timestamp", "start_time", "time_created"})  # relative ones are dropped
MAX_BLOCK = 4096  # records handed to the sink at once (bounds the memory of one block)
_ONE_BYTE = tuple(bytes((i,)) for i in range(256))


class NotFit(ValueError):
    """The bytes are not a FIT file at all."""


@dataclass(frozen=True, slots=True)
class Definition:
    """A compiled definition message: how to unpack one data message of it."""

    global_num: int
    size: int  # bytes after the one-byte header
    names: tuple[str, ...]
    formats: tuple[str, ...]
    offsets: tuple[int, ...]  # of each wanted field, counted from the header byte
    unpack: struct.Struct  # unpacks a whole message, header byte included
    ts_index: int | None
    big_endian: bool = False

    def fields(self, *names: str) -> tuple[tuple[int, str], ...] | None:
        """(offset, format) of each of `names`, or None when one is missing."""
        found = []
        for name in names:
            if name not in self.names:
                return None
            i = self.names.index(name)
            found.append((self.offsets[i], self.formats[i]))
        return tuple(found)

    def block(self, fields: tuple[tuple[int, str], ...], count: int) -> struct.Struct:
        """A struct unpacking `fields` of `count` consecutive messages into one flat tuple."""
        return block_struct(self.big_endian, self.size + 1, fields, count)


@lru_cache(maxsize=256)
def block_struct(
    big_endian: bool, stride: int, fields: tuple[tuple[int, str], ...], count: int
) -> struct.Struct:
    one: list[str] = []
    at = 0
    for offset, fmt in sorted(fields):
        if offset > at:
            one.append(f"{offset - at}x")
        one.append(fmt)
        at = offset + struct.calcsize("<" + fmt)
    if stride > at:
        one.append(f"{stride - at}x")
    return struct.Struct((">" if big_endian else "<") + "".join(one) * count)


@lru_cache(maxsize=512)
def compile_definition(
    big_endian: bool, global_num: int, field_defs: bytes, dev_size: int
) -> Definition:
    wanted = WANTED.get(global_num, TIMESTAMP_ONLY)
    parts = [">x" if big_endian else "<x"]
    names: list[str] = []
    formats: list[str] = []
    offsets: list[int] = []
    size = 0
    for i in range(0, len(field_defs), 3):
        number, field_size = field_defs[i], field_defs[i + 1]
        spec = wanted.get(number)
        if (
            spec is not None
            and spec[0] not in names
            and struct.calcsize("<" + spec[1]) == field_size
        ):
            parts.append(spec[1])
            names.append(spec[0])
            formats.append(spec[1])
            offsets.append(1 + size)
        elif field_size:
            parts.append(f"{field_size}x")
        size += field_size
    if dev_size:
        parts.append(f"{dev_size}x")
    size += dev_size
    ts_index = names.index("timestamp") if "timestamp" in names else None
    return Definition(
        global_num,
        size,
        tuple(names),
        tuple(formats),
        tuple(offsets),
        struct.Struct("".join(parts)),
        ts_index,
        big_endian,
    )


class RecordSink(Protocol):
    def records(self, d: Definition, data: Buffer, pos: int, count: int) -> None:
        """`count` consecutive record messages of `d` start at `pos` (header bytes included)."""

    def record_at(self, d: Definition, data: Buffer, pos: int, timestamp: int) -> None:
        """One record message whose time came from a compressed-timestamp header."""


@dataclass(slots=True)
class Scan:
    """What one walk found besides the records."""

    messages: dict[int, list[dict[str, int]]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    segments: int = 0
    damaged: bool = False


def walk(data: Buffer, sink: RecordSink) -> Scan:
    """Walk every FIT file chained in `data`, sending records to `sink`."""
    scan = Scan()
    pos = 0
    while len(data) - pos >= 12 and data[pos + 8 : pos + 12] == b".FIT":
        header_size = data[pos]
        if header_size < 12 or pos + header_size > len(data):
            scan.warnings.append(f"The file's header at byte {pos} is damaged; reading stopped.")
            scan.damaged = True
            break
        (data_size,) = struct.unpack_from("<I", data, pos + 4)
        body = pos + header_size
        end = body + data_size
        _check_header_crc(data, pos, header_size, scan)
        if end + 2 > len(data):
            have = max(0, len(data) - body)
            scan.warnings.append(
                f"The file is cut short: {have:,} of its {data_size:,} bytes are present; "
                "what was recorded before the cut is kept."
            )
            scan.damaged = True
            _walk_body(data, body, len(data), sink, scan)
            scan.segments += 1
            break
        if crc16(memoryview(data)[pos:end]) != struct.unpack_from("<H", data, end)[0]:
            scan.warnings.append(
                "The file's checksum does not match its contents, so some values may be wrong."
            )
        _walk_body(data, body, end, sink, scan)
        scan.segments += 1
        pos = end + 2
    if scan.segments == 0:
        raise NotFit("This is not a FIT file (its header lacks the “.FIT” signature).")
    return scan


def _check_header_crc(data: Buffer, pos: int, header_size: int, scan: Scan) -> None:
    if header_size < 14:
        return
    (stored,) = struct.unpack_from("<H", data, pos + 12)
    if stored and crc16(memoryview(data)[pos : pos + 12]) != stored:
        scan.warnings.append(
            "The file header's checksum does not match; the header was used anyway."
        )


def _damage(scan: Scan, pos: int, why: str) -> None:
    scan.warnings.append(
        f"The file is damaged at byte {pos:,} ({why}); what came before it is kept."
    )
    scan.damaged = True


def _cut(scan: Scan) -> None:
    if not scan.damaged:
        scan.warnings.append(
            "The file ends in the middle of a message; what came before it is kept."
        )
        scan.damaged = True


def _walk_body(data: Buffer, pos: int, end: int, sink: RecordSink, scan: Scan) -> None:
    defs: list[Definition | None] = [None] * 16
    last_ts: int | None = None
    while pos < end:
        header = data[pos]
        if header & 0x80:  # compressed timestamp header
            d = defs[(header >> 5) & 0x03]
            if d is None:
                return _damage(scan, pos, "a message comes before its definition")
            if pos + 1 + d.size > end:
                return _cut(scan)
            if last_ts is not None:
                last_ts += ((header & 0x1F) - last_ts) & 0x1F
                if d.global_num == RECORD:
                    sink.record_at(d, data, pos, last_ts)
                else:
                    _keep_message(d, data, pos, scan, last_ts)
            pos += 1 + d.size
        elif header & 0x40:  # definition message
            next_pos = _define(data, pos, end, header, defs)
            if next_pos < 0:
                return _cut(scan) if next_pos == -1 else _damage(scan, pos, "bad definition")
            pos = next_pos
        else:
            d = defs[header & 0x0F]
            if d is None:
                return _damage(scan, pos, "a message comes before its definition")
            stride = d.size + 1
            if pos + stride > end:
                return _cut(scan)
            if d.global_num == RECORD:
                count = _run_length(data, pos, end, stride, header)
                sink.records(d, data, pos, count)
                pos += count * stride
                if d.ts_index is not None:
                    last_ts = d.unpack.unpack_from(data, pos - stride)[d.ts_index]
            else:
                ts = _keep_message(d, data, pos, scan, None)
                if ts is not None:
                    last_ts = ts
                pos += stride
    return None


def _define(data: Buffer, pos: int, end: int, header: int, defs: list[Definition | None]) -> int:
    """Compile the definition at `pos`; the next position, -1 when cut, -2 when damaged."""
    if pos + 6 > end:
        return -1
    arch = data[pos + 2]
    if arch > 1:
        return -2
    (global_num,) = struct.unpack_from(">H" if arch else "<H", data, pos + 3)
    fields_end = pos + 6 + 3 * data[pos + 5]
    if fields_end > end:
        return -1
    next_pos, dev_size = fields_end, 0
    if header & 0x20:  # developer fields follow
        if fields_end + 1 > end:
            return -1
        next_pos = fields_end + 1 + 3 * data[fields_end]
        if next_pos > end:
            return -1
        dev_size = sum(data[fields_end + 2 : next_pos : 3])
    defs[header & 0x0F] = compile_definition(
        arch == 1, global_num, bytes(data[pos + 6 : fields_end]), dev_size
    )
    return next_pos


def _run_length(data: Buffer, pos: int, end: int, stride: int, header: int) -> int:
    """How many messages from `pos` on share this header byte (at most MAX_BLOCK).

    Messages of one definition all have `stride` bytes, so the headers of a run sit
    every `stride` bytes; a strided slice of them, stripped of that byte, says
    where the run ends without looking at each message in Python.
    """
    limit = min((end - pos) // stride, MAX_BLOCK)
    marker = _ONE_BYTE[header]
    count, probe = 0, 16
    while count < limit:
        take = min(probe, limit - count)
        start = pos + count * stride
        heads = data[start : start + take * stride : stride]
        same = take - len(heads.lstrip(marker))
        count += same
        if same < take:
            break
        probe *= 4
    return count


def _keep_message(
    d: Definition, data: Buffer, pos: int, scan: Scan, timestamp: int | None
) -> int | None:
    """Decode a non-record message if it is wanted; its timestamp (if any)."""
    if not d.names:
        return None
    values = d.unpack.unpack_from(data, pos)
    if d.global_num in WANTED:
        message = {
            name: value
            for name, fmt, value in zip(d.names, d.formats, values, strict=True)
            if value != INVALID[fmt] and not (name in TIME_FIELDS and value < RELATIVE_TIME_LIMIT)
        }
        if timestamp is not None:
            message.setdefault("timestamp", timestamp)
        scan.messages.setdefault(d.global_num, []).append(message)
    if d.ts_index is not None and values[d.ts_index] != INVALID["I"]:
        ts: int = values[d.ts_index]
        return ts
    return timestamp


__all__ = [
    "TIMESTAMP",
    "Buffer",
    "Definition",
    "NotFit",
    "RecordSink",
    "Scan",
    "compile_definition",
    "walk",
]
