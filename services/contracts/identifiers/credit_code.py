"""统一社会信用代码 — the Unified Social Credit Code of GB 32100-2015.

Layout of the 18 characters:
  1      registration authority (9 = market regulation, 1 = institutions, 5 = civil affairs, ...)
  2      entity type within that authority
  3-8    administrative division code (GB/T 2260) of the registering office, e.g. 310115
  9-17   organisation code (GB 11714); character 17 is its own check digit
  18     check character over characters 1-17

The first two characters are not checked against a list: authorities keep adding types, and an
unknown type is better caught by the registry than rejected here.
"""

import unicodedata
from functools import lru_cache

from services.contracts.identifiers._input_bounds import ensure_short

CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUES = {char: value for value, char in enumerate(CREDIT_CODE_ALPHABET)}
# 3**i mod 31, as tabulated in GB 32100-2015.
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# GB 11714-1997; letters in an organisation code count as A=10 ... Z=35.
_ORGANISATION_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORGANISATION_CHARACTERS = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def check_character(first17: str) -> str:
    """The GB 32100 check character (18th) for the first 17 characters of a credit code."""
    if len(first17) != 17 or not set(first17) <= _VALUES.keys():
        raise ValueError(
            f"expected the first 17 characters of a credit code "
            f"(from {CREDIT_CODE_ALPHABET}), got {first17!r}"
        )
    total = sum(_VALUES[char] * weight for char, weight in zip(first17, _WEIGHTS, strict=True))
    # 31 - (total mod 31), where 31 becomes 0.
    return CREDIT_CODE_ALPHABET[-total % 31]


def organisation_code_check_digit(first8: str) -> str:
    """The GB 11714 check digit for the 8-character body of an organisation code."""
    if len(first8) != 8 or not set(first8) <= _ORGANISATION_CHARACTERS:
        raise ValueError(
            f"expected the 8-character body of an organisation code "
            f"(digits and capital letters), got {first8!r}"
        )
    total = sum(
        int(char, 36) * weight for char, weight in zip(first8, _ORGANISATION_WEIGHTS, strict=True)
    )
    # 11 - (total mod 11), where 10 becomes X and 11 becomes 0.
    remainder = -total % 11
    return "X" if remainder == 10 else str(remainder)


def validate_credit_code(value: str) -> str:
    """The credit code in canonical form, or ValueError naming the rule it breaks.

    Accepts surrounding spaces, lower case and full-width characters (common when a code is
    copied from a Chinese document) and returns 18 upper-case ASCII characters.
    """
    ensure_short(value, "credit code")
    return _validated_credit_code(value)


# Pure and called for every event of an enterprise: a city's enterprises fit the cache.
@lru_cache(maxsize=65536)
def _validated_credit_code(value: str) -> str:
    code = unicodedata.normalize("NFKC", value).strip().upper()
    if len(code) != 18:
        raise ValueError(f"credit code must be 18 characters, got {len(code)}")
    for position, char in enumerate(code, start=1):
        if char not in _VALUES:
            raise ValueError(
                f"credit code character {position} is {char!r}, which GB 32100 does not use: "
                f"only digits and the letters ABCDEFGHJKLMNPQRTUWXY (no I, O, S, V or Z)"
            )
    division = code[2:8]
    if not division.isdigit():
        raise ValueError(
            f"credit code characters 3-8 must be the 6-digit administrative division code "
            f"(e.g. 310115), got {division!r}"
        )
    expected = check_character(code[:17])
    if code[17] != expected:
        raise ValueError(
            f"credit code check character should be {expected!r}, got {code[17]!r}: "
            f"a character is mistyped or this is not a real credit code"
        )
    expected_organisation = organisation_code_check_digit(code[8:16])
    if code[16] != expected_organisation:
        raise ValueError(
            f"credit code character 17 (the GB 11714 organisation code check digit) should be "
            f"{expected_organisation!r}, got {code[16]!r}: "
            f"a character is mistyped or this is not a real credit code"
        )
    return code


def with_check_character(first17: str) -> str:
    """A valid credit code made from its first 17 characters, for tests and demos.

    Character 17 must already be the organisation code check digit; build it with
    `organisation_code_check_digit`.
    """
    return validate_credit_code(first17 + check_character(first17))
