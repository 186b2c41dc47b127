"""Collect the static files only when they changed since the last collection.

A second `runwell serve` starting beside a running one must not collect again: the
hashed-name storage deletes and rewrites every hashed file as it collects, and the first
server's workers, listing the folder as they boot, would find files gone. So the data
folder keeps a fingerprint of the sources the folder was collected from (outside the
folder, which is served whole), and an unchanged collection is left alone.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command

MARKER = ".static-collected-from"


def sources_fingerprint() -> str:
    """A hash of every source file's name, size and modification time."""
    digest = hashlib.sha256()
    entries = []
    for finder in get_finders():
        for name, storage in finder.list([]):
            stat = Path(storage.path(name)).stat()
            entries.append(f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}")
    for entry in sorted(entries):
        digest.update(entry.encode())
        digest.update(b"\n")
    return digest.hexdigest()


def collect_static_if_changed() -> bool:
    """Run collectstatic unless the folder holds this very set of sources; True if it ran.

    Call it under the first-start lock, so two starts never collect at the same time.
    """
    marker = Path(settings.DATA_DIR) / MARKER
    fingerprint = sources_fingerprint()
    root = Path(settings.STATIC_ROOT)
    collected = root.is_dir() and any(root.iterdir())
    if collected and marker.exists() and marker.read_text().strip() == fingerprint:
        return False
    call_command("collectstatic", interactive=False, verbosity=0)
    marker.write_text(fingerprint + "\n")
    return True
