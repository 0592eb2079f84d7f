"""Job postings for tests: realistic details, their changes as the processor records them, and a
screening double whose verdicts a test chooses by words in the description."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx

from services.contracts.postings import PostingDetails
from services.matching.domain.postings import ChangeKind, PostingChange

T0 = datetime(2020, 2, 17, 9, 0, tzinfo=UTC)


def posting_body(**overrides: Any) -> dict[str, Any]:
    """A lawful posting as an enterprise system sends it (the API's body)."""
    body: dict[str, Any] = {
        "title": "冷链仓储分拣员",
        "occupation_code": "4-02-06-03",
        "headcount": 10,
        "district_code": "310115",
        "address": "上海市浦东新区川沙路5558号",
        "salary_min": 5500,
        "salary_max": 7000,
        "working_hours": "8:30-17:30，做六休一",
        "shifts": ["day", "rotating"],
        "required_certificates": ["健康证"],
        "channels": ["online_platform", "wechat"],
        "valid_until": (date.today() + timedelta(days=30)).isoformat(),
        "description": "负责冷库货物分拣、装卸，提供食宿，不限户籍。",
    }
    return {**body, **overrides}


def details(**overrides: Any) -> PostingDetails:
    return PostingDetails.model_validate(posting_body(**overrides))


def posting_id(n: int) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"tests/postings/{n}"))


def change(
    kind: ChangeKind,
    version: int,
    *,
    posting: str,
    credit_code: str,
    at: datetime | None = None,
    event_id: str | None = None,
    **fields: Any,
) -> PostingChange:
    return PostingChange(
        event_id=event_id or f"{posting}/v{version}",
        posting_id=posting,
        credit_code=credit_code,
        version=version,
        kind=kind,
        at=at or T0 + timedelta(minutes=version),
        **fields,
    )


@dataclass(frozen=True)
class FakeFinding:
    rule: str
    field: str
    matched: str
    reason: str


@dataclass(frozen=True)
class FakeScreening:
    verdict: str
    findings: tuple[FakeFinding, ...] = field(default=())


REJECTED_TEXT = "湖北籍勿扰"
HELD_TEXT = "近期去过武汉的暂缓"


def fake_screen(fields: Mapping[str, str]) -> FakeScreening:
    """Rejects a description containing REJECTED_TEXT, holds one with HELD_TEXT."""
    text = fields.get("description", "")
    if REJECTED_TEXT in text:
        found = FakeFinding("region.origin", "description", REJECTED_TEXT, "拒绝湖北籍劳动者")
        return FakeScreening("reject", (found,))
    if HELD_TEXT in text:
        found = FakeFinding("region.origin", "description", HELD_TEXT, "疑似按来源地区别对待")
        return FakeScreening("hold", (found,))
    return FakeScreening("pass")


async def open_posting(
    client: httpx.AsyncClient, headers: dict[str, str], credit_code: str, body: dict[str, Any]
) -> str:
    """Open a posting through the gateway; its id."""
    response = await client.post(
        "/v1/postings", json={**body, "credit_code": credit_code}, headers=headers
    )
    assert response.status_code == 202, response.text
    posting_id: str = response.json()["posting_id"]
    return posting_id


async def posting_statuses(client: httpx.AsyncClient, headers: dict[str, str]) -> dict[str, str]:
    """The caller's postings' statuses by id, as the gateway reads them."""
    body = await json_of(client.get("/v1/postings", headers=headers))
    return {p["posting_id"]: p["status"] for p in body["postings"]}


async def json_of(request: Awaitable[httpx.Response]) -> Any:
    """The body of a request that must answer 200."""
    response = await request
    assert response.status_code == 200, response.text
    return response.json()
