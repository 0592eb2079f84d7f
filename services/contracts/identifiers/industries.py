"""Industry sections (门类 A-T) and divisions (大类 01-97) of GB/T 4754-2017.

The table is `reference/industry_sections_gbt4754_2017.csv`; each section lists its divisions as a
range such as "13-43" or a single division such as "70".
"""

import functools
import re
import unicodedata
from dataclasses import dataclass

from services.contracts.identifiers._reference import read_reference_csv

_TWO_DIGITS = re.compile(r"[0-9]{2}")
_GROUP_OR_CLASS = re.compile(r"[0-9]{3,4}")


@dataclass(frozen=True, slots=True)
class IndustrySection:
    code: str
    name_zh: str
    name_en: str
    divisions: tuple[str, ...]
    """Two-digit division codes in this section, in order, e.g. ("13", "14", ..., "43")."""


def _division_range(spec: str) -> tuple[str, ...]:
    first, _, last = spec.partition("-")
    return tuple(f"{number:02d}" for number in range(int(first), int(last or first) + 1))


@functools.cache
def _sections_by_code() -> dict[str, IndustrySection]:
    rows = read_reference_csv("industry_sections_gbt4754_2017.csv")
    return {
        row["section"]: IndustrySection(
            code=row["section"],
            name_zh=row["name_zh"],
            name_en=row["name_en"],
            divisions=_division_range(row["divisions"]),
        )
        for row in rows
    }


@functools.cache
def _section_code_by_division() -> dict[str, str]:
    return {
        division: section.code
        for section in _sections_by_code().values()
        for division in section.divisions
    }


def all_industry_sections() -> tuple[IndustrySection, ...]:
    """Sections A to T, in order."""
    return tuple(sorted(_sections_by_code().values(), key=lambda each: each.code))


def industry_section(code: str) -> IndustrySection:
    """The section with this letter, or ValueError saying what a valid section is."""
    normalised = unicodedata.normalize("NFKC", code).strip().upper()
    found = _sections_by_code().get(normalised)
    if found is not None:
        return found
    if normalised in _section_code_by_division():
        raise ValueError(
            f"industry section must be a letter A to T (GB/T 4754-2017), got {normalised!r}, "
            f"which is a division code: its section is {_section_code_by_division()[normalised]}"
        )
    raise ValueError(
        f"unknown industry section {normalised!r}: expected a GB/T 4754-2017 section letter "
        f"A to T, e.g. C 制造业"
    )


def validate_section(value: str) -> str:
    """The section letter in canonical form (upper case), or ValueError."""
    return industry_section(value).code


def validate_division(value: str) -> str:
    """The two-digit division code, or ValueError naming the rule it breaks."""
    division = unicodedata.normalize("NFKC", value).strip()
    if not _TWO_DIGITS.fullmatch(division):
        hint = ""
        if _GROUP_OR_CLASS.fullmatch(division):
            hint = f": a group or class code belongs to division {division[:2]!r}"
        elif len(division) == 1 and division in "123456789":
            hint = f": write it with a leading zero, {division.zfill(2)!r}"
        raise ValueError(
            f"industry division must be two digits (GB/T 4754-2017), e.g. '13', "
            f"got {division!r}{hint}"
        )
    if division not in _section_code_by_division():
        known = sorted(_section_code_by_division())
        raise ValueError(
            f"industry division {division!r} does not exist in GB/T 4754-2017: "
            f"divisions run from {known[0]} to {known[-1]}"
        )
    return division


def section_of_division(division: str) -> str:
    """The section letter a division belongs to, e.g. "13" -> "C"."""
    return _section_code_by_division()[validate_division(division)]
