"""Opening a source: plain file or ZIP member, gunzipped if it is gzip, capped and hashed.

Bytes are read in chunks and counted as they are unpacked, so a compression bomb
stops at `Limits.max_file_bytes`; the SHA-256 of the unpacked bytes is the
fingerprint. ZIP archives stay open per process (reading a 2,000-member
directory once, not once per member).

PURE: no Django.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from runwell.training.importers.errors import Unreadable
from runwell.training.importers.model import MiB, Source

CHUNK = 256 * 1024
_archives: dict[str, tuple[tuple[float, int], zipfile.ZipFile]] = {}


def archive(path: str) -> zipfile.ZipFile:
    """The open ZIP at `path`, reused while the file on disk is unchanged."""
    stat = os.stat(path)
    key = (stat.st_mtime, stat.st_size)
    cached = _archives.get(path)
    if cached is not None and cached[0] == key:
        return cached[1]
    forget_archives()
    opened = zipfile.ZipFile(path)
    _archives[path] = (key, opened)
    return opened


def forget_archives() -> None:
    """Close the archives kept open (so a finished upload can be deleted at once)."""
    for _, opened in _archives.values():
        opened.close()
    _archives.clear()


def too_large(limit: int) -> Unreadable:
    return Unreadable(
        f"The file is larger than {limit / MiB:,.0f} MB once unpacked; "
        "files this large are refused."
    )


class Payload:
    """The unpacked bytes of one source, read at most `limit` of them."""

    def __init__(self, stream: IO[bytes], limit: int, gzipped: bool, member: bool) -> None:
        self.stream = stream
        self.limit = limit
        self.gzipped = gzipped
        self.member = member
        self.size = 0
        self.damage: str | None = None
        self._hash = hashlib.sha256()
        self._buffer = b""
        self._ended = False

    def peek(self, size: int) -> bytes:
        while len(self._buffer) < size and not self._ended:
            chunk = self._pull(CHUNK)
            if not chunk:
                break
            self._buffer += chunk
        return self._buffer[:size]

    def read(self, size: int = -1, /) -> bytes:
        if self._buffer:
            if size < 0 or size >= len(self._buffer):
                chunk, self._buffer = self._buffer, b""
            else:
                chunk, self._buffer = self._buffer[:size], self._buffer[size:]
            return chunk
        return self._pull(CHUNK if size < 0 else size)

    def read_all(self) -> bytearray:
        """Everything, in one buffer grown in place (joining parts would hold it twice)."""
        whole = bytearray(self._buffer)
        self._buffer = b""
        while chunk := self._pull(CHUNK):
            whole += chunk
        return whole

    def drain(self) -> None:
        """Read to the end, so the fingerprint covers the whole file."""
        self._buffer = b""
        while self._pull(CHUNK):
            pass

    def fingerprint(self) -> str:
        return self._hash.hexdigest()

    def _pull(self, size: int) -> bytes:
        if self._ended:
            return b""
        try:
            chunk = self.stream.read(min(size, self.limit + 1 - self.size))
        except (EOFError, zlib.error) as error:
            if not self.gzipped or not (self.size or self._buffer):
                raise Unreadable(_damaged_message(self.member, error)) from error
            self.damage = (
                "The compressed (.gz) file is cut short or damaged; what could be unpacked is kept."
            )
            chunk = b""
        except zipfile.BadZipFile as error:
            raise Unreadable(_damaged_message(True, error)) from error
        if not chunk:
            self._ended = True
            return b""
        self.size += len(chunk)
        if self.size > self.limit:
            raise too_large(self.limit)
        self._hash.update(chunk)
        return chunk


class Gunzip:
    """A gzip stream unpacked chunk by chunk, so that a file cut short still gives
    every byte before the cut (GzipFile raises and drops the last chunk)."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.unpacker = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self.pending = b""
        self.finished = False
        self.cut = False

    def read(self, size: int) -> bytes:
        while len(self.pending) < size and not self.finished:
            packed = self.raw.read(CHUNK)
            if not packed:
                self.finished = True
                self.cut = not self.unpacker.eof
                break
            self.pending += self._unpack(packed)
        chunk, self.pending = self.pending[:size], self.pending[size:]
        if not chunk and self.cut:
            raise EOFError("the compressed file ends before its end marker")
        return chunk

    def _unpack(self, packed: bytes) -> bytes:
        out = self.unpacker.decompress(packed)
        while self.unpacker.eof and self.unpacker.unused_data:  # another gzip member follows
            rest = self.unpacker.unused_data
            self.unpacker = zlib.decompressobj(16 + zlib.MAX_WBITS)
            out += self.unpacker.decompress(rest)
        return out

    def close(self) -> None:
        self.raw.close()


def _damaged_message(member: bool, error: Exception) -> str:
    where = "The archive's copy of this file" if member else "The file"
    return f"{where} is damaged and cannot be unpacked ({error})."


@contextmanager
def open_payload(source: Source, limit: int) -> Iterator[Payload]:
    raw = _open_raw(source, limit)
    try:
        try:
            magic = raw.peek(2)[:2]  # type: ignore[attr-defined]
        except (zipfile.BadZipFile, zlib.error, EOFError) as error:
            raise Unreadable(_damaged_message(source.member is not None, error)) from error
        gzipped = magic == b"\x1f\x8b"
        stream: IO[bytes] = raw
        if gzipped:
            stream = Gunzip(raw)  # type: ignore[assignment]
        yield Payload(stream, limit, gzipped, source.member is not None)
    finally:
        raw.close()


def _open_raw(source: Source, limit: int) -> IO[bytes]:
    if source.member is None:
        try:
            return open(source.path, "rb")  # closed by open_payload
        except OSError as error:
            raise Unreadable(f"The file cannot be opened ({error.strerror or error}).") from error
    try:
        zf = archive(source.path)
        info = zf.getinfo(source.member)
        if info.flag_bits & 0x1:
            raise Unreadable("This archive member is encrypted; it cannot be read.")
        return zf.open(info)
    except (OSError, zipfile.BadZipFile, KeyError, NotImplementedError) as error:
        raise Unreadable(f"The archive member cannot be opened ({error}).") from error
