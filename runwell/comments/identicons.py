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
    colour = f"hsl({hue} 55% 38%)"
    cells: list[str] = []
    bits = int.from_bytes(seed[2:10], "big")
    for row in range(_SIZE):
        for col in range((_SIZE + 1) // 2):
            if bits & 1:
                for x in {col, _SIZE - 1 - col}:
                    cells.append(
                        f'<rect x="{x * _CELL + 4}" y="{row * _CELL + 4}" '
                        f'width="{_CELL}" height="{_CELL}"/>'
                    )
            bits >>= 1
    side = _SIZE * _CELL + 8
    return mark_safe(
        f'<svg class="avatar" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {side} {side}" '
        f'width="40" height="40" aria-hidden="true" focusable="false">'
        f'<rect width="{side}" height="{side}" fill="#f0efe9"/>'
        f'<g fill="{colour}">{"".join(cells)}</g></svg>'
    )
