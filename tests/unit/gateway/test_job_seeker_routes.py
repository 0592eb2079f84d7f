"""The job seeker routes on fakes: self-registration and its key, what is published, who may move
a seeker, the rate limit per address, and no personal data in answers or refusals."""

from __future__ import annotations

from datetime import UTC, datetime

from services.contracts.job_seekers import JOB_SEEKER_REGISTERED, JOB_SEEKER_UPDATED
from services.contracts.topics import JOB_SEEKERS
from services.gateway.domain.access import PrincipalKind
from services.gateway.settings import GatewaySettings
from tests.support.seekers import seeker_body
from tests.unit.gateway.conftest import Gateway, gateway_on_fakes

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


async def test_a_self_registered_seeker_gets_a_key_to_their_own_profile_only(
    gateway: Gateway,
) -> None:
    registered = await gateway.http.post("/v1/job-seekers/self-registration", json=seeker_body())

    assert registered.status_code == 201, registered.text
    answer = registered.json()
    (event,) = gateway.published(JOB_SEEKERS)
    assert event["type"] == JOB_SEEKER_REGISTERED
    assert event["subject"] == answer["seeker_id"]
    assert event["data"]["registered_by"] == "self"
    assert event["data"]["mobile"] == "+8613912345678"  # E.164, on the topic only
    assert "13912345678" not in registered.text
    key = {"X-API-Key": answer["api_key"]}
    gateway.views.seeker_rows.append(_row(answer["seeker_id"]))
    mine = await gateway.http.get(f"/v1/job-seekers/{answer['seeker_id']}", headers=key)
    assert mine.status_code == 200
    assert mine.json()["mobile_masked"] == "+86139****5678"
    other = "3b8f2c1d-6e4a-5b7c-8d9e-0f1a2b3c4d5e"
    gateway.views.seeker_rows.append(_row(other))
    assert (await gateway.http.get(f"/v1/job-seekers/{other}", headers=key)).status_code == 404
    refused = await gateway.http.get("/v1/postings", headers=key)
    assert refused.status_code == 403


async def test_a_seeker_updates_themselves_before_matching_has_recorded_them(
    gateway: Gateway,
) -> None:
    answer = (
        await gateway.http.post("/v1/job-seekers/self-registration", json=seeker_body())
    ).json()
    key = {"X-API-Key": answer["api_key"]}

    moved = await gateway.http.put(
        f"/v1/job-seekers/{answer['seeker_id']}",
        json=seeker_body(district_code=PUDONG, salary_floor=6000),
        headers=key,
    )

    assert moved.status_code == 202, moved.text
    updated = gateway.published(JOB_SEEKERS)[-1]
    assert updated["type"] == JOB_SEEKER_UPDATED
    assert (updated["data"]["district_code"], updated["data"]["salary_floor"]) == (PUDONG, 6000)


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


async def test_self_registration_is_limited_per_address_and_needs_no_key() -> None:
    settings = GatewaySettings(_env_file=None, self_registration_burst=2)
    async with gateway_on_fakes(settings) as gateway:
        answers = [
            await gateway.http.post("/v1/job-seekers/self-registration", json=seeker_body())
            for _ in range(3)
        ]
        assert [a.status_code for a in answers] == [201, 201, 429]
        assert "Retry-After" in answers[2].headers
        assert len(gateway.published(JOB_SEEKERS)) == 2
        # Every other write still needs a key.
        keyless = await gateway.http.post("/v1/job-seekers", json=seeker_body())
        assert keyless.status_code == 401
