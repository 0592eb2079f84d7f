"""Occupation codes of the 职业分类大典: 大类-中类-小类-职业, the major group from the reference."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ValidationError

from services.contracts.identifiers import (
    OccupationCode,
    all_occupation_groups,
    group_of_occupation,
    validate_occupation_code,
)


class Body(BaseModel):
    occupation_code: OccupationCode


def test_the_eight_major_groups_come_from_the_reference_table() -> None:
    groups = all_occupation_groups()

    assert [g.code for g in groups] == [str(n) for n in range(1, 9)]
    assert groups[5].name_zh == "生产制造及有关人员"


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("4-02-06-03", "4-02-06-03"),
        ("４－０２－０６－０３", "4-02-06-03"),
        (" 6-01-01-01 ", "6-01-01-01"),
    ],
)
def test_codes_are_normalised(written: str, canonical: str) -> None:
    assert validate_occupation_code(written) == canonical


@pytest.mark.parametrize(
    ("written", "rule"),
    [
        ("40206", "大类-中类-小类-职业"),
        ("4-2-6-3", "大类-中类-小类-职业"),
        ("9-01-01-01", "major groups run from 1 to 8"),
        ("0-01-01-01", "major groups run from 1 to 8"),
        ("4" * 80, "far too long"),
    ],
)
def test_a_malformed_or_unknown_code_is_refused_naming_the_rule(written: str, rule: str) -> None:
    with pytest.raises(ValidationError, match=rule):
        Body(occupation_code=written)


def test_the_group_of_an_occupation_is_its_first_digit() -> None:
    assert group_of_occupation("6-01-01-01") == "6"
