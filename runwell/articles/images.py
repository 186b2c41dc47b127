"""Shrinks uploaded hero images so no page ships a multi-megabyte photo."""

from __future__ import annotations

import io
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.db.models.fields.files import ImageFieldFile
from PIL import Image, ImageOps

MAX_WIDTH = 1600
MAX_HEIGHT = 2400
JPEG_QUALITY = 82


def shrink_image(data: bytes) -> tuple[bytes, str]:
    """Return the re-encoded image and its file extension (".jpg", or ".png" with alpha).

    Re-encoding also drops EXIF (camera location included) after applying its rotation.
    """
    with Image.open(io.BytesIO(data)) as opened:
        image = ImageOps.exif_transpose(opened)
    image.thumbnail((MAX_WIDTH, MAX_HEIGHT), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        image.save(out, "PNG", optimize=True)
        return out.getvalue(), ".png"
    image.convert("RGB").save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return out.getvalue(), ".jpg"


def shrink_uploaded(field_file: ImageFieldFile) -> None:
    """Replace a newly uploaded (not yet stored) image with its shrunk version."""
    if not field_file or getattr(field_file, "_committed", True):
        return
    field_file.seek(0)
    data, ext = shrink_image(field_file.read())
    name = PurePath(field_file.name or "image").with_suffix(ext).name
    field_file.save(name, ContentFile(data), save=False)
