"""Avatars drawn here, as small SVGs: no Gravatar, no request to another host.

The pattern comes from an HMAC of the address under the site's secret key, so
the picture cannot be used to guess or confirm anyone's email (a plain hash can).
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

_SIZE = 5
_CELL = 8


def identicon_seed(email: str, name: str) -> bytes:
    key = settings.SECRET_KEY.encode()
    material = (email.strip().lower() or f"name:{name.strip().lower()}").encode()
    return hmac.new(key, b"identicon:" + material, hashlib.sha256).digest()


def identicon_svg(seed: bytes) -> SafeString:
    """A 5×5 mirrored grid in one colour, decorative (the name sits beside it)."""
    hue = int.from_bytes(seed[:2], "big") % 360
    bits = int.from_bytes(seed[2:10], "big")
    cells: list[str] = []
    for row in range(_SIZE):
        for col in range((_SIZE + 1) // 2):
            if bits & 1:
                for x in sorted({col, _SIZE - 1 - col}):
                    cells.append(f"M{x * _CELL + 4} {row * _CELL + 4}h{_CELL}v{_CELL}h-{_CELL}z")
            bits >>= 1
    side = _SIZE * _CELL + 8
    return mark_safe(
        f'<svg class="avatar" viewBox="0 0 {side} {side}" width="40" height="40" '
        f'aria-hidden="true" focusable="false"><path fill="#f0efe9" d="M0 0h{side}v{side}H0z"/>'
        f'<path fill="hsl({hue} 55% 38%)" d="{"".join(cells)}"/></svg>'
    )
