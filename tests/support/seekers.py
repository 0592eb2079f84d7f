"""Job seekers for tests: profiles as the API takes them, their events, and a hand-built city of
postings and seekers where the right posting for each seeker is known (issue 8's must-show)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from services.contracts.envelope import CloudEvent, new_event
from services.contracts.job_seekers import (
    JOB_SEEKER_REGISTERED,
    JOB_SEEKER_UPDATED,
    JOB_SEEKER_WITHDRAWN,
    JobSeekerRegistered,
    JobSeekerWithdrawn,
)
from services.contracts.postings import (
    POSTING_CLOSED,
    POSTING_OPENED,
    PostingClosed,
    PostingOpened,
)
from tests.support.data import credit_code, registration
from tests.support.matching import registration_event
from tests.support.postings import T0, posting_body

XUHUI, CHANGNING, MINHANG, PUDONG, JIADING, CHONGMING, YANGPU = (
    "310104", "310105", "310112", "310115", "310114", "310151", "310110",
)  # fmt: skip


def seeker_id(name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"tests/seekers/{name}"))


def seeker_body(**overrides: Any) -> dict[str, Any]:
    """A seeker as an employment assistant registers them (the API's body)."""
    body: dict[str, Any] = {
        "desired_occupations": ["4-02-06-03"],
        "district_code": MINHANG,
        "max_commute_km": 15,
        "skills": ["叉车", "仓储管理"],
        "certificates": ["叉车证", "健康证"],
        "salary_floor": 5000,
        "available_from": "2020-02-24",
        "working_time": "full_time",
        "priority_group": "外来务工人员",
        "origin_region": "河南省周口市",
        "consent_to_contact": True,
        "preferred_channel": "sms",
        "mobile": "13912345678",
    }
    return {**body, **overrides}


def seeker_event(
    sid: str, at: datetime, *, updated: bool = False, **overrides: Any
) -> CloudEvent[Any]:
    data = JobSeekerRegistered(**seeker_body(**overrides), seeker_id=sid, registered_by="assistant")
    kind = JOB_SEEKER_UPDATED if updated else JOB_SEEKER_REGISTERED
    return new_event(event_type=kind, source="/tests", subject=sid, data=data, time=at)


def withdrawal_event(sid: str, at: datetime) -> CloudEvent[Any]:
    data = JobSeekerWithdrawn(seeker_id=sid, reason="已就业")
    return new_event(
        event_type=JOB_SEEKER_WITHDRAWN, source="/tests", subject=sid, data=data, time=at
    )


# The hand-built city: enterprises, postings (name -> fields) and seekers.
KEY_WAREHOUSE = credit_code(41, MINHANG)
EMPLOYER = credit_code(42, PUDONG)
REGISTRATIONS = [
    registration_event(registration(KEY_WAREHOUSE, district=MINHANG, key_enterprise=True)),
    registration_event(registration(EMPLOYER, division="62")),
]
PAST = date(2020, 2, 16)


@dataclass(frozen=True)
class CityPosting:
    name: str
    fields: Mapping[str, Any]
    credit_code: str = EMPLOYER
    closed: bool = False

    @property
    def posting_id(self) -> str:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"tests/city-postings/{self.name}"))


def _p(name: str, code: str, district: str, low: int, high: int, **more: Any) -> CityPosting:
    closed = more.pop("closed", False)
    owner = more.pop("credit_code", EMPLOYER)
    fields = {"title": name, "occupation_code": code, "district_code": district,
              "salary_min": low, "salary_max": high, "required_certificates": [],
              **more}  # fmt: skip
    return CityPosting(name, fields, owner, closed)


