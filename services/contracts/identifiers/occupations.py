"""Occupation codes of the 职业分类大典 (2015 edition): `大类-中类-小类-职业`, e.g. 4-01-02-01.

The eight major groups (大类) are `reference/occupation_major_groups_2015.csv`; the code's other
levels are two digits each. Only the major group is checked against the table: the full list of
1,481 occupations is not shipped, so a well-formed code in a known major group is accepted.
"""

import functools
import re
import unicodedata
from dataclasses import dataclass

from services.contracts.identifiers._input_bounds import ensure_short
from services.contracts.identifiers._reference import read_reference_csv

_CODE = re.compile(r"([0-9])-([0-9]{2})-([0-9]{2})-([0-9]{2})")
_DASHES = str.maketrans({"－": "-", "—": "-", "–": "-", "‐": "-"})


@dataclass(frozen=True, slots=True)
class OccupationGroup:
    code: str
    name_zh: str


@functools.cache
def _groups_by_code() -> dict[str, OccupationGroup]:
    rows = read_reference_csv("occupation_major_groups_2015.csv")
    return {row["code"]: OccupationGroup(row["code"], row["name_zh"]) for row in rows}


def all_occupation_groups() -> tuple[OccupationGroup, ...]:
    """The eight major groups, in code order."""
    return tuple(sorted(_groups_by_code().values(), key=lambda each: each.code))


def occupation_group(code: str) -> OccupationGroup:
    """The major group with this one-digit code, or ValueError naming the valid ones."""
    found = _groups_by_code().get(code.strip())
    if found is None:
        raise ValueError(
            f"unknown occupation major group {code!r}: 职业分类大典 major groups run from 1 to 8"
        )
    return found


def validate_occupation_code(value: str) -> str:
    """The code in canonical form (ASCII digits and hyphens), or ValueError naming the rule."""
    ensure_short(value, "an occupation code")
    code = unicodedata.normalize("NFKC", value).translate(_DASHES).strip()
    match = _CODE.fullmatch(code)
    if match is None:
        raise ValueError(
            "occupation code must be 大类-中类-小类-职业 of the 职业分类大典 (2015), "
            f"one digit then three pairs of digits, e.g. '4-01-02-01', got {code!r}"
        )
    occupation_group(match[1])
    return code


def group_of_occupation(code: str) -> str:
    """The major group (大类) of a valid occupation code, e.g. '4-01-02-01' -> '4'."""
    return validate_occupation_code(code)[0]
