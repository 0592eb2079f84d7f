"""Job seekers (求职者, 三(二) and 四(一)): events on `matching.job-seekers`, keyed by seeker id.

A seeker is registered by an employment assistant of their district or by themselves, and
updated or withdrawn later; each event carries the whole profile as it stands, so the latest
one (by event time) is the seeker. The mobile number is personal data: it travels only on this
topic (short retention) and is kept only in matching's schema.

`origin_region` is kept for return-to-work planning (where someone comes back from) and is
never an input to any filter or score.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_serializer

from services.contracts.identifiers import DistrictCode, OccupationCode
from services.contracts.identifiers.phones import MobilePhone

JOB_SEEKER_REGISTERED = "cn.fugong.matching.job-seeker.registered.v1"
JOB_SEEKER_UPDATED = "cn.fugong.matching.job-seeker.updated.v1"
JOB_SEEKER_WITHDRAWN = "cn.fugong.matching.job-seeker.withdrawn.v1"

SeekerId = Annotated[
    str,
    Field(
        pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
        description="the seeker's id, given by the gateway at registration",
    ),
]
Phrase = Annotated[str, Field(min_length=1, max_length=50)]


class PriorityGroup(StrEnum):
    """Groups the employment service helps first (priority in ranking, never a filter)."""

    GRADUATE = "高校毕业生"
    HARD_TO_EMPLOY = "就业困难人员"
    MIGRANT_WORKER = "外来务工人员"


class WorkingTime(StrEnum):
    FULL_TIME = "full_time"
    PART_TIME = "part_time"
    EITHER = "either"


class ContactChannel(StrEnum):
    SMS = "sms"
    WECHAT = "wechat"
    VOICE = "voice"


class RegisteredBy(StrEnum):
    ASSISTANT = "assistant"  # 就业援助员 of the seeker's district
    SELF = "self"  # the seeker, through the public self-registration


class SeekerProfile(BaseModel):
    """What a seeker states; the API's body and the events' payload share it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    desired_occupations: tuple[OccupationCode, ...] = Field(
        min_length=1, max_length=5, description="职业分类大典 codes, the one wanted most first"
    )
    district_code: DistrictCode = Field(description="where the seeker lives")
    max_commute_km: float = Field(15, ge=5, le=80, description="the longest commute accepted")
    skills: frozenset[Phrase] = Field(frozenset(), max_length=20, examples=[["叉车", "仓储管理"]])
    certificates: frozenset[Phrase] = Field(frozenset(), max_length=20, examples=[["健康证"]])
    salary_floor: int = Field(ge=0, le=1_000_000, description="yuan a month, the least accepted")
    available_from: date
    working_time: WorkingTime = WorkingTime.FULL_TIME
    priority_group: PriorityGroup | None = None
    origin_region: str | None = Field(
        None,
        min_length=2,
        max_length=50,
        description="where the seeker comes from, for return planning only: never used to "
        "filter or rank",
        examples=["湖北省孝感市"],
    )
    consent_to_contact: bool = Field(description="may the employment service contact them")
    preferred_channel: ContactChannel = ContactChannel.SMS
    mobile: MobilePhone = Field(description="mainland mobile, stored as E.164 (+86…)")

    @field_serializer("skills", "certificates")
    def _sets_in_order(self, values: frozenset[str]) -> list[str]:
        # Sets serialise in a per-process order; events and request fingerprints must not.
        return sorted(values)


class JobSeekerRegistered(SeekerProfile):
    """Payload of `…job-seeker.registered.v1` and `…job-seeker.updated.v1` (the whole profile)."""

    seeker_id: SeekerId
    registered_by: RegisteredBy


class JobSeekerWithdrawn(BaseModel):
    """Payload of `…job-seeker.withdrawn.v1`: found work or no longer looking; matching forgets
    the profile's personal data and every recommendation."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    seeker_id: SeekerId
    reason: str = Field(min_length=2, max_length=200, examples=["已就业"])
