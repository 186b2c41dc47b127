"""Backups of the whole site (database, uploaded media, the signing key) and their restore.

A backup is a folder:

    manifest.json   what is in it, with each file's size and SHA-256
    db.sqlite3      SQLite's online backup (a consistent copy taken while the site runs)
      or db.dump    pg_dump's custom format (one consistent snapshot) on PostgreSQL
    media/          the uploaded files
    training-uploads/  activity files waiting to be imported, or kept by their runner
    secret_key      the signing key from the data folder (when it is kept there)

It is written under a temporary name and renamed when complete, so a folder named like
the backup is always whole. `restore` checks every checksum before it touches anything.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from runwell.config import SECRET_KEY_FILE, envsecret

FORMAT = "runwell-backup"
VERSION = 1
MANIFEST = "manifest.json"


class BackupError(Exception):
    """Something a person must fix; the message says what."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _files(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.name != MANIFEST:
            yield path


def _pg_env() -> tuple[list[str], dict[str, str]]:
    """Connection options for pg_dump / pg_restore, the password in the environment."""
    db = settings.DATABASES["default"]
    args = ["--dbname", str(db["NAME"])]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = {**os.environ, "PGPASSWORD": str(db.get("PASSWORD") or "")}
    return args, env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} not found: install the PostgreSQL client (postgresql-client)")
    return path


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["(no message)"])[-1]
        raise BackupError(f"{Path(command[0]).name} failed: {last}")


def _copy_database(target: Path) -> str:
    if connection.vendor == "postgresql":
        args, env = _pg_env()
        name = "db.dump"
        _run([_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
              "--file", str(target / name), *args], env)  # fmt: skip
        return name
    name = "db.sqlite3"
    source = sqlite3.connect(str(settings.DATABASES["default"]["NAME"]))
    copy = sqlite3.connect(str(target / name))
    try:
        with copy:
            source.backup(copy)  # SQLite's online backup: consistent while others write
    finally:
        copy.close()
        source.close()
    return name


def _folders() -> dict[str, Path]:
    """The data folder's subfolders a backup holds, by their name in the backup."""
    return {
        "media": Path(settings.MEDIA_ROOT),
        "training-uploads": Path(settings.TRAINING_UPLOAD_DIR),
    }


def _migrations() -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return latest


def create_backup(destination: Path) -> dict[str, Any]:
    """Write a complete backup folder at `destination` (which must not exist yet)."""
    if destination.exists() and any(destination.iterdir()):
        raise BackupError(f"{destination} already exists and is not empty")
    partial = destination.with_name(f".{destination.name}.partial-{os.getpid()}")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    try:
        database = _copy_database(partial)
        for name, folder in _folders().items():
            if folder.is_dir():
                shutil.copytree(folder, partial / name)
        key_file = settings.DATA_DIR / SECRET_KEY_FILE
        if key_file.is_file():
            shutil.copy2(key_file, partial / SECRET_KEY_FILE)
            (partial / SECRET_KEY_FILE).chmod(0o600)
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created": timezone.now().isoformat(),
            "engine": connection.vendor,
            "database": database,
            "migrations": _migrations(),
            "files": {
                str(path.relative_to(partial)): {
                    "size": path.stat().st_size,
                    "sha256": _sha256(path),
                }
                for path in _files(partial)
            },
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        if destination.exists():
            destination.rmdir()
        partial.rename(destination)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return manifest


def read_manifest(source: Path) -> dict[str, Any]:
    """The backup's manifest, after checking that every file is there and unchanged."""
    try:
        manifest: dict[str, Any] = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(
            f"{source} is not a Runwell backup (no readable {MANIFEST}): {exc}"
        ) from None
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError(f"{source} is not a Runwell backup of a version this site reads")
    for name, expected in manifest["files"].items():
        path = source / name
        if not path.is_file():
            raise BackupError(f"the backup is incomplete: {name} is missing")
        if path.stat().st_size != expected["size"] or _sha256(path) != expected["sha256"]:
            raise BackupError(f"the backup is damaged: {name} does not match its checksum")
    return manifest


def database_is_empty() -> bool:
    """No table of Runwell's holds a row (a fresh data folder, or a new database)."""
    tables = set(connection.introspection.table_names())
    return (
        "django_migrations" not in tables or not MigrationRecorder(connection).applied_migrations()
    )


def restore_backup(source: Path, *, force: bool = False) -> dict[str, Any]:
    """Put a backup in place of this site's database, media and key."""
    manifest = read_manifest(source)
    if manifest["engine"] != connection.vendor:
        raise BackupError(
            f"this backup is of a {manifest['engine']} database; the site uses {connection.vendor}"
        )
    if not force and not database_is_empty():
        raise BackupError(
            "the database already holds a site: stop it and add --force to replace it"
        )
    if connection.vendor == "postgresql":
        _restore_postgres(source / manifest["database"])
    else:
        _restore_sqlite(source / manifest["database"])
    for name, folder in _folders().items():
        _restore_folder(source / name, folder, force=force)
    _restore_key(source / SECRET_KEY_FILE)
    return manifest


def _restore_sqlite(copy: Path) -> None:
    connection.close()
    target = Path(str(settings.DATABASES["default"]["NAME"]))
    draft = target.with_name(f".{target.name}.restoring")
    shutil.copyfile(copy, draft)
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    os.replace(draft, target)


def _restore_postgres(dump: Path) -> None:
    args, env = _pg_env()
    connection.close()
    _run([_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
          "--exit-on-error", "--single-transaction", *args, str(dump)], env)  # fmt: skip


def _restore_folder(copy: Path, target: Path, *, force: bool) -> None:
    if force and target.is_dir():
        shutil.rmtree(target)
    if copy.is_dir():
        shutil.copytree(copy, target, dirs_exist_ok=True)
    else:
        target.mkdir(parents=True, exist_ok=True)


def _restore_key(key: Path) -> None:
    if not key.is_file() or envsecret("RUNWELL_SECRET_KEY"):
        return  # the key comes from the environment: it must be set there as before
    target = settings.DATA_DIR / SECRET_KEY_FILE
    shutil.copyfile(key, target)
    target.chmod(0o600)
