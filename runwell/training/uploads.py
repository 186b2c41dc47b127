"""Where uploaded activity files wait for their import, and what may be uploaded.

Uploads live under RUNWELL_DATA_DIR/training-uploads/<runner>/<job>/, outside the
media folder, so nothing there is ever served to anyone but its runner (through the
job page, when they chose to keep their originals).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from runwell.training.models import ImportJob

ACTIVITY_SUFFIXES = (".fit", ".gpx", ".tcx")
ACCEPTED = ", ".join([*ACTIVITY_SUFFIXES, *(s + ".gz" for s in ACTIVITY_SUFFIXES), ".zip"])
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # a member first, or an empty archive
GZIP_MAGIC = b"\x1f\x8b"


def upload_root() -> Path:
    return Path(settings.TRAINING_UPLOAD_DIR)


def runner_folder(user_id: int) -> Path:
    return upload_root() / str(user_id)


def job_folder(job: ImportJob) -> Path:
    return runner_folder(job.user_id) / str(job.pk)


def safe_name(name: str) -> str:
    """The file's own name, without any folder a browser or client put in front."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip().lstrip(".")
    return base[:200] or "upload"


def type_problem(upload: UploadedFile) -> str | None:
    """Why this file cannot be imported, judged by its name and first bytes; None if fine."""
    name = safe_name(upload.name or "")
    lower = name.lower()
    head = _head(upload)
    if lower.endswith(".zip"):
        return None if head.startswith(ZIP_MAGIC) else f"“{name}” is not a ZIP archive."
    if lower.endswith(".gz"):
        if not lower[:-3].endswith(ACTIVITY_SUFFIXES):
            return f"“{name}” is not an activity file: send {ACCEPTED}."
        return None if head.startswith(GZIP_MAGIC) else f"“{name}” is not gzip-compressed."
    if lower.endswith(ACTIVITY_SUFFIXES):
        return None
    return f"“{name}” is not an activity file: send {ACCEPTED}."


def _head(upload: UploadedFile) -> bytes:
    upload.seek(0)
    head = upload.read(4)
    upload.seek(0)
    return head if isinstance(head, bytes) else head.encode()


def store(job: ImportJob, files: Iterable[UploadedFile]) -> list[str]:
    """Write the uploads into the job's folder; return the names they were kept under."""
    folder = job_folder(job)
    folder.mkdir(parents=True, exist_ok=True)
    names: list[str] = []
    for upload in files:
        name = _unique(folder, safe_name(upload.name or ""))
        with (folder / name).open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        names.append(name)
    return names


def _unique(folder: Path, name: str) -> str:
    candidate, n = name, 1
    while (folder / candidate).exists():
        n += 1
        stem, dot, ext = name.partition(".")
        candidate = f"{stem}-{n}{dot}{ext}"
    return candidate


def originals(job: ImportJob) -> list[Path]:
    folder = job_folder(job)
    return sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []


def delete_job_files(job_id: int, user_id: int) -> None:
    shutil.rmtree(runner_folder(user_id) / str(job_id), ignore_errors=True)


def delete_runner_files(user_id: int) -> None:
    shutil.rmtree(runner_folder(user_id), ignore_errors=True)
