"""Over-long input fails before any cached validator sees it: an `lru_cache` keeps its arguments,
and a megabyte sent as a credit code must not stay in the gateway's memory."""

from __future__ import annotations

from collections.abc import Callable
from functools import _lru_cache_wrapper
from typing import Any

import pytest

from services.contracts.identifiers import (
    validate_credit_code,
    validate_iso_week,
    validate_town_code,
    week_bounds,
)
from services.contracts.identifiers.credit_code import _validated_credit_code
from services.contracts.identifiers.towns import _validated_town_code
from services.contracts.identifiers.weeks import _validated_iso_week, _week_bounds

MEGABYTE = "9" * 1_000_000

CACHED_VALIDATORS: list[tuple[Callable[[str], Any], _lru_cache_wrapper[Any]]] = [
    (validate_credit_code, _validated_credit_code),
    (validate_town_code, _validated_town_code),
    (validate_iso_week, _validated_iso_week),
    (week_bounds, _week_bounds),
]


@pytest.mark.parametrize(
    ("validator", "cache"), CACHED_VALIDATORS, ids=lambda each: getattr(each, "__name__", "")
)
def test_an_over_long_identifier_is_refused_before_the_cache(
    validator: Callable[[str], Any], cache: _lru_cache_wrapper[Any]
) -> None:
    misses = cache.cache_info().misses

    with pytest.raises(ValueError, match="far too long"):
        validator(MEGABYTE)

    assert cache.cache_info().misses == misses  # never looked up, so never kept


def test_identifiers_written_loosely_still_fit_the_bound() -> None:
    # Full-width characters and spaces, as copied from a Chinese document.
    assert validate_credit_code("  ９１３１０１１５７６８２２５４５０Ｔ  ") == "91310115768225450T"
    assert validate_iso_week(" ２０２０－Ｗ０７ ".replace("－", "-")) == "2020-W07"
