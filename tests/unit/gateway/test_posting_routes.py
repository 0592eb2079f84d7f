"""The posting routes on fakes: what they publish, idempotent openings, versions, problems."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from services.contracts.postings import POSTING_FILLED, POSTING_OPENED, POSTING_REVIEWED
from services.contracts.topics import POSTINGS, SERVICE_OFFICERS
from services.gateway.domain.access import PrincipalKind
from tests.support.data import credit_code
from tests.support.postings import posting_body
from tests.unit.gateway.conftest import Gateway

FOOD = credit_code(1, "310115")


def _posting_row(posting_id: str, status: str = "published", version: int = 1) -> dict[str, object]:
    return {
        "posting_id": posting_id,
        "credit_code": FOOD,
        "version": version,
        "status": status,
        "open_vacancies": 10,
        "filled": 0,
        "district_code": "310115",
        "details": posting_body(),
        "findings": [],
        "decisions": [],
        "changed_at": datetime(2020, 2, 17, 1, 0, tzinfo=UTC),
    }


async def test_a_retried_opening_names_the_same_posting_and_event(gateway: Gateway) -> None:
    key = {**gateway.key(PrincipalKind.ENTERPRISE, credit_code=FOOD)}
    retry = {"Idempotency-Key": str(uuid.uuid4())}
    body = {**posting_body(), "credit_code": FOOD}

    first = await gateway.http.post("/v1/postings", json=body, headers={**key, **retry})
    again = await gateway.http.post("/v1/postings", json=body, headers={**key, **retry})

    assert first.status_code == again.status_code == 202
    assert first.json() == again.json()
    (published, _) = gateway.published(POSTINGS)
    assert published["type"] == POSTING_OPENED
    assert published["subject"] == first.json()["posting_id"]
    assert published["data"]["version"] == 1
    assert published["data"]["required_certificates"] == ["健康证"]


async def test_an_unknown_occupation_code_is_refused_naming_the_field(gateway: Gateway) -> None:
    key = gateway.key(PrincipalKind.ENTERPRISE, credit_code=FOOD)
    body = {**posting_body(occupation_code="9-01-01-01"), "credit_code": FOOD}

    response = await gateway.http.post("/v1/postings", json=body, headers=key)

    assert response.status_code == 422
    assert "occupation_code" in response.text
    assert "1 to 8" in response.text
    assert not gateway.publisher.anything_published


async def test_a_salary_range_upside_down_is_refused(gateway: Gateway) -> None:
    key = gateway.key(PrincipalKind.ENTERPRISE, credit_code=FOOD)
    body = {**posting_body(salary_min=8000, salary_max=6000), "credit_code": FOOD}

    response = await gateway.http.post("/v1/postings", json=body, headers=key)

    assert response.status_code == 422
    assert "salary_max" in response.text


async def test_a_fill_carries_the_owner_and_the_next_version(gateway: Gateway) -> None:
    posting_id = str(uuid.uuid4())
    gateway.views.posting_rows.append(_posting_row(posting_id))
    key = gateway.key(PrincipalKind.ENTERPRISE, credit_code=FOOD)

    response = await gateway.http.post(
        f"/v1/postings/{posting_id}/fill", json={"version": 2, "filled": 4}, headers=key
    )

    assert response.status_code == 202, response.text
    (published,) = gateway.published(POSTINGS)
    assert published["type"] == POSTING_FILLED
    assert published["data"] == {
        "posting_id": posting_id, "credit_code": FOOD, "version": 2, "filled": 4
    }  # fmt: skip


async def test_a_review_of_a_posting_no_longer_held_is_a_conflict(gateway: Gateway) -> None:
    posting_id = str(uuid.uuid4())
    gateway.views.posting_rows.append(_posting_row(posting_id, status="held", version=2))
    official = gateway.key(PrincipalKind.OFFICIAL, district_code="310115")
    review = {"decision": "approve", "reason": "合法的防疫要求"}

    stale = await gateway.http.post(
        f"/v1/posting-reviews/{posting_id}", json={**review, "version": 1}, headers=official
    )
    current = await gateway.http.post(
        f"/v1/posting-reviews/{posting_id}", json={**review, "version": 2}, headers=official
    )

    assert stale.status_code == 409
    assert current.status_code == 202
    (published,) = gateway.published(POSTINGS)
    assert published["type"] == POSTING_REVIEWED
    assert published["data"]["reviewed_by"] == "official:310115"


async def test_an_officer_is_assigned_in_the_enterprises_district(gateway: Gateway) -> None:
    gateway.views.registry[FOOD] = "310115"
    city = gateway.key(PrincipalKind.OFFICIAL)

    response = await gateway.http.put(
        f"/v1/enterprises/{FOOD}/service-officer", json={"staff_id": "S0007"}, headers=city
    )
    unknown = await gateway.http.put(
        f"/v1/enterprises/{credit_code(9, '310104')}/service-officer",
        json={"staff_id": "S0007"},
        headers=city,
    )

    assert response.status_code == 202
    assert unknown.status_code == 404
    (published,) = gateway.published(SERVICE_OFFICERS)
    assert published["data"] == {
        "credit_code": FOOD, "district_code": "310115", "staff_id": "S0007",
        "assigned_by": "official:city",
    }  # fmt: skip
