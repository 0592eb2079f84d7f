"""求人倍率 (vacancies per job seeker): open vacancies ÷ active job seekers.

Published as monitoring's database function `monitoring.vacancies_per_seeker`
(migrations/007_job_seeker_ratio.sql), which the view `monitoring.job_seeker_ratio_v` applies to
matching's live counts; this is the rule written out, the reference the tests hold it to.
"""

from __future__ import annotations

DECIMALS = 2
"""求人倍率 is published to two decimals (1.52: a seeker has about one and a half vacancies)."""


def vacancies_per_seeker(open_vacancies: int, active_job_seekers: int) -> float | None:
    """Open vacancies per active job seeker, rounded half up to `DECIMALS` places.

    No seekers is no figure (None), not zero and not infinity: the ratio says how many vacancies
    each seeker has to choose from, and where nobody seeks work that question has no answer.
    """
    if open_vacancies < 0 or active_job_seekers < 0:
        raise ValueError("open vacancies and active job seekers are counts: never negative")
    if active_job_seekers == 0:
        return None
    scale: int = 10**DECIMALS
    # Whole units of 1/scale, rounded half up, in integers: exact at any size.
    units = (2 * scale * open_vacancies + active_job_seekers) // (2 * active_job_seekers)
    return units / scale
