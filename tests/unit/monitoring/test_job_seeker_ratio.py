"""求人倍率's rule: open vacancies per active job seeker, two decimals, none without seekers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.monitoring.domain.job_seeker_ratio import vacancies_per_seeker


@pytest.mark.parametrize(
    ("vacancies", "seekers", "ratio"),
    [
        (15200, 10000, 1.52),  # a seeker has about one and a half vacancies to choose from
        (3, 4, 0.75),
        (2, 3, 0.67),  # 0.666… rounds up
        (1, 3, 0.33),  # 0.333… rounds down
        (1, 8, 0.13),  # 0.125: half rounds up
        (5, 8, 0.63),
        (1, 400, 0.0),  # 0.0025: fewer than one vacancy per two hundred seekers shows as 0
        (0, 12, 0.0),  # seekers and no vacancies: a real zero
        (7, 1, 7.0),
    ],
)
def test_the_ratio_is_vacancies_over_seekers_rounded_half_up_to_two_decimals(
    vacancies: int, seekers: int, ratio: float
) -> None:
    assert vacancies_per_seeker(vacancies, seekers) == ratio


@pytest.mark.parametrize("vacancies", [0, 1, 15200])
def test_with_no_seekers_there_is_no_ratio_rather_than_zero_or_a_division_error(
    vacancies: int,
) -> None:
    assert vacancies_per_seeker(vacancies, 0) is None


@pytest.mark.parametrize(("vacancies", "seekers"), [(-1, 10), (10, -1)])
def test_a_negative_count_is_refused_naming_what_counts_are(vacancies: int, seekers: int) -> None:
    with pytest.raises(ValueError, match="never negative"):
        vacancies_per_seeker(vacancies, seekers)


@given(st.integers(0, 10**9), st.integers(1, 10**9))
def test_the_ratio_is_within_half_a_hundredth_of_the_exact_quotient(
    vacancies: int, seekers: int
) -> None:
    ratio = vacancies_per_seeker(vacancies, seekers)

    assert ratio is not None
    assert abs(ratio - vacancies / seekers) <= 0.005 + 1e-9
    assert round(ratio * 100) == pytest.approx(ratio * 100)
