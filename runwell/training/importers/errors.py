"""Why a file gave no activity: exceptions whose message is shown to the runner as is.

PURE: no Django.
"""

from __future__ import annotations


class Unreadable(ValueError):
    """The file cannot be read; the message says why in plain words."""
