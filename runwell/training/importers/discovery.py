"""Finding what to read: files, folders, ZIPs and Strava exports (no member is read here).

PURE: no Django.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from runwell.training.importers.model import DEFAULT_LIMITS, Discovery, Limits


def discover(
    paths: Iterable[str | os.PathLike[str]],
    display_root: str | os.PathLike[str] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Discovery:
    """Every source under `paths`, in a stable order, with Strava metadata attached."""
    raise NotImplementedError
