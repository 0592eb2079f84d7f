"""Online job fairs (线上招聘会, 二(一)): events on `matching.fairs`, keyed by the fair's id.

A city or district bureau schedules a fair (title, time window, theme, the partner regions it
invites); enterprises join it with their own postings, or are invited by the organiser; job
seekers register, from Shanghai or remotely from a partner region (劳务协作地区), and mark their
interest in the fair's postings. Nothing happens on site. Every event of a fair shares its key, so
the matching processor sees them in the order the gateway published them; whether a registration
or an interest came while the fair was open is judged by the event's own time.
"""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum
from functools import cache
from typing import Annotated, Self

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from services.contracts.identifiers import CreditCode, DistrictCode, OccupationCode
from services.contracts.identifiers._reference import read_reference_csv
from services.contracts.identifiers.phones import MobilePhone
from services.contracts.postings import PostingId

FAIR_SCHEDULED = "cn.fugong.matching.fair.scheduled.v1"
FAIR_ENTERPRISE_JOINED = "cn.fugong.matching.fair.enterprise-joined.v1"
FAIR_SEEKER_REGISTERED = "cn.fugong.matching.fair.seeker-registered.v1"
FAIR_INTEREST_EXPRESSED = "cn.fugong.matching.fair.interest-expressed.v1"

LONGEST_FAIR = timedelta(days=31)
MAX_FAIR_POSTINGS = 50
"""Postings one enterprise shows at one fair."""

Uuid = Annotated[
    str,
    Field(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"),
]


@cache
def labour_regions() -> dict[str, tuple[str, bool]]:
    """Region code (GB/T 2260) -> (name, whether Shanghai has a labour cooperation with it)."""
    rows = read_reference_csv("labour_regions.csv")
    return {row["code"]: (row["name_zh"], row["partner"] == "1") for row in rows}


def validate_region_code(code: str) -> str:
    if code not in labour_regions():
        raise ValueError(
            "region must be a province (e.g. 510000) or a partner prefecture (e.g. 653100) "
            "of the reference list of labour regions"
        )
    return code


def validate_partner_region(code: str) -> str:
    if not labour_regions().get(validate_region_code(code), ("", False))[1]:
        raise ValueError("region is not one of Shanghai's labour cooperation partner regions")
    return code


RegionCode = Annotated[
    str,
    AfterValidator(validate_region_code),
    Field(description="GB/T 2260 code of a province or partner prefecture", examples=["510000"]),
]
PartnerRegionCode = Annotated[
    str,
    AfterValidator(validate_partner_region),
    Field(description="a labour cooperation partner region (劳务协作地区)", examples=["653100"]),
]


class FairTheme(StrEnum):
    GENERAL = "general"  # 综合
    KEY_ENTERPRISES = "key_enterprises"  # 重点企业专场
    GRADUATES = "graduates"  # 高校毕业生专场
    PARTNER_REGION_MIGRANTS = "partner_region_migrants"  # 劳务协作地区外来务工人员专场


class FairDetails(BaseModel):
    """What the organiser states about a fair; the API's body and the event share it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str = Field(min_length=2, max_length=100, examples=["2020年浦东新区重点企业线上招聘会"])
    starts_at: AwareDatetime = Field(description="opens (Asia/Shanghai, e.g. +08:00)")
    ends_at: AwareDatetime = Field(description="closes; registrations and interest stop then")
    theme: FairTheme
    partner_regions: tuple[PartnerRegionCode, ...] = Field(
        (), max_length=20, description="partner regions whose job seekers are invited"
    )

    @model_validator(mode="after")
    def _window_is_a_window(self) -> Self:
        if self.ends_at <= self.starts_at:
            raise ValueError("ends_at must be after starts_at")
        if self.ends_at - self.starts_at > LONGEST_FAIR:
            raise ValueError("a fair lasts 31 days at most")
        if len(set(self.partner_regions)) != len(self.partner_regions):
            raise ValueError("partner_regions lists a region twice")
        return self


class FairScheduled(FairDetails):
    """Payload of `cn.fugong.matching.fair.scheduled.v1`; the first one of a fair stands."""

    fair_id: Uuid
    organiser_district: DistrictCode | None = Field(description="None for the city bureau")
    organised_by: str = Field(min_length=1, max_length=64, description="the official's principal")


class FairEnterpriseJoined(BaseModel):
    """Payload of `cn.fugong.matching.fair.enterprise-joined.v1`: an enterprise takes part
    (signing up with its postings, or invited by the organiser with none yet). A later one adds
    postings; a posting is shown only while it is the enterprise's own and published."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    fair_id: Uuid
    credit_code: CreditCode
    posting_ids: tuple[PostingId, ...] = Field((), max_length=MAX_FAIR_POSTINGS)
    joined_by: str = Field(
        min_length=1, max_length=64, description="who: the enterprise or the organiser"
    )


class FairSeekerRegistered(BaseModel):
    """Payload of `cn.fugong.matching.fair.seeker-registered.v1` (personal data: matching keeps
    it in its own schema; the topic keeps it only as long as `FAIRS`'s retention)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    fair_id: Uuid
    registration_id: Uuid
    name: str = Field(min_length=1, max_length=50)
    mobile: MobilePhone
    origin_region: RegionCode
    desired_occupation: OccupationCode
    consent: bool = Field(description="the fair's enterprises may contact them")
    seeker_id: Uuid | None = Field(None, description="a registered job seeker's id, if known")


class FairInterestExpressed(BaseModel):
    """Payload of `cn.fugong.matching.fair.interest-expressed.v1`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    fair_id: Uuid
    registration_id: Uuid
    posting_id: PostingId
