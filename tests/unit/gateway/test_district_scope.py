"""Scope decisions on write come from the gateway's own register, not monitoring's lagging view.

In these tests `views.registry` (monitoring's view) is never updated by what the gateway
publishes, as in the seconds before monitoring has consumed it: the races of issue 10.
"""

from __future__ import annotations

import asyncio
import uuid

from services.contracts.topics import ENTERPRISE_REGISTRATIONS
from services.gateway.domain.access import PrincipalKind
from tests.support.data import credit_code, registration, weekly_report
from tests.unit.gateway.conftest import Gateway

NEW_ENTERPRISE = credit_code(7001, "310115")
PUDONG, XUHUI = "310115", "310104"


async def test_two_districts_racing_to_register_a_new_enterprise_one_wins(
    gateway: Gateway,
) -> None:
    pudong = gateway.key(PrincipalKind.OFFICIAL, district_code=PUDONG)
    xuhui = gateway.key(PrincipalKind.OFFICIAL, district_code=XUHUI)

    answers = await asyncio.gather(
        gateway.http.post(
            "/v1/enterprises", json=registration(NEW_ENTERPRISE, district=PUDONG), headers=pudong
        ),
        gateway.http.post(
            "/v1/enterprises", json=registration(NEW_ENTERPRISE, district=XUHUI), headers=xuhui
        ),
    )

    assert sorted(answer.status_code for answer in answers) == [202, 403]
    assert len(gateway.published(ENTERPRISE_REGISTRATIONS)) == 1
    winner, loser = sorted(answers, key=lambda answer: answer.status_code)
    won_in = PUDONG if winner is answers[0] else XUHUI
    assert await gateway.enterprise_districts.districts([NEW_ENTERPRISE]) == {
        NEW_ENTERPRISE: won_in
    }
    assert won_in not in loser.json()["detail"].replace(NEW_ENTERPRISE, "")


async def test_a_just_moved_enterprise_cannot_be_claimed_by_its_old_district(
    gateway: Gateway,
) -> None:
    gateway.views.registry[NEW_ENTERPRISE] = XUHUI  # monitoring has not seen the move yet
    city = gateway.key(PrincipalKind.OFFICIAL)
    xuhui = gateway.key(PrincipalKind.OFFICIAL, district_code=XUHUI)
    moved = await gateway.http.post(
        "/v1/enterprises", json=registration(NEW_ENTERPRISE, district=PUDONG), headers=city
    )
    assert moved.status_code == 202, moved.text

    taken_back = await gateway.http.post(
        "/v1/enterprises", json=registration(NEW_ENTERPRISE, district=XUHUI), headers=xuhui
    )
    report = await gateway.http.post(
        "/v1/weekly-reports", json=weekly_report(NEW_ENTERPRISE), headers=xuhui
    )

    assert taken_back.status_code == 403
    assert PUDONG not in taken_back.json()["detail"].replace(NEW_ENTERPRISE, "")
    assert report.status_code == 403  # nor pass on its reports any more
    assert len(gateway.published(ENTERPRISE_REGISTRATIONS)) == 1


async def test_a_registration_the_broker_did_not_take_leaves_no_claim(gateway: Gateway) -> None:
    pudong = gateway.key(PrincipalKind.OFFICIAL, district_code=PUDONG)
    xuhui = gateway.key(PrincipalKind.OFFICIAL, district_code=XUHUI)
    gateway.publisher.unavailable = True
    refused = await gateway.http.post(
        "/v1/enterprises", json=registration(NEW_ENTERPRISE, district=PUDONG), headers=pudong
    )
    gateway.publisher.unavailable = False

    assert refused.status_code == 503
    assert await gateway.enterprise_districts.districts([NEW_ENTERPRISE]) == {}
    registered = await gateway.http.post(
        "/v1/enterprises", json=registration(NEW_ENTERPRISE, district=XUHUI), headers=xuhui
    )
    assert registered.status_code == 202, registered.text


async def test_a_registration_sent_again_by_its_district_is_still_taken(gateway: Gateway) -> None:
    pudong = gateway.key(PrincipalKind.OFFICIAL, district_code=PUDONG)
    body = registration(NEW_ENTERPRISE, district=PUDONG)
    retry = {"Idempotency-Key": str(uuid.uuid4())}

    first = await gateway.http.post("/v1/enterprises", json=body, headers={**pudong, **retry})
    again = await gateway.http.post("/v1/enterprises", json=body, headers={**pudong, **retry})
    changed = await gateway.http.post(
        "/v1/enterprises", json={**body, "name": "上海浦江食品集团有限公司"}, headers=pudong
    )

    assert [first.status_code, again.status_code, changed.status_code] == [202, 202, 202]
    assert first.json()["event_id"] == again.json()["event_id"]


async def test_batch_registrations_claim_their_district_too(gateway: Gateway) -> None:
    pudong = gateway.key(PrincipalKind.OFFICIAL, district_code=PUDONG)
    xuhui = gateway.key(PrincipalKind.OFFICIAL, district_code=XUHUI)

    def batch(district: str) -> dict[str, object]:
        entry = {
            "id": f"{district}-1",
            "kind": "enterprise_registration",
            "data": registration(NEW_ENTERPRISE, district=district),
        }
        return {"entries": [entry]}

    first = await gateway.http.post("/v1/submissions/batch", json=batch(PUDONG), headers=pudong)
    second = await gateway.http.post("/v1/submissions/batch", json=batch(XUHUI), headers=xuhui)

    assert first.json()["entries"][0]["status"] == 202
    assert second.json()["entries"][0]["status"] == 403
    assert PUDONG not in second.json()["entries"][0]["detail"].replace(NEW_ENTERPRISE, "")


async def test_a_batch_registration_the_broker_did_not_take_leaves_no_claim(
    gateway: Gateway,
) -> None:
    pudong = gateway.key(PrincipalKind.OFFICIAL, district_code=PUDONG)
    gateway.publisher.unavailable = True
    entry = {
        "id": "1",
        "kind": "enterprise_registration",
        "data": registration(NEW_ENTERPRISE, district=PUDONG),
    }

    answer = await gateway.http.post(
        "/v1/submissions/batch", json={"entries": [entry]}, headers=pudong
    )

    assert answer.status_code == 503
    assert await gateway.enterprise_districts.districts([NEW_ENTERPRISE]) == {}
