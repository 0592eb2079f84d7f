"""Screening of job postings before publication (沪人社就〔2020〕48号 四(四)).

``screen_posting(fields)`` takes the posting's free-text fields (title, description,
requirements, ...) by name and returns a ``Screening``: ``reject`` with the rule and the
matched text when the posting refuses or disadvantages workers by region of origin,
household registration (户籍), ID-number prefix or past infection; ``hold`` when the evidence
is weak; ``pass`` otherwise. The first call builds the tables (about a second); a service
that wants that at start-up calls ``warm_up()``. See README.md for the rules.
"""

from collections.abc import Mapping

from services.matching.domain.screening.findings import Finding, Screening, Strength, Verdict

__all__ = ["Finding", "Screening", "Strength", "Verdict", "screen_posting", "warm_up"]


def screen_posting(fields: Mapping[str, str]) -> Screening:
    """Screen a posting's text fields; see the module docstring."""
    from services.matching.domain.screening.screener import DEFAULT_SCREENER

    return DEFAULT_SCREENER.screen(fields)


def warm_up() -> None:
    """Build the normalisation tables and the automata now rather than on the first posting."""
    from services.matching.domain.screening.screener import DEFAULT_SCREENER  # noqa: F401
