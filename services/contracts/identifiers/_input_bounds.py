"""A bound on what reaches a cached validator: an `lru_cache` keeps its arguments, so a string of
any length sent as an identifier would otherwise stay in memory until it is evicted."""

LONGEST_IDENTIFIER = 64
"""Longer than any identifier written with spaces or full-width characters, far shorter than an
attack: credit codes are 18 characters, town codes 9, weeks 8."""


def ensure_short(value: str, what: str) -> None:
    """ValueError for a value too long to be `what`, said before any cache sees it."""
    if len(value) > LONGEST_IDENTIFIER:
        raise ValueError(f"{what} is far too long ({len(value)} characters)")
