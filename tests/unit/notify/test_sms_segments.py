"""SMS parts, as carriers bill them: UCS-2 70/67 in UTF-16 units, GSM-7 160/153."""

from __future__ import annotations

import pytest

from services.notify.domain.segments import segments


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("", 1),
        ("复" * 70, 1),
        ("复" * 71, 2),
        ("复" * 134, 2),
        ("复" * 135, 3),
        ("复" * 69 + "😷", 2),  # outside the BMP: two UTF-16 units, 71 in all
        ("复" * 68 + "😷", 1),  # exactly 70 units
        ("a" * 160, 1),
        ("a" * 161, 2),
        ("a" * 306, 2),
        ("a" * 307, 3),
        ("€" * 80, 1),  # extension characters count two: 160
        ("€" * 80 + "a", 2),
        ("a" * 159 + "é", 1),  # é is in the GSM alphabet
        ("a" * 159 + "ê", 3),  # ê is not: the whole text is UCS-2, 160 units
    ],
)
def test_parts_at_the_boundaries(text: str, parts: int) -> None:
    assert segments(text) == parts
