"""A self-registered seeker proves a number again, on fakes: for a new key in place of a lost
one (the answer the same whether or not the number is registered; the old key revoked), and to
move to a new number (which replaces the old only once proved; the old number told)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from services.contracts.job_seekers import JOB_SEEKER_UPDATED
from services.contracts.topics import JOB_SEEKERS, NOTIFY_REQUESTS
from services.gateway.domain.access import PrincipalKind
from services.gateway.settings import GatewaySettings
from tests.support.seekers import seeker_body
from tests.unit.gateway.conftest import Gateway, gateway_on_fakes

REGISTER = "/v1/job-seekers/self-registration"
RECOVER = "/v1/job-seekers/key-recovery"
RECOVER_VERIFY = f"{RECOVER}/verify"
OLD, NEW = "+8613912345678", "+8613698765432"


def _code_for(gateway: Gateway, recipient: str) -> str:
    requests = [e["data"] for e in gateway.published(NOTIFY_REQUESTS)]
    code: str = [r for r in requests if r["recipient"] == recipient][-1]["parameters"]["code"]
    return code


def _other_than(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


async def _registered(gateway: Gateway, **overrides: Any) -> tuple[str, dict[str, str]]:
    """A seeker who registered themselves and proved their number: their id and key."""
    started = await gateway.http.post(REGISTER, json=seeker_body(**overrides))
    seeker_id: str = started.json()["seeker_id"]
    code = _code_for(gateway, seeker_id)
    verified = await gateway.http.post(
        f"{REGISTER}/verify", json={"seeker_id": seeker_id, "code": code}
    )
    assert verified.status_code == 201, verified.text
    gateway.self_registrations.sent.clear()  # the number's minute between codes has passed
    return seeker_id, {"X-API-Key": verified.json()["api_key"]}


def _as_matching_keeps(gateway: Gateway, seeker_id: str, **overrides: Any) -> None:
    profile = {k: v for k, v in seeker_body(**overrides).items() if k != "mobile"}
    gateway.views.seeker_rows.append(
        {
            "seeker_id": seeker_id,
            "active": True,
            "district_code": profile["district_code"],
            "profile": profile,
            "mobile_masked": "+86139****5678",
            "registered_by": "self",
            "changed_at": datetime(2020, 2, 17, 1, 0, tzinfo=UTC),
        }
    )


async def test_a_proved_number_gets_a_code_and_the_code_a_new_key_the_old_one_revoked(
    gateway: Gateway,
) -> None:
    seeker_id, old_key = await _registered(gateway)

    asked = await gateway.http.post(RECOVER, json={"mobile": "139 1234 5678"})
    recovery_id = asked.json()["recovery_id"]
    request = gateway.published(NOTIFY_REQUESTS)[-1]["data"]
    recovered = await gateway.http.post(
        RECOVER_VERIFY, json={"recovery_id": recovery_id, "code": _code_for(gateway, recovery_id)}
    )

    assert asked.status_code == 202, asked.text
    assert asked.json()["status"] == "code_sent_if_registered"
    assert (request["recipient_kind"], request["template"]) == (
        "self_registration",
        "verification_code",
    )
    assert request["recipient"] == recovery_id  # notify reads the number from the gateway's view
    assert recovered.status_code == 201, recovered.text
    assert recovered.json()["seeker_id"] == seeker_id
    new_key = {"X-API-Key": recovered.json()["api_key"]}
    assert new_key != old_key
    assert (
        await gateway.http.get(f"/v1/job-seekers/{seeker_id}/recommendations", headers=new_key)
    ).status_code == 200
    refused = await gateway.http.get(
        f"/v1/job-seekers/{seeker_id}/recommendations", headers=old_key
    )
    assert refused.status_code == 401
    again = await gateway.http.post(
        RECOVER_VERIFY, json={"recovery_id": recovery_id, "code": _code_for(gateway, recovery_id)}
    )
    assert again.json()["problems"][0]["rule"] == "not_waiting"  # a key is answered once
    assert gateway.mobile_proofs.contact(recovery_id, datetime.now(UTC)) is None


async def test_a_number_nobody_proved_is_answered_alike_and_sent_nothing(gateway: Gateway) -> None:
    await _registered(gateway)
    requests_before = len(gateway.published(NOTIFY_REQUESTS))

    registered = await gateway.http.post(RECOVER, json={"mobile": OLD})
    unknown = await gateway.http.post(RECOVER, json={"mobile": "13800001111"})

    assert (registered.status_code, unknown.status_code) == (202, 202)
    assert registered.json().keys() == unknown.json().keys()
    assert registered.json()["status"] == unknown.json()["status"]
    assert len(gateway.published(NOTIFY_REQUESTS)) == requests_before + 1  # the registered one
    unknown_id = unknown.json()["recovery_id"]
    assert gateway.mobile_proofs.contact(unknown_id, datetime.now(UTC)) is None
    guesses = [
        await gateway.http.post(
            RECOVER_VERIFY, json={"recovery_id": unknown_id, "code": f"{n:06d}"}
        )
        for n in range(5)
    ]
    code = _code_for(gateway, registered.json()["recovery_id"])
    wrong = await gateway.http.post(
        RECOVER_VERIFY,
        json={"recovery_id": registered.json()["recovery_id"], "code": _other_than(code)},
    )
    assert [g.json()["problems"][0]["rule"] for g in guesses] == ["wrong"] * 4 + ["exhausted"]
    assert wrong.json()["problems"][0]["rule"] == "wrong"
    assert guesses[0].json()["detail"] == wrong.json()["detail"]  # 4 tries left, alike


async def test_recovery_codes_count_with_the_numbers_other_codes_registered_or_not() -> None:
    settings = GatewaySettings(_env_file=None, self_registration_burst=100)
    async with gateway_on_fakes(settings) as gateway:
        await _registered(gateway)
        await gateway.http.post(RECOVER, json={"mobile": OLD})
        await gateway.http.post(RECOVER, json={"mobile": "13800001111"})

        registered = await gateway.http.post(RECOVER, json={"mobile": OLD})
        unknown = await gateway.http.post(RECOVER, json={"mobile": "13800001111"})

        for refused in (registered, unknown):
            assert refused.status_code == 429
            assert refused.json()["problems"][0]["field"] == "mobile"
            assert 0 < int(refused.headers["Retry-After"]) <= 60


async def test_asking_for_a_key_comes_out_of_the_address_allowance() -> None:
    settings = GatewaySettings(
        _env_file=None, self_registration_burst=3, verification_code_gap_seconds=0
    )
    async with gateway_on_fakes(settings) as gateway:
        await _registered(gateway)
        second = await gateway.http.post(RECOVER, json={"mobile": OLD})
        third = await gateway.http.post(RECOVER, json={"mobile": "13800001111"})
        fourth = await gateway.http.post(RECOVER, json={"mobile": "13800002222"})

        assert (second.status_code, third.status_code) == (202, 202)
        assert fourth.status_code == 429
        assert "key recoveries" in fourth.json()["detail"]


CHANGE = "/v1/job-seekers/{}/mobile-change"


async def test_a_new_number_replaces_the_old_only_once_proved_and_the_old_is_told(
    gateway: Gateway,
) -> None:
    seeker_id, key = await _registered(gateway)
    _as_matching_keeps(gateway, seeker_id, salary_floor=6000)
    change = CHANGE.format(seeker_id)

    asked = await gateway.http.post(
        change, json={"current_mobile": "13912345678", "new_mobile": "13698765432"}, headers=key
    )
    change_id = asked.json()["change_id"]
    still_old = await gateway.http.put(
        f"/v1/job-seekers/{seeker_id}", json=seeker_body(mobile=NEW), headers=key
    )
    events_before = len(gateway.published(JOB_SEEKERS))
    proved = await gateway.http.post(
        f"{change}/verify",
        json={"change_id": change_id, "code": _code_for(gateway, change_id)},
        headers=key,
    )

    assert asked.status_code == 202, asked.text
    assert still_old.status_code == 422  # until the code is typed, the old number is theirs
    assert proved.status_code == 202, proved.text
    (updated,) = gateway.published(JOB_SEEKERS)[events_before:]
    assert updated["type"] == JOB_SEEKER_UPDATED
    assert (updated["data"]["mobile"], updated["data"]["salary_floor"]) == (NEW, 6000)
    assert updated["data"]["registered_by"] == "self"
    assert updated["id"] == proved.json()["event_id"]
    notice = gateway.published(NOTIFY_REQUESTS)[-1]["data"]
    assert (notice["recipient_kind"], notice["template"]) == ("self_registration", "mobile_changed")
    assert notice["parameters"] == {}  # neither number travels
    assert gateway.mobile_proofs.contact(notice["recipient"], datetime.now(UTC)) == OLD
    assert gateway.mobile_proofs.contact(change_id, datetime.now(UTC)) is None
    kept_new = await gateway.http.put(
        f"/v1/job-seekers/{seeker_id}", json=seeker_body(mobile=NEW), headers=key
    )
    back_to_old = await gateway.http.put(
        f"/v1/job-seekers/{seeker_id}", json=seeker_body(mobile=OLD), headers=key
    )
    assert kept_new.status_code == 202, kept_new.text
    assert back_to_old.status_code == 422
    gateway.self_registrations.sent.clear()
    recovered = await gateway.http.post(RECOVER, json={"mobile": NEW})  # the number proved now
    assert (
        gateway.published(NOTIFY_REQUESTS)[-1]["data"]["recipient"]
        == recovered.json()["recovery_id"]
    )


async def test_a_change_names_the_field_it_cannot_take(gateway: Gateway) -> None:
    seeker_id, key = await _registered(gateway)
    change = CHANGE.format(seeker_id)

    not_theirs = await gateway.http.post(
        change, json={"current_mobile": "13800001111", "new_mobile": "13698765432"}, headers=key
    )
    same = await gateway.http.post(
        change, json={"current_mobile": OLD, "new_mobile": "139-1234-5678"}, headers=key
    )
    malformed = await gateway.http.post(
        change, json={"current_mobile": OLD, "new_mobile": "02161234567"}, headers=key
    )

    assert [r.status_code for r in (not_theirs, same, malformed)] == [422] * 3
    assert not_theirs.json()["problems"][0]["field"] == "current_mobile"
    assert same.json()["problems"][0]["field"] == "new_mobile"
    assert "new_mobile" in malformed.text
    assert "13800001111" not in not_theirs.text
    assert gateway.mobile_proofs.rows == {}


async def test_only_the_seeker_themselves_changes_their_number(gateway: Gateway) -> None:
    seeker_id, _ = await _registered(gateway)
    other_id, other_key = await _registered(gateway, mobile="13812345670")
    assistant = gateway.key(PrincipalKind.ASSISTANT, district_code="310112", staff_id="A0031")
    body = {"current_mobile": OLD, "new_mobile": "13698765432"}

    by_other = await gateway.http.post(CHANGE.format(seeker_id), json=body, headers=other_key)
    by_assistant = await gateway.http.post(CHANGE.format(seeker_id), json=body, headers=assistant)

    assert by_other.status_code == 404
    assert by_assistant.status_code == 403
    asked = await gateway.http.post(
        CHANGE.format(other_id),
        json={"current_mobile": "13812345670", "new_mobile": "13698765432"},
        headers=other_key,
    )
    change_id = asked.json()["change_id"]
    foreign = await gateway.http.post(
        f"{CHANGE.format(seeker_id)}/verify",
        json={"change_id": change_id, "code": _code_for(gateway, change_id)},
        headers=other_key,
    )
    assert foreign.status_code == 404


async def test_a_change_the_broker_did_not_take_is_retried_as_the_same_events(
    gateway: Gateway,
) -> None:
    seeker_id, key = await _registered(gateway)
    _as_matching_keeps(gateway, seeker_id)
    change = CHANGE.format(seeker_id)
    asked = await gateway.http.post(
        change, json={"current_mobile": OLD, "new_mobile": NEW}, headers=key
    )
    body = {
        "change_id": asked.json()["change_id"],
        "code": _code_for(gateway, asked.json()["change_id"]),
    }
    events_before = len(gateway.published(JOB_SEEKERS))

    gateway.publisher.unavailable = True
    refused = await gateway.http.post(f"{change}/verify", json=body, headers=key)
    gateway.publisher.unavailable = False
    retried = await gateway.http.post(f"{change}/verify", json=body, headers=key)

    assert refused.status_code == 503
    assert retried.status_code == 202, retried.text
    assert len(gateway.published(JOB_SEEKERS)) == events_before + 1
    assert gateway.mobile_proofs.rows == {}


async def test_a_withdrawn_seeker_is_refused_and_their_change_still_waits(
    gateway: Gateway,
) -> None:
    seeker_id, key = await _registered(gateway)
    change = CHANGE.format(seeker_id)
    asked = await gateway.http.post(
        change, json={"current_mobile": OLD, "new_mobile": NEW}, headers=key
    )
    change_id = asked.json()["change_id"]

    refused = await gateway.http.post(
        f"{change}/verify",
        json={"change_id": change_id, "code": _code_for(gateway, change_id)},
        headers=key,
    )

    assert refused.status_code == 409
    assert refused.json()["problems"][0]["field"] == "seeker_id"
    assert gateway.mobile_proofs.rows[change_id].proof.pending.attempts == 0
