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
        ("复" * 67 + "😷" + "复" * 66, 3),  # 135 units
        # A part never splits a character: the emoji does not fit in what is left of part one
        # (66 + 2 > 67), so 134 units take three parts, not two.
        ("复" * 66 + "😷" + "复" * 66, 3),
        ("复" * 65 + "😷" + "复" * 67, 2),  # 67 + 67 exactly
        ("😷" * 35, 1),  # 70 units
        ("😷" * 36, 2),
        ("😷" * 67, 3),  # 33 pairs a part (66 units): 134 units in three parts
        # 306 units, but the escape pair cannot end part one: 152 | € + 151 | 1.
        ("a" * 152 + "€" + "a" * 152, 3),
        ("a" * 151 + "€" + "a" * 153, 2),  # 153 + 153 exactly
        ("[]" * 80, 3),  # 320 units: 76 extension characters a part, 76 | 76 | 8
        ("a" * 159 + "\n", 1),  # newline is GSM basic
    ],
)
def test_parts_at_the_boundaries(text: str, parts: int) -> None:
    assert segments(text) == parts
