"""What ranking reads: an open posting and a job seeker, as plain values."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from services.contracts.job_seekers import PriorityGroup

__all__ = ["OccupationCode", "OpenPosting", "PriorityGroup", "SeekerProfile"]


@dataclass(frozen=True, slots=True)
class OccupationCode:
    """职业分类大典 code ``大类-中类-小类-职业`` (e.g. ``4-02-06-03``), parsed once."""

    parts: tuple[str, ...]

    @classmethod
    def parse(cls, code: str) -> OccupationCode:
        parts = tuple(code.split("-"))
        if not 1 <= len(parts) <= 4 or not all(p.isdigit() for p in parts):
            raise ValueError(f"occupation code {code!r} is not 大类-中类-小类-职业")
        return cls(parts)

    @property
    def major(self) -> str:
        return self.parts[0]

    @property
    def middle(self) -> str:
        return "-".join(self.parts[:2])

    def __str__(self) -> str:
        return "-".join(self.parts)

    def shared_levels(self, other: OccupationCode) -> int:
        """How many levels from the top the two codes share (0 to 4)."""
        shared = 0
        for mine, theirs in zip(self.parts, other.parts, strict=False):
            if mine != theirs:
                break
            shared += 1
        return shared


@dataclass(frozen=True, slots=True)
class OpenPosting:
    posting_id: str
    title: str
    occupation: OccupationCode
    district: str
    salary_min: int  # yuan a month
    salary_max: int
    opened_on: date
    valid_until: date
    is_open: bool = True
    certificates: frozenset[str] = frozenset()  # required, e.g. 健康证
    skills: frozenset[str] = frozenset()
    key_enterprise: bool = False
    target_groups: frozenset[PriorityGroup] = frozenset()  # 高校毕业生专场, 公益性岗位…


@dataclass(frozen=True, slots=True)
class SeekerProfile:
    seeker_id: str
    desired: tuple[OccupationCode, ...]
    district: str
    salary_floor: int
    max_commute_km: float = 15.0
    certificates: frozenset[str] = frozenset()
    skills: frozenset[str] = frozenset()
    priority_group: PriorityGroup | None = None
    origin_region: str | None = field(default=None, compare=False)
    """Kept for return-to-work planning; ranking never reads it."""
