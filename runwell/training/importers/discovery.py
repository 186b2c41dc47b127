"""Finding what to read: files, folders, ZIPs and Strava exports (no member is read here).

The order is stable: paths as given; inside a folder, its own files by name,
then each subfolder in name order; inside an archive, members by name; a
Strava export's file-less rows (and the files its CSV names but lacks) after
its files, in activities.csv order. Hidden files, `__MACOSX` folders and
macOS's `._` companions are skipped; files of other kinds (photos, CSVs) are
ignored without a word, since exports are full of them.

PURE: no Django.
"""

from __future__ import annotations

import csv
import io
import os
import posixpath
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import TypeVar

from runwell.training.importers.model import (
    DEFAULT_LIMITS,
    Discovery,
    Limits,
    Shoe,
    Source,
    StravaRow,
)
from runwell.training.importers.strava import read_activities_csv, read_shoes_csv

T = TypeVar("T")
ACTIVITY_SUFFIXES = (".fit", ".gpx", ".tcx", ".fit.gz", ".gpx.gz", ".tcx.gz")
ZIP_MAGIC = b"PK\x03\x04"
NESTED_ARCHIVE = "An archive inside an archive is not opened; unpack it and import it on its own."
MISSING_FILE = "activities.csv lists this file, but the export does not contain it."


def is_activity_name(name: str) -> bool:
    return name.lower().endswith(ACTIVITY_SUFFIXES)


def is_skipped(name: str) -> bool:
    parts = name.replace("\\", "/").split("/")
    return any(part.startswith(".") or part == "__MACOSX" for part in parts if part)


@dataclass
class _Found:
    sources: list[Source] = field(default_factory=list)
    shoes: list[Shoe] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def discover(
    paths: Iterable[str | os.PathLike[str]],
    display_root: str | os.PathLike[str] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Discovery:
    """Every source under `paths`, in a stable order, with Strava metadata attached."""
    found = _Found()
    root = None if display_root is None else os.fspath(display_root)
    for given in paths:
        path = os.fspath(given)
        display = os.path.relpath(path, root) if root else path
        if os.path.isdir(path):
            _folder(path, display, limits, found)
        elif not os.path.exists(path):
            found.sources.append(Source(display, path, problem="There is no such file or folder."))
        elif _looks_zipped(path):
            _archive(path, display, limits, found)
        else:
            found.sources.append(Source(display, path, size=_size(path)))
    shoes = tuple(dict.fromkeys(found.shoes))
    return Discovery(tuple(found.sources), shoes, tuple(found.warnings))


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _looks_zipped(path: str) -> bool:
    if path.lower().endswith(".zip"):
        return True
    try:
        with open(path, "rb") as handle:
            return handle.read(4) == ZIP_MAGIC
    except OSError:
        return False


def _folder(path: str, display: str, limits: Limits, found: _Found) -> None:
    rows_by_path: dict[str, StravaRow] = {}
    exports: list[tuple[str, str, list[StravaRow]]] = []
    for folder, subfolders, files in os.walk(path):
        subfolders[:] = sorted(d for d in subfolders if not is_skipped(d))
        shown = os.path.normpath(os.path.join(display, os.path.relpath(folder, path)))
        if "activities.csv" in files:
            rows = _read_csv(os.path.join(folder, "activities.csv"), found)
            exports.append((folder, shown, rows))
            for row in rows:
                if row.filename:
                    rows_by_path[os.path.normpath(os.path.join(folder, row.filename))] = row
            if "shoes.csv" in files:
                found.shoes.extend(_read_shoes(os.path.join(folder, "shoes.csv"), found))
        for name in sorted(files):
            full = os.path.join(folder, name)
            if is_skipped(name):
                continue
            if is_activity_name(name):
                found.sources.append(
                    Source(
                        os.path.join(shown, name),
                        full,
                        size=_size(full),
                        strava=rows_by_path.get(os.path.normpath(full)),
                    )
                )
            elif name.lower().endswith(".zip"):
                _archive(full, os.path.join(shown, name), limits, found)
    for folder, shown, rows in exports:
        _extras(rows, partial(os.path.join, shown), folder, partial(_exists_in, folder), found)


def _extras(
    rows: list[StravaRow],
    label: Callable[[str], str],
    path: str,
    exists: Callable[[str], bool],
    found: _Found,
) -> None:
    """File-less rows as sources of their own; rows naming a missing file as problems."""
    for row in rows:
        if not row.filename:
            name = label(f"activities.csv#{row.activity_id}")
            found.sources.append(Source(name, path, strava=row, kind="strava-row"))
        elif not exists(row.filename):
            found.sources.append(Source(label(row.filename), path, problem=MISSING_FILE))


def _read_csv(path: str, found: _Found) -> list[StravaRow]:
    try:
        with open(path, encoding="utf-8-sig", errors="replace", newline="") as handle:
            return read_activities_csv(handle)
    except (OSError, csv.Error) as error:
        found.warnings.append(
            f"{path} could not be read ({error}); files were imported without it."
        )
        return []


def _read_shoes(path: str, found: _Found) -> list[Shoe]:
    try:
        with open(path, encoding="utf-8-sig", errors="replace", newline="") as handle:
            return read_shoes_csv(handle)
    except (OSError, csv.Error) as error:
        found.warnings.append(f"{path} could not be read ({error}).")
        return []


def _archive(path: str, display: str, limits: Limits, found: _Found) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = [info for info in archive.infolist() if not info.is_dir()]
            if len(infos) > limits.max_archive_members:
                found.sources.append(
                    Source(
                        display,
                        path,
                        problem=(
                            f"The archive holds {len(infos):,} files, more than the "
                            f"{limits.max_archive_members:,} one import accepts; unpack it and "
                            "import its folders one by one."
                        ),
                    )
                )
                return
            _members(archive, infos, path, display, found)
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile) as error:
        found.sources.append(
            Source(display, path, problem=f"This ZIP archive cannot be opened ({error}).")
        )


