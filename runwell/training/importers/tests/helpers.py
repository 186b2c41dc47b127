"""Shared test helpers: fixture paths and one-call reading of files written on the fly."""

from __future__ import annotations

import gzip
from pathlib import Path

from runwell.training.importers import Activity, FileOutcome, Limits, discover, read, read_source
from runwell.training.importers.model import DEFAULT_LIMITS

FIXTURES = Path(__file__).parent / "fixtures"


def fixture(name: str) -> Path:
    """A real device file from fixtures/ (see fixtures/README.md for where each comes from)."""
    matches = list(FIXTURES.glob(f"*/{name}"))
    assert len(matches) == 1, name
    return matches[0]


def read_path(path: Path | str, limits: Limits = DEFAULT_LIMITS) -> FileOutcome:
    """The one outcome for a single file."""
    found = discover([path], limits=limits)
    assert found.total == 1
    return read_source(found.sources[0], limits)


def read_bytes(tmp_path: Path, name: str, data: bytes, *, gz: bool = False) -> FileOutcome:
    path = tmp_path / (name + (".gz" if gz else ""))
    path.write_bytes(gzip.compress(data, mtime=0) if gz else data)
    return read_path(path)


def read_all(paths: list[Path], workers: int = 1) -> list[FileOutcome]:
    return list(read(discover(paths), workers=workers))


def only_activity(outcome: FileOutcome) -> Activity:
    assert outcome.error is None, outcome.error
    assert len(outcome.activities) == 1
    return outcome.activities[0]
