"""Streets and towns (街道/镇) of Shanghai by their 9-digit statistical division codes.

The National Bureau of Statistics' 统计用区划代码 gives each township-level division 12 digits; the
first 9 name the street or town:
  1-6    the district (GB/T 2260), e.g. 310115 浦东新区
  7-9    the street or town within it, e.g. 004 潍坊新村街道 (never 000, which is the district)

Which three-digit numbers exist is not checked against a list: streets are split and merged more
often than districts, and the district's own officials register the points they run.
"""

import re
import unicodedata
from functools import lru_cache

from services.contracts.identifiers._input_bounds import ensure_short
from services.contracts.identifiers.districts import district

_TOWN_CODE = re.compile(r"[0-9]{9}")


def validate_town_code(value: str) -> str:
    """The town code in canonical form, or ValueError naming the rule it breaks.

    Accepts surrounding spaces and full-width digits, and returns 9 ASCII digits.
    """
    ensure_short(value, "town code")
    return _validated_town_code(value)


@lru_cache(maxsize=4096)
def _validated_town_code(value: str) -> str:
    code = unicodedata.normalize("NFKC", value).strip()
    if _TOWN_CODE.fullmatch(code) is None:
        raise ValueError(
            f"town code must be 9 digits (the first 9 of the 统计用区划代码), "
            f"e.g. 310115004 潍坊新村街道, got {code!r}"
        )
    try:
        district(code[:6])
    except ValueError as exc:
        raise ValueError(
            f"town code {code!r} digits 1-6 must be a Shanghai district: {exc}"
        ) from None
    if code.endswith("000"):
        raise ValueError(
            f"town code {code!r} ends in 000, which is the district itself: digits 7-9 number a "
            f"street or town (街道/镇), e.g. 310115004 潍坊新村街道"
        )
    return code


def district_of_town(code: str) -> str:
    """The 6-digit district code a valid town code starts with, e.g. 310115004 -> "310115"."""
    return validate_town_code(code)[:6]
