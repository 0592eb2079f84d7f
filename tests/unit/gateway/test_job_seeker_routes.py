"""The job seeker routes on fakes: what is published, who may move a seeker, and no personal
data in answers or refusals (self-registration: test_self_registration_routes.py)."""

from __future__ import annotations

from datetime import UTC, datetime

from services.gateway.domain.access import PrincipalKind
from tests.support.seekers import seeker_body
from tests.unit.gateway.conftest import Gateway

MINHANG, PUDONG = "310112", "310115"


def _row(seeker_id: str, district: str = MINHANG) -> dict[str, object]:
    return {
        "seeker_id": seeker_id,
        "active": True,
        "district_code": district,
        "occupation_group": "4",
        "profile": {k: v for k, v in seeker_body(district_code=district).items() if k != "mobile"},
        "mobile_masked": "+86139****5678",
        "registered_by": "self",
        "changed_at": datetime(2020, 2, 17, 1, tzinfo=UTC),
    }


async def test_an_assistant_keeps_seekers_in_their_own_district(gateway: Gateway) -> None:
    key = gateway.key(PrincipalKind.ASSISTANT, district_code=MINHANG, staff_id="A0031")
    seeker = "3b8f2c1d-6e4a-5b7c-8d9e-0f1a2b3c4d5e"
    gateway.views.seeker_rows.append(_row(seeker))

    elsewhere = await gateway.http.post(
        "/v1/job-seekers", json=seeker_body(district_code=PUDONG), headers=key
    )
    moving = await gateway.http.put(
        f"/v1/job-seekers/{seeker}", json=seeker_body(district_code=PUDONG), headers=key
    )

    assert elsewhere.status_code == moving.status_code == 403
    assert "310112" in moving.json()["detail"]
    assert not gateway.publisher.anything_published


async def test_a_bad_mobile_is_refused_naming_the_field_without_echoing_it(
    gateway: Gateway,
) -> None:
    response = await gateway.http.post(
        "/v1/job-seekers/self-registration", json=seeker_body(mobile="02161234567")
    )

    assert response.status_code == 422
    assert "mobile" in response.text
    assert "61234567" not in response.text
    assert not gateway.publisher.anything_published
