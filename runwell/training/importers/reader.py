"""Reading sources into outcomes, in a process pool, in discovery order.

PURE: no Django.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from runwell.training.importers.model import DEFAULT_LIMITS, Discovery, FileOutcome, Limits, Source


def read(
    sources: Discovery | Sequence[Source],
    workers: int | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Iterator[FileOutcome]:
    """One outcome per source, in order; `workers=None` uses up to two processes."""
    raise NotImplementedError


def read_source(source: Source, limits: Limits = DEFAULT_LIMITS) -> FileOutcome:
    """Read one source in this process; never raises for a bad file."""
    raise NotImplementedError
