"""A per-process cache of things built from data at a known version.

Nothing is shared between processes (docs/architecture.md, "Caching without a shared
cache"): each entry carries the version of the data it was built from, a reader reads
the current version from the database (a cheap query, or a column of a query it runs
anyway) and uses an entry only when the versions match. A write bumps the version in
its own transaction, so every process builds afresh on its next read.

- An entry is filed under a *slot* (what it is: a thread's JSON, an article page) and
  holds one version at a time, so an old version is replaced, never left to take memory.
- Entries are dropped least recently used first, when more than `max_entries` are held
  or their sizes add up to more than `max_bytes`.
- One build per slot and version at a time: when a new comment makes a thousand-comment
  thread stale, the threads of a process that ask for it together wait for one build
  instead of each doing the same work.
"""

from __future__ import annotations

import sys
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")
_ALL: weakref.WeakSet[VersionedCache] = weakref.WeakSet()


def size_of(value: Any) -> int:
    """Roughly how many bytes a value keeps alive (strings and bytes count in full)."""
    if isinstance(value, str | bytes):
        return len(value)
    if isinstance(value, tuple | list):
        return sum(size_of(v) for v in value) + 8 * len(value)
    sized = getattr(value, "cache_size", None)
    if isinstance(sized, int):
        return sized
    return sys.getsizeof(value)


class VersionedCache:
    def __init__(self, max_entries: int = 256, max_bytes: int = 64 * 1024 * 1024) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._entries: OrderedDict[Hashable, tuple[Hashable, Any, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self._building: dict[tuple[Hashable, Hashable], threading.Lock] = {}
        _ALL.add(self)

    def peek(self, slot: Hashable, version: Hashable) -> Any | None:
        """The value held for this slot at this version, or None."""
        with self._lock:
            hit = self._entries.get(slot)
            if hit is None or hit[0] != version:
                return None
            self._entries.move_to_end(slot)
            return hit[1]

    def get(self, slot: Hashable, version: Hashable, build: Callable[[], T]) -> T:
        """The value for this slot at this version, built (once per process) if missing.

        A build that returns None (nothing to keep) is handed back and not kept.

        Versions are compared for equality only: the caller read the version before the
        data the build reads, so a value is never filed under a newer version than the
        data it was made from, and a reader that saw another version builds its own.
        """
        hit = self.peek(slot, version)
        if hit is not None:
            return hit  # type: ignore[no-any-return]
        with self._lock:
            gate = self._building.setdefault((slot, version), threading.Lock())
        with gate:
            hit = self.peek(slot, version)
            if hit is not None:
                return hit  # type: ignore[no-any-return]
            try:
                value = build()
                self._store(slot, version, value)
            finally:
                with self._lock:
                    self._building.pop((slot, version), None)
        return value

    def _store(self, slot: Hashable, version: Hashable, value: Any) -> None:
        size = size_of(value)
        if value is None or size > self.max_bytes // 4:
            return  # served, not kept: one page may not push out everything else
        with self._lock:
            old = self._entries.pop(slot, None)
            if old is not None:
                self._bytes -= old[2]
            self._entries[slot] = (version, value, size)
            self._bytes += size
            while self._entries and (
                len(self._entries) > self.max_entries or self._bytes > self.max_bytes
            ):
                _slot, (_v, _value, dropped) = self._entries.popitem(last=False)
                self._bytes -= dropped

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._entries)


def clear_all() -> None:
    """Empty every cache of this process (tests, whose databases start over, use it)."""
    for cache in list(_ALL):
        cache.clear()
