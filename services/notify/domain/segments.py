"""How many SMS parts a text takes, which is what the carrier bills.

Texts all in the GSM 7-bit alphabet fit 160 characters in one message and 153 per part of a
longer one (extension characters such as € take two); any other character (Chinese) makes the
whole text UCS-2: 70 in one, 67 per part, counted in UTF-16 units, so a character outside the
Basic Multilingual Plane (many emoji) takes two.
"""

from __future__ import annotations

from math import ceil

_GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENSION = set("^{}\\[~]|€\f")


def _gsm_units(text: str) -> int | None:
    units = 0
    for char in text:
        if char in _GSM_BASIC:
            units += 1
        elif char in _GSM_EXTENSION:
            units += 2
        else:
            return None
    return units


def segments(text: str) -> int:
    """Parts the text is sent in (an empty text still costs one message)."""
    gsm = _gsm_units(text)
    if gsm is not None:
        return 1 if gsm <= 160 else ceil(gsm / 153)
    utf16 = len(text.encode("utf-16-le")) // 2
    return 1 if utf16 <= 70 else ceil(utf16 / 67)
