"""Commenters' names: one normal form, and a skeleton to tell when two names would look alike.

A name is shown beside the comment, so it must not pass for the site's team. Text is
NFKC-normalised (fullwidth and stylised letters become plain ones) and loses invisible
and direction-changing characters (zero-width spaces, bidi overrides, soft hyphens),
which make "Runwell\u200b editors" look like "Runwell editors".
"""

from __future__ import annotations

import unicodedata

# Letters from other scripts that look like Latin ones in most fonts: enough to stop the
# usual swaps ("Еditor" with a Cyrillic Е) without a full confusables table.
_LOOKALIKES = str.maketrans(
    {
        "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
        "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d",
        "ԛ": "q", "ԝ": "w", "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ν": "v",
        "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "0": "o", "1": "l", "|": "l",
    }
)  # fmt: skip


def _invisible(char: str) -> bool:
    # Cf: format characters (zero-width, bidi controls, soft hyphen); Cc: controls;
    # Co/Cs/Cn: private use, surrogates and unassigned code points.
    return unicodedata.category(char) in {"Cf", "Cc", "Co", "Cs", "Cn"}


def normalize_name(text: str) -> str:
    """The name as stored and shown: NFKC, no invisible characters, single spaces."""
    text = unicodedata.normalize("NFKC", text)
    visible = "".join(" " if char.isspace() else char for char in text if not _invisible(char))
    return " ".join(visible.split())


def skeleton(text: str) -> str:
    """What a name looks like, for comparing: no accents, case, spaces or punctuation."""
    decomposed = unicodedata.normalize("NFKD", normalize_name(text).casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return "".join(char for char in bare.translate(_LOOKALIKES) if char.isalnum())
