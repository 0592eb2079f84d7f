"""What a recipient's SMS reply means: an unsubscribe (回复TD退订) opts them out of SMS.

Chinese bulk SMS end with "回复TD退订"; carriers and providers treat TD, T, N and 退订 as the
request to stop. Anything else is a reply a person wrote, kept by no one here.
"""

from __future__ import annotations

import unicodedata

UNSUBSCRIBE = frozenset({"TD", "T", "N", "退订", "TD退订", "退订TD"})


def is_unsubscribe(content: str) -> bool:
    """Whether the reply asks to stop SMS (full-width letters, case and spaces aside)."""
    text = unicodedata.normalize("NFKC", content).strip().upper().replace(" ", "")
    return text.rstrip("。.!！") in UNSUBSCRIBE
