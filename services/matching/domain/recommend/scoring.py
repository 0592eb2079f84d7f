"""Hard filters first, then a documented score, and the reasons in plain words.

Hard filters (a posting that fails one is never recommended):
  the posting is open and still valid; the seeker holds every certificate it requires;
  its district is within the seeker's commute; its top salary reaches the seeker's floor;
  its occupation shares at least the major group (大类) with one the seeker wants.

Score (0 to 1.2), the weighted sum of
  occupation  0.40 x closeness: same 职业 1, same 小类 0.75, same 中类 0.5, same 大类 0.25
  skills      0.20 x share of the posting's listed skills the seeker has (none listed: 1)
  distance    0.15 x (1 - distance / the seeker's commute limit)
  salary      0.15 x how far the posting's middle salary is above the floor, full at +30%
  recency     0.10 x halving every 14 days since it opened
  boosts      +0.10 key enterprise (重点企业); +0.10 the posting targets the seeker's
              priority group (高校毕业生, 就业困难人员, 外来务工人员)
Origin region is never read.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from functools import cache

from services.matching.domain.recommend import geography
from services.matching.domain.recommend.model import OpenPosting, SeekerProfile

W_OCCUPATION = 0.40
W_SKILLS = 0.20
W_DISTANCE = 0.15
W_SALARY = 0.15
W_RECENCY = 0.10
BOOST_KEY_ENTERPRISE = 0.10
BOOST_PRIORITY_GROUP = 0.10
CLOSENESS = (0.0, 0.25, 0.5, 0.75, 1.0)  # by levels shared
SALARY_FULL_ABOVE = 0.30
RECENCY_HALF_LIFE_DAYS = 14.0
MAX_SCORE = (
    W_OCCUPATION
    + W_SKILLS
    + W_DISTANCE
    + W_SALARY
    + W_RECENCY
    + BOOST_KEY_ENTERPRISE
    + BOOST_PRIORITY_GROUP
)

_LEVEL_WORDS = ("", "同属一个职业大类", "同属一个职业中类", "同属一个职业小类", "职业完全对口")


@dataclass(frozen=True, slots=True)
class Recommendation:
    posting_id: str
    seeker_id: str
    score: float
    reasons: tuple[str, ...]


def eligible(seeker: SeekerProfile, posting: OpenPosting, today: date) -> bool:
    return (
        posting.is_open
        and posting.valid_until >= today
        and posting.certificates <= seeker.certificates
        and posting.salary_max >= seeker.salary_floor
        and geography.distance_km(seeker.district, posting.district) <= seeker.max_commute_km
        and levels_shared(seeker, posting) > 0
    )


def levels_shared(seeker: SeekerProfile, posting: OpenPosting) -> int:
    return max(code.shared_levels(posting.occupation) for code in seeker.desired)


def score(seeker: SeekerProfile, posting: OpenPosting, today: date) -> float:
    """The score of an eligible posting for a seeker (see the module docstring)."""
    km = geography.distance_km(seeker.district, posting.district)
    return score_known(seeker, posting, today, levels_shared(seeker, posting), nearness(seeker, km))


def nearness(seeker: SeekerProfile, km: float) -> float:
    return max(0.0, 1.0 - km / seeker.max_commute_km) if seeker.max_commute_km else 0.0


def score_known(
    seeker: SeekerProfile, posting: OpenPosting, today: date, levels: int, near: float
) -> float:
    """The score when the shared code levels and the nearness are already known (the index)."""
    skills = len(posting.skills & seeker.skills) / len(posting.skills) if posting.skills else 1.0
    salary = salary_fit(seeker, (posting.salary_min + posting.salary_max) / 2)
    total = (
        W_OCCUPATION * CLOSENESS[levels]
        + W_SKILLS * skills
        + W_DISTANCE * near
        + W_SALARY * salary
        + W_RECENCY * _recency(max(0, (today - posting.opened_on).days))
    )
    if posting.key_enterprise:
        total += BOOST_KEY_ENTERPRISE
    if seeker.priority_group is not None and seeker.priority_group in posting.target_groups:
        total += BOOST_PRIORITY_GROUP
    return total


def salary_fit(seeker: SeekerProfile, monthly: float) -> float:
    """0 at the seeker's floor, 1 from 30% above it (rises with the salary)."""
    above = (monthly - seeker.salary_floor) / (SALARY_FULL_ABOVE * max(seeker.salary_floor, 1))
    return min(1.0, max(0.0, above))


@cache
def _recency(age_days: int) -> float:
    return math.pow(0.5, age_days / RECENCY_HALF_LIFE_DAYS)


def reasons(seeker: SeekerProfile, posting: OpenPosting, today: date) -> tuple[str, ...]:
    """Why this posting suits this seeker, in plain words (only for what is shown)."""
    shared = levels_shared(seeker, posting)
    said = [f"{_LEVEL_WORDS[shared]}（{posting.occupation}）"]
    if posting.skills:
        held = sorted(posting.skills & seeker.skills)
        if held:
            said.append(f"具备岗位所需技能：{'、'.join(held)}")
    if posting.certificates:
        said.append(f"持有岗位要求的{'、'.join(sorted(posting.certificates))}")
    km = geography.distance_km(seeker.district, posting.district)
    where = geography.district_name(posting.district)
    if posting.district == seeker.district:
        said.append(f"就在本区（{where}）")
    else:
        said.append(f"在{where}，离住处约{km:.0f}公里")
    pay = f"月薪{posting.salary_min}-{posting.salary_max}元"
    if posting.salary_min >= seeker.salary_floor:
        said.append(f"{pay}，不低于期望的{seeker.salary_floor}元")
    else:
        said.append(f"{pay}，最高可达期望的{seeker.salary_floor}元以上")
    age = (today - posting.opened_on).days
    said.append("今天发布" if age <= 0 else f"{age}天前发布")
    if posting.key_enterprise:
        said.append("重点企业岗位")
    if seeker.priority_group is not None and seeker.priority_group in posting.target_groups:
        said.append(f"面向{seeker.priority_group}的岗位")
    return tuple(said)
