"""The job fair routes' requests and answers (线上招聘会)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from services.contracts.fairs import (
    MAX_FAIR_POSTINGS,
    FairDetails,
    FairSeekerRegistered,
    RegionCode,
    Uuid,
)
from services.contracts.identifiers import OccupationCode
from services.contracts.identifiers.phones import MobilePhone
from services.contracts.postings import PostingId
from services.gateway.api_examples import CREDIT_CODE, EVENT_ID, examples

FAIR_ID = "5e2b7c41-9d3a-4f6e-8b1c-2a7d9e0f4b36"
REGISTRATION_ID = "c3a9e1f2-7b4d-4e8a-9f10-2d3c4b5a6e7f"
POSTING_ID = "7d0c8b52-3f1e-5a6b-9c7d-2e4f6a8b0c1d"
FAIR_EXAMPLE: dict[str, Any] = {
    "title": "2020年浦东新区重点企业线上招聘会",
    "starts_at": "2020-02-20T09:00:00+08:00",
    "ends_at": "2020-02-27T17:00:00+08:00",
    "theme": "partner_region_migrants",
    "partner_regions": ["653100", "530000", "510000"],
}
FAIR_OUT_EXAMPLE: dict[str, Any] = {
    "fair_id": FAIR_ID,
    **FAIR_EXAMPLE,
    "organiser_district": "310115",
    "open": True,
    "enterprises": 12,
    "postings": 30,
    "registrations": 480,
}
REGISTRANT_EXAMPLE: dict[str, Any] = {
    "name": "张伟",
    "mobile": "13912345678",
    "origin_region": "510000",
    "desired_occupation": "4-02-06-03",
    "consent": True,
}


class FairIn(FairDetails):
    """A fair your bureau organises: online only, within a window (Asia/Shanghai)."""

    model_config = examples(FAIR_EXAMPLE)


class FairAccepted(BaseModel):
    """The broker has acknowledged the change; matching records it shortly."""

    model_config = examples({"event_id": EVENT_ID, "fair_id": FAIR_ID, "status": "accepted"})

    event_id: str
    fair_id: str
    status: str = "accepted"


class FairOut(BaseModel):
    """A fair, with how many enterprises, postings shown and registrations it has."""

    model_config = examples(FAIR_OUT_EXAMPLE)

    fair_id: str
    title: str
    starts_at: datetime
    ends_at: datetime
    theme: str
    partner_regions: list[str]
    organiser_district: str | None = Field(description="None: the city bureau")
    open: bool = Field(description="whether registration and interest are taken now")
    enterprises: int
    postings: int
    registrations: int


class FairsOut(BaseModel):
    """Every fair, soonest first."""

    model_config = examples({"fairs": []})

    fairs: list[FairOut]


class FairPostingOut(BaseModel):
    """A posting the fair shows: its enterprise's own, published, with places left."""

    model_config = examples(
        {
            "posting_id": POSTING_ID,
            "credit_code": CREDIT_CODE,
            "title": "冷链仓储分拣员",
            "occupation_code": "4-02-06-03",
            "district_code": "310115",
            "open_vacancies": 10,
        }
    )

    posting_id: str
    credit_code: str
    title: str
    occupation_code: str
    district_code: str
    open_vacancies: int


class FairPostingsOut(FairOut):
    """A fair and the postings it shows now."""

    model_config = examples({**FAIR_OUT_EXAMPLE, "postings_shown": []})

    postings_shown: list[FairPostingOut]


class JoiningIn(BaseModel):
    """Your enterprise's postings at the fair (published ones only; an invitation names none)."""

    model_config = examples({"posting_ids": [POSTING_ID]})

    posting_ids: list[PostingId] = Field([], max_length=MAX_FAIR_POSTINGS)


class RegistrantIn(BaseModel):
    """Registration for a fair, from Shanghai or remotely from another region."""

    model_config = examples(REGISTRANT_EXAMPLE)

    name: str = Field(min_length=1, max_length=50)
    mobile: MobilePhone = Field(description="a mainland mobile number (+86)")
    origin_region: RegionCode
    desired_occupation: OccupationCode
    consent: bool = Field(
        description="the enterprises whose postings you mark may see your name and mobile"
    )
    seeker_id: Uuid | None = Field(None, description="your job seeker id, if you have one")


class RegistrationAccepted(BaseModel):
    """Your registration is accepted: keep the key, it is shown once and opens your own
    registration and marking interest in this fair's postings (header X-Registrant-Key)."""

    model_config = examples(
        {
            "event_id": EVENT_ID,
            "fair_id": FAIR_ID,
            "registration_id": REGISTRATION_ID,
            "registrant_key": "fgr_c3a9e1f27b4d4e8a9f102d3c4b5a6e7f_"
            "q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c",
            "status": "accepted",
        }
    )

    event_id: str
    fair_id: str
    registration_id: str
    registrant_key: str
    status: str = "accepted"


class InterestIn(BaseModel):
    """A posting of the fair you are interested in."""

    model_config = examples({"posting_id": POSTING_ID})

    posting_id: PostingId


class RegistrationOut(BaseModel):
    """Your registration as matching recorded it, and the postings you marked."""

    model_config = examples(
        {
            "registration_id": REGISTRATION_ID,
            **REGISTRANT_EXAMPLE,
            "mobile": "+8613912345678",
            "registered_at": "2020-02-20T10:00:00+08:00",
            "interests": [POSTING_ID],
        }
    )

    registration_id: str
    name: str
    mobile: str
    origin_region: str
    desired_occupation: str
    consent: bool
    registered_at: datetime
    interests: list[str]


class InterestOut(BaseModel):
    """Someone interested in a posting: in full to its enterprise when they consented, masked
    otherwise."""

    model_config = examples(
        {
            "posting_id": POSTING_ID,
            "credit_code": CREDIT_CODE,
            "registration_id": REGISTRATION_ID,
            "name": "张伟",
            "mobile": "+8613912345678",
            "origin_region": "510000",
            "desired_occupation": "4-02-06-03",
            "expressed_at": "2020-02-20T10:05:00+08:00",
        }
    )

    posting_id: str
    credit_code: str
    registration_id: str
    name: str
    mobile: str
    origin_region: str
    desired_occupation: str
    expressed_at: datetime


class InterestsOut(BaseModel):
    """Interest in the fair's postings: yours (an enterprise), or every one masked (organisers)."""

    model_config = examples({"interests": []})

    interests: list[InterestOut]


class CountOut(BaseModel):
    """Registrations and interests in one posting, enterprise or origin region."""

    model_config = examples({"value": "510000", "registrations": 120, "interests": 310})

    value: str
    registrations: int
    interests: int


class FairCountsOut(BaseModel):
    """A fair's figures, no one named."""

    model_config = examples(
        {
            "fair_id": FAIR_ID,
            "by_posting": [{"value": POSTING_ID, "registrations": 0, "interests": 31}],
            "by_enterprise": [{"value": CREDIT_CODE, "registrations": 0, "interests": 57}],
            "by_origin_region": [{"value": "510000", "registrations": 120, "interests": 310}],
        }
    )

    fair_id: str
    by_posting: list[CountOut]
    by_enterprise: list[CountOut]
    by_origin_region: list[CountOut]


def registration_data(fair_id: str, registration_id: str, body: RegistrantIn) -> BaseModel:
    return FairSeekerRegistered(
        fair_id=fair_id, registration_id=registration_id, **body.model_dump()
    )
