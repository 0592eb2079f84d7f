"""The 16 districts of Shanghai by their GB/T 2260 codes (`reference/shanghai_districts.csv`)."""

import functools
import unicodedata
from dataclasses import dataclass

from services.contracts.identifiers._reference import read_reference_csv


@dataclass(frozen=True, slots=True)
class District:
    code: str
    name_zh: str
    name_en: str


# Codes that enterprise HR systems still hold from before the mergers, and where they went.
_RETIRED_CODES = {
    "310103": "卢湾区 became part of 310101 黄浦区 in 2011",
    "310108": "闸北区 became part of 310106 静安区 in 2015",
    "310119": "南汇区 became part of 310115 浦东新区 in 2009",
    "310230": "崇明县 became 310151 崇明区 in 2016",
}


@functools.cache
def _districts_by_code() -> dict[str, District]:
    rows = read_reference_csv("shanghai_districts.csv")
    return {row["code"]: District(row["code"], row["name_zh"], row["name_en"]) for row in rows}


def all_districts() -> tuple[District, ...]:
    """The 16 districts, in code order."""
    return tuple(sorted(_districts_by_code().values(), key=lambda each: each.code))


def district(code: str) -> District:
    """The district with this GB/T 2260 code, or ValueError saying what a valid code is."""
    normalised = unicodedata.normalize("NFKC", code).strip()
    found = _districts_by_code().get(normalised)
    if found is not None:
        return found
    if normalised in _RETIRED_CODES:
        raise ValueError(f"district code {normalised!r} is retired: {_RETIRED_CODES[normalised]}")
    raise ValueError(
        f"unknown district code {normalised!r}: expected one of the 16 Shanghai districts "
        f"(GB/T 2260), e.g. 310115 浦东新区"
    )


def validate_district_code(value: str) -> str:
    """The district code in canonical form, or ValueError (see `district`)."""
    return district(value).code