def _members(
    archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], path: str, display: str, found: _Found
) -> None:
    names = {info.filename for info in infos}
    rows_by_member: dict[str, StravaRow] = {}
    exports: list[tuple[str, list[StravaRow]]] = []
    for root in sorted(_strava_roots(names), key=len):
        rows = _member_csv(archive, root + "activities.csv", read_activities_csv, display, found)
        exports.append((root, rows))
        for row in rows:
            if row.filename:
                rows_by_member[posixpath.normpath(root + row.filename)] = row
        if root + "shoes.csv" in names:
            found.shoes.extend(
                _member_csv(archive, root + "shoes.csv", read_shoes_csv, display, found)
            )
    for info in sorted(infos, key=lambda i: i.filename):
        name = info.filename
        if is_skipped(name):
            continue
        shown = f"{display}!{name}"
        if is_activity_name(name):
            found.sources.append(
                Source(
                    shown, path, member=name, size=info.file_size, strava=rows_by_member.get(name)
                )
            )
        elif name.lower().endswith(".zip"):
            found.sources.append(Source(shown, path, problem=NESTED_ARCHIVE))
    for root, rows in exports:
        _extras(
            rows,
            partial(_member_label, f"{display}!{root}"),
            path,
            partial(_member_exists, root, names),
            found,
        )


def _exists_in(folder: str, relative: str) -> bool:
    return os.path.exists(os.path.join(folder, relative))


def _member_label(prefix: str, relative: str) -> str:
    return prefix + relative


def _member_exists(root: str, names: set[str], relative: str) -> bool:
    return posixpath.normpath(root + relative) in names


def _strava_roots(names: set[str]) -> list[str]:
    return [
        name[: -len("activities.csv")]
        for name in names
        if posixpath.basename(name) == "activities.csv" and not is_skipped(name)
    ]


def _member_csv(
    archive: zipfile.ZipFile,
    member: str,
    parse: Callable[[Iterable[str]], list[T]],
    display: str,
    found: _Found,
) -> list[T]:
    try:
        with archive.open(member) as raw:
            return parse(io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline=""))
    except (OSError, csv.Error, zipfile.BadZipFile, EOFError) as error:
        found.warnings.append(
            f"{display}!{member} could not be read ({error}); files were imported without it."
        )
        return []