CITY_POSTINGS = [
    _p("dev-xuhui", "2-02-10-03", XUHUI, 9000, 14000, skills=["Python", "SQL"],
       target_groups=["高校毕业生"]),
    _p("analyst-changning", "2-02-10-01", CHANGNING, 8500, 12000, skills=["SQL", "Excel"]),
    _p("dev-jiading-too-far", "2-02-10-03", JIADING, 15000, 20000),
    _p("dev-below-floor", "2-02-10-03", XUHUI, 5000, 7000),
    _p("dev-closed", "2-02-10-03", XUHUI, 9000, 14000, closed=True),
    _p("dev-expired", "2-02-10-03", XUHUI, 9000, 14000, valid_until=PAST.isoformat()),
    _p("warehouse-minhang", "4-02-06-03", MINHANG, 5500, 7000, credit_code=KEY_WAREHOUSE,
       required_certificates=["叉车证", "健康证"], skills=["叉车", "仓储管理"]),
    _p("warehouse-needs-hazmat", "4-02-06-03", MINHANG, 7000, 9000,
       required_certificates=["危险货物运输从业资格证"]),
    _p("warehouse-xuhui", "4-02-06-01", XUHUI, 5000, 6000, skills=["仓储管理"]),
    _p("cook-pudong", "4-03-02-01", PUDONG, 5000, 6500, required_certificates=["健康证"],
       skills=["中餐烹饪"], target_groups=["就业困难人员"]),
    _p("cook-yangpu", "4-03-02-01", YANGPU, 4500, 5500),
    _p("cook-chongming-too-far", "4-03-02-01", CHONGMING, 6000, 8000),
    _p("cook-needs-chef-certificate", "4-03-02-01", PUDONG, 7000, 9000,
       required_certificates=["中式烹调师职业资格证"]),
]  # fmt: skip
INELIGIBLE = {p.name for p in CITY_POSTINGS if "too-far" in p.name or "needs" in p.name} | {
    "dev-below-floor",
    "dev-closed",
    "dev-expired",
}
NAMES = {p.posting_id: p.name for p in CITY_POSTINGS}

CITY_SEEKERS: dict[str, dict[str, Any]] = {
    "graduate": seeker_body(
        desired_occupations=["2-02-10-03"], district_code=XUHUI, salary_floor=8000,
        max_commute_km=12, skills=["Python", "SQL"], certificates=[],
        priority_group="高校毕业生", origin_region="湖北省武汉市",
    ),
    "forklift": seeker_body(),
    "cook": seeker_body(
        desired_occupations=["4-03-02-01"], district_code=PUDONG, salary_floor=4500,
        max_commute_km=10, skills=["中餐烹饪"], certificates=["健康证"],
        priority_group="就业困难人员", origin_region=None, consent_to_contact=False,
        mobile="13812345679",
    ),
}  # fmt: skip
FIRST = {"graduate": "dev-xuhui", "forklift": "warehouse-minhang", "cook": "cook-pudong"}


def city_posting_events(start: datetime) -> list[CloudEvent[Any]]:
    events: list[CloudEvent[Any]] = []
    for n, posting in enumerate(CITY_POSTINGS):
        at = start + timedelta(minutes=n)
        data = PostingOpened(
            **posting_body(**posting.fields), posting_id=posting.posting_id,
            credit_code=posting.credit_code, version=1,
        )  # fmt: skip
        events.append(
            new_event(event_type=POSTING_OPENED, source="/tests", subject=posting.posting_id,
                      data=data, time=at)
        )  # fmt: skip
        if posting.closed:
            closed = PostingClosed(posting_id=posting.posting_id, credit_code=posting.credit_code,
                                   version=2, reason="withdrawn")  # fmt: skip
            events.append(
                new_event(event_type=POSTING_CLOSED, source="/tests", subject=posting.posting_id,
                          data=closed, time=at + timedelta(seconds=30))
            )  # fmt: skip
    return events


def city_seeker_events(start: datetime) -> list[CloudEvent[Any]]:
    return [
        seeker_event(seeker_id(name), start + timedelta(minutes=n), **body)
        for n, (name, body) in enumerate(CITY_SEEKERS.items())
    ]


__all__ = ["T0"]
