"""How many SMS parts a text takes, which is what the carrier bills: the gateway shows it before
a campaign is sent, notify records it for each message.

Texts all in the GSM 7-bit alphabet fit 160 units in one message and 153 per part of a longer
one; an extension character (€, [, ], {, }, ~, |, ^, \\, form feed) is an escape and a code, two
units. Any other character (Chinese) makes the whole text UCS-2: 70 units in one, 67 per part,
counted in UTF-16 units, so a character outside the Basic Multilingual Plane (many emoji) takes
two. A part never splits a character: an escape pair or a surrogate pair that does not fit in
what is left of a part starts the next one, so a long text may take one part more than its
units divided by 153 or 67.
"""

from __future__ import annotations

from collections.abc import Iterable

_GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENSION = frozenset("^{}\\[~]|€\f")

GSM_SINGLE, GSM_PART = 160, 153
UCS2_SINGLE, UCS2_PART = 70, 67


def _gsm_units(text: str) -> list[int] | None:
    units = []
    for char in text:
        if char in _GSM_BASIC:
            units.append(1)
        elif char in _GSM_EXTENSION:
            units.append(2)
        else:
            return None
    return units


def _utf16_units(text: str) -> list[int]:
    return [2 if ord(char) > 0xFFFF else 1 for char in text]


def _parts(units: Iterable[int], per_part: int) -> int:
    parts, used = 1, 0
    for size in units:
        if used + size > per_part:
            parts, used = parts + 1, 0
        used += size
    return parts


def segments(text: str) -> int:
    """Parts the text is sent in (an empty text still costs one message)."""
    gsm = _gsm_units(text)
    if gsm is not None:
        return 1 if sum(gsm) <= GSM_SINGLE else _parts(gsm, GSM_PART)
    utf16 = _utf16_units(text)
    return 1 if sum(utf16) <= UCS2_SINGLE else _parts(utf16, UCS2_PART)
