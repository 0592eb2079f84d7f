"""Job postings (三(二)) and their review after screening (四(四)): events on `matching.postings`.

A posting is keyed by its id; every change an enterprise makes carries the posting's next
version (1 when it opens), so the matching processor applies each once and in order whatever
order the broker delivers them in. A review refers to the version an official looked at.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, field_serializer, model_validator

from services.contracts.identifiers import CreditCode, DistrictCode, OccupationCode
from services.contracts.job_seekers import Phrase, PriorityGroup

POSTING_OPENED = "cn.fugong.matching.posting.opened.v1"
POSTING_REVISED = "cn.fugong.matching.posting.revised.v1"
POSTING_FILLED = "cn.fugong.matching.posting.filled.v1"
POSTING_CLOSED = "cn.fugong.matching.posting.closed.v1"
POSTING_REVIEWED = "cn.fugong.matching.posting.reviewed.v1"

PostingId = Annotated[
    str,
    Field(
        pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
        description="the posting's id, given by the gateway when it is created",
    ),
]
MAX_HEADCOUNT = 100_000


class Shift(StrEnum):
    DAY = "day"  # 白班
    NIGHT = "night"  # 夜班
    ROTATING = "rotating"  # 轮班
    FLEXIBLE = "flexible"  # 弹性


class Channel(StrEnum):
    """Where the posting is published (三(二): through several channels at once)."""

    ONLINE_PLATFORM = "online_platform"  # 公共招聘网
    WECHAT = "wechat"  # 微信公众号
    MOBILE_APP = "mobile_app"
    ONLINE_JOB_FAIR = "online_job_fair"  # 线上招聘会
    PARTNER_REGIONS = "partner_regions"  # 劳务协作地区


Certificate = Annotated[str, Field(min_length=2, max_length=50, examples=["健康证"])]


class PostingDetails(BaseModel):
    """What an enterprise states about a job; the API's body and the event's payload share it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str = Field(min_length=2, max_length=100, examples=["冷链仓储分拣员"])
    occupation_code: OccupationCode
    headcount: int = Field(ge=1, le=MAX_HEADCOUNT, description="people wanted")
    district_code: DistrictCode = Field(description="where the work is")
    address: str = Field(min_length=2, max_length=200)
    salary_min: int = Field(ge=0, le=1_000_000, description="yuan a month")
    salary_max: int = Field(ge=0, le=1_000_000, description="yuan a month")
    working_hours: str = Field(min_length=1, max_length=100, examples=["8:30-17:30，做六休一"])
    shifts: frozenset[Shift] = frozenset({Shift.DAY})
    required_certificates: tuple[Certificate, ...] = Field((), max_length=10)
    skills: frozenset[Phrase] = Field(
        frozenset(), max_length=20, description="skills wanted (recommendations count overlap)"
    )
    target_groups: frozenset[PriorityGroup] = Field(
        frozenset(),
        description="groups the job is meant for (e.g. 高校毕业生专场): a boost, no bar",
    )
    channels: frozenset[Channel] = Field(frozenset({Channel.ONLINE_PLATFORM}), min_length=1)
    valid_until: date
    description: str = Field("", max_length=4000)

    @field_serializer("shifts", "channels", "target_groups")
    def _sets_in_order(self, values: frozenset[StrEnum]) -> list[str]:
        # Sets serialise in a per-process order; events and request fingerprints must not.
        return sorted(value.value for value in values)

    @field_serializer("skills")
    def _skills_in_order(self, values: frozenset[str]) -> list[str]:
        return sorted(values)

    @model_validator(mode="after")
    def _salary_range_is_a_range(self) -> Self:
        if self.salary_max < self.salary_min:
            raise ValueError("salary_max must not be below salary_min")
        return self

    def texts(self) -> dict[str, str]:
        """The free-text fields by name: what screening reads."""
        return {
            "title": self.title,
            "address": self.address,
            "working_hours": self.working_hours,
            "required_certificates": "，".join(self.required_certificates),
            "skills": "，".join(sorted(self.skills)),
            "description": self.description,
        }


class _PostingChange(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    posting_id: PostingId
    credit_code: CreditCode = Field(description="the enterprise the posting belongs to")
    version: int = Field(ge=1, le=1_000_000, description="1 when it opens, then one more a change")


class PostingOpened(PostingDetails, _PostingChange):
    """Payload of `cn.fugong.matching.posting.opened.v1` (version 1)."""

    @model_validator(mode="after")
    def _opens_at_version_one(self) -> Self:
        if self.version != 1:
            raise ValueError("a posting opens at version 1")
        return self


class PostingRevised(PostingDetails, _PostingChange):
    """Payload of `cn.fugong.matching.posting.revised.v1`: every field, screened again."""


class PostingFilled(_PostingChange):
    """Payload of `cn.fugong.matching.posting.filled.v1`: how many are hired so far (a total,
    not an increment, so a change applied twice counts once)."""

    filled: int = Field(ge=0, le=MAX_HEADCOUNT)


class ClosingReason(StrEnum):
    FILLED = "filled"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


class PostingClosed(_PostingChange):
    """Payload of `cn.fugong.matching.posting.closed.v1`: it leaves every list for good."""

    reason: ClosingReason


class ReviewDecision(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"


class PostingReview(BaseModel):
    """Payload of `cn.fugong.matching.posting.reviewed.v1`: an official's decision on a held
    posting, as it stood at `version`. `reviewed_by` is set by the gateway from the API key."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    posting_id: PostingId
    version: int = Field(ge=1, le=1_000_000)
    decision: ReviewDecision
    reason: str = Field(min_length=2, max_length=500)
    reviewed_by: str = Field(min_length=1, max_length=64)
