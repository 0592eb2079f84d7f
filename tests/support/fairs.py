"""Job fairs for tests: a fair of 浦东新区 open on 2020-02-20 09:00–17:00 (Asia/Shanghai), and its
events as the gateway publishes them, each at a chosen time."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from pydantic import BaseModel

from services.contracts.envelope import CloudEvent, new_event
from services.contracts.fairs import (
    FAIR_ENTERPRISE_JOINED,
    FAIR_INTEREST_EXPRESSED,
    FAIR_SCHEDULED,
    FAIR_SEEKER_REGISTERED,
    FairEnterpriseJoined,
    FairInterestExpressed,
    FairScheduled,
    FairSeekerRegistered,
)
from services.contracts.identifiers import SHANGHAI

D = TypeVar("D", bound=BaseModel)

OPENS = datetime(2020, 2, 20, 9, 0, tzinfo=SHANGHAI)
CLOSES = datetime(2020, 2, 20, 17, 0, tzinfo=SHANGHAI)
DURING = OPENS + timedelta(hours=2)
SOURCE = "/fugong/gateway"


def fair_id(n: int) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"tests/fairs/{n}"))


def registration_id(n: int) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"tests/fair-registrations/{n}"))


def fair_body(**overrides: Any) -> dict[str, Any]:
    """A fair as an official's system sends it (the API's body)."""
    body: dict[str, Any] = {
        "title": "2020年浦东新区重点企业线上招聘会",
        "starts_at": OPENS.isoformat(),
        "ends_at": CLOSES.isoformat(),
        "theme": "partner_region_migrants",
        "partner_regions": ["653100", "530000", "510000"],
    }
    return {**body, **overrides}


def upcoming_fair_body(**overrides: Any) -> dict[str, Any]:
    """A fair opening tomorrow for a week (to schedule now: one that has ended is refused)."""
    opens = datetime.now(UTC) + timedelta(days=1)
    window = {"starts_at": opens.isoformat(), "ends_at": (opens + timedelta(days=7)).isoformat()}
    return fair_body(**{**window, **overrides})


def registrant_body(**overrides: Any) -> dict[str, Any]:
    """A seeker from 四川 registering remotely (the API's body)."""
    body: dict[str, Any] = {
        "name": "张伟",
        "mobile": "139 1234 5678",
        "origin_region": "510000",
        "desired_occupation": "4-02-06-03",
        "consent": True,
    }
    return {**body, **overrides}


def scheduled(
    fair: str, *, at: datetime = OPENS - timedelta(days=3), **overrides: Any
) -> CloudEvent[FairScheduled]:
    data = FairScheduled.model_validate(
        {
            **fair_body(**overrides),
            "fair_id": fair,
            "organiser_district": "310115",
            "organised_by": "official:310115",
        }
    )
    return _event(FAIR_SCHEDULED, fair, data, at)


def joined(
    fair: str, credit_code: str, *postings: str, at: datetime = OPENS - timedelta(days=1)
) -> CloudEvent[FairEnterpriseJoined]:
    data = FairEnterpriseJoined(
        fair_id=fair,
        credit_code=credit_code,
        posting_ids=postings,
        joined_by=f"enterprise:{credit_code}",
    )
    return _event(FAIR_ENTERPRISE_JOINED, fair, data, at)


def registered(
    fair: str, registration: str, *, at: datetime = DURING, **overrides: Any
) -> CloudEvent[FairSeekerRegistered]:
    data = FairSeekerRegistered.model_validate(
        {**registrant_body(**overrides), "fair_id": fair, "registration_id": registration}
    )
    return _event(FAIR_SEEKER_REGISTERED, fair, data, at)


def interested(
    fair: str, registration: str, posting: str, *, at: datetime = DURING
) -> CloudEvent[FairInterestExpressed]:
    data = FairInterestExpressed(fair_id=fair, registration_id=registration, posting_id=posting)
    return _event(FAIR_INTEREST_EXPRESSED, fair, data, at)


def _event(event_type: str, fair: str, data: D, at: datetime) -> CloudEvent[D]:
    return new_event(event_type=event_type, source=SOURCE, subject=fair, data=data, time=at)
