"""Self-registration on fakes: the seeker waits unverified (nothing to matching) until the SMS
code is typed; the code goes only to notify's request; wrong, expired and exhausted codes are
refused naming the field; codes are limited per number and per address; a verified seeker keeps
the number they proved."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from services.contracts.job_seekers import JOB_SEEKER_REGISTERED, JOB_SEEKER_UPDATED
from services.contracts.topics import JOB_SEEKERS, NOTIFY_REQUESTS
from services.gateway.domain.access import PrincipalKind
from services.gateway.settings import GatewaySettings
from tests.support.seekers import seeker_body
from tests.unit.gateway.conftest import Gateway, gateway_on_fakes

REGISTER = "/v1/job-seekers/self-registration"
VERIFY, RESEND = f"{REGISTER}/verify", f"{REGISTER}/resend"
PUDONG = "310115"


async def _register(gateway: Gateway, **overrides: Any) -> str:
    response = await gateway.http.post(REGISTER, json=seeker_body(**overrides))
    assert response.status_code == 202, response.text
    assert response.json()["status"] == "awaiting_verification"
    seeker_id: str = response.json()["seeker_id"]
    return seeker_id


def _code_sent(gateway: Gateway, seeker_id: str) -> str:
    """The last code asked of notify for this registration (what the handset receives)."""
    requests = [e["data"] for e in gateway.published(NOTIFY_REQUESTS)]
    code: str = [r for r in requests if r["recipient"] == seeker_id][-1]["parameters"]["code"]
    return code


def _other_than(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


async def test_a_registration_waits_unverified_and_only_notify_is_sent_the_code(
    gateway: Gateway,
) -> None:
    seeker_id = await _register(gateway)

    (request,) = gateway.published(NOTIFY_REQUESTS)
    assert request["data"]["recipient_kind"] == "self_registration"
    assert request["data"]["recipient"] == seeker_id
    assert request["data"]["template"] == "verification_code"
    code = request["data"]["parameters"]["code"]
    assert len(code) == 6
    assert code.isdecimal()
    assert gateway.published(JOB_SEEKERS) == []  # matching knows nothing of them yet
    assert gateway.self_registrations.contact(seeker_id, datetime.now(UTC)) == "+8613912345678"
    assert code not in str(gateway.audit.entries)
    stored = gateway.self_registrations.rows[seeker_id].registration.pending.code_hash
    assert code.encode() not in stored


async def test_the_right_code_activates_the_seeker_and_answers_their_key_once(
    gateway: Gateway,
) -> None:
    seeker_id = await _register(gateway)

    verified = await gateway.http.post(
        VERIFY, json={"seeker_id": seeker_id, "code": _code_sent(gateway, seeker_id)}
    )

    assert verified.status_code == 201, verified.text
    (event,) = gateway.published(JOB_SEEKERS)
    assert event["type"] == JOB_SEEKER_REGISTERED
    assert event["subject"] == seeker_id
    assert event["data"]["registered_by"] == "self"
    assert event["data"]["mobile"] == "+8613912345678"  # E.164, on matching's topic only
    assert "13912345678" not in verified.text
    key = {"X-API-Key": verified.json()["api_key"]}
    assert (await gateway.http.get("/v1/postings", headers=key)).status_code == 403  # a key
    again = await gateway.http.post(
        VERIFY, json={"seeker_id": seeker_id, "code": _code_sent(gateway, seeker_id)}
    )
    assert again.status_code == 422
    assert again.json()["problems"][0]["field"] == "seeker_id"
    assert len(gateway.published(JOB_SEEKERS)) == 1


async def test_wrong_codes_are_counted_and_end_the_registration(gateway: Gateway) -> None:
    seeker_id = await _register(gateway)
    code = _code_sent(gateway, seeker_id)

    answers = [
        await gateway.http.post(VERIFY, json={"seeker_id": seeker_id, "code": _other_than(code)})
        for _ in range(5)
    ]
    late = await gateway.http.post(VERIFY, json={"seeker_id": seeker_id, "code": code})

    assert [a.status_code for a in answers] == [422] * 5
    assert [a.json()["problems"][0]["rule"] for a in answers] == ["wrong"] * 4 + ["exhausted"]
    assert answers[0].json()["problems"][0]["field"] == "code"
    assert "4 tries left" in answers[0].json()["detail"]
    assert code not in str([a.text for a in answers])
    assert late.status_code == 422  # even the right code, now
    assert late.json()["problems"][0]["rule"] == "exhausted"
    assert gateway.published(JOB_SEEKERS) == []
    refused = await gateway.http.post(RESEND, json={"seeker_id": seeker_id})
    assert refused.json()["problems"][0]["rule"] == "exhausted"


async def test_an_expired_code_is_refused_and_a_new_one_works(gateway: Gateway) -> None:
    seeker_id = await _register(gateway)
    old = _code_sent(gateway, seeker_id)
    row = gateway.self_registrations.rows[seeker_id]
    past = datetime.now(UTC) - timedelta(seconds=1)
    row.registration = replace(
        row.registration, pending=replace(row.registration.pending, code_expires_at=past)
    )
    gateway.self_registrations.sent.clear()  # the number's minute between codes has passed

    expired = await gateway.http.post(VERIFY, json={"seeker_id": seeker_id, "code": old})
    assert gateway.self_registrations.contact(seeker_id, datetime.now(UTC)) is None
    resent = await gateway.http.post(RESEND, json={"seeker_id": seeker_id})
    new = _code_sent(gateway, seeker_id)
    stale = await gateway.http.post(VERIFY, json={"seeker_id": seeker_id, "code": old})
    verified = await gateway.http.post(VERIFY, json={"seeker_id": seeker_id, "code": new})

    assert expired.status_code == 422
    assert expired.json()["problems"][0] == {
        "field": "code",
        "location": "body",
        "rule": "expired",
        "message": "the code has expired; ask for a new one",
    }
    assert resent.status_code == 202, resent.text
    assert len(gateway.published(NOTIFY_REQUESTS)) == 2
    if old != new:  # one chance in a million that the new code is the old one
        assert stale.json()["problems"][0]["rule"] == "wrong"
    assert verified.status_code == 201, verified.text


async def test_codes_to_one_number_are_spaced_and_limited_whoever_registers() -> None:
    settings = GatewaySettings(_env_file=None, self_registration_burst=100)
    async with gateway_on_fakes(settings) as gateway:
        first = await _register(gateway)

        again = await gateway.http.post(REGISTER, json=seeker_body(district_code=PUDONG))
        resent = await gateway.http.post(RESEND, json={"seeker_id": first})
        other_number = await gateway.http.post(REGISTER, json=seeker_body(mobile="13812345670"))

        for refused in (again, resent):
            assert refused.status_code == 429
            assert 0 < int(refused.headers["Retry-After"]) <= 60
            assert refused.json()["problems"][0]["field"] == "mobile"
            assert "13912345678" not in refused.text
        assert other_number.status_code == 202
        assert len(gateway.published(NOTIFY_REQUESTS)) == 2


async def test_at_most_five_codes_an_hour_go_to_one_number() -> None:
    settings = GatewaySettings(
        _env_file=None, self_registration_burst=100, verification_code_gap_seconds=0
    )
    async with gateway_on_fakes(settings) as gateway:
        answers = [(await gateway.http.post(REGISTER, json=seeker_body())) for _ in range(6)]

        assert [a.status_code for a in answers] == [202] * 5 + [429]
        assert int(answers[-1].headers["Retry-After"]) > 3000  # the first code's hour
        assert len(gateway.published(NOTIFY_REQUESTS)) == 5


async def test_registering_and_new_codes_share_the_address_allowance() -> None:
    settings = GatewaySettings(
        _env_file=None, self_registration_burst=2, verification_code_gap_seconds=0
    )
    async with gateway_on_fakes(settings) as gateway:
        seeker_id = await _register(gateway)
        resent = await gateway.http.post(RESEND, json={"seeker_id": seeker_id})
        third = await gateway.http.post(REGISTER, json=seeker_body(mobile="13812345670"))

        assert resent.status_code == 202, resent.text
        assert third.status_code == 429
        assert "Retry-After" in third.headers
        # Verifying needs no key either, and every other write still does.
        code = _code_sent(gateway, seeker_id)
        verified = await gateway.http.post(VERIFY, json={"seeker_id": seeker_id, "code": code})
        assert verified.status_code == 201, verified.text
        keyless = await gateway.http.post("/v1/job-seekers", json=seeker_body())
        assert keyless.status_code == 401


async def test_a_malformed_code_is_refused_naming_the_field(gateway: Gateway) -> None:
    seeker_id = await _register(gateway)

    response = await gateway.http.post(VERIFY, json={"seeker_id": seeker_id, "code": "12a45"})

    assert response.status_code == 422
    assert response.json()["problems"][0]["field"] == "code"
    assert gateway.self_registrations.rows[seeker_id].registration.pending.attempts == 0


async def test_a_verified_seeker_keeps_the_number_they_proved(gateway: Gateway) -> None:
    seeker_id = await _register(gateway)
    verified = await gateway.http.post(
        VERIFY, json={"seeker_id": seeker_id, "code": _code_sent(gateway, seeker_id)}
    )
    key = {"X-API-Key": verified.json()["api_key"]}

    moved = await gateway.http.put(
        f"/v1/job-seekers/{seeker_id}",
        json=seeker_body(district_code=PUDONG, salary_floor=6000),
        headers=key,
    )
    switched = await gateway.http.put(
        f"/v1/job-seekers/{seeker_id}", json=seeker_body(mobile="13812345670"), headers=key
    )

    assert moved.status_code == 202, moved.text  # before matching has recorded them, too
    updated = gateway.published(JOB_SEEKERS)[-1]
    assert updated["type"] == JOB_SEEKER_UPDATED
    assert (updated["data"]["district_code"], updated["data"]["salary_floor"]) == (PUDONG, 6000)
    assert switched.status_code == 422
    assert switched.json()["problems"][0]["field"] == "mobile"
    assert "13812345670" not in switched.text
    assistant = gateway.key(PrincipalKind.ASSISTANT, district_code="310112", staff_id="A0031")
    gateway.views.seeker_rows.append(
        {"seeker_id": seeker_id, "district_code": "310112", "active": True}
    )
    by_assistant = await gateway.http.put(
        f"/v1/job-seekers/{seeker_id}", json=seeker_body(mobile="13812345670"), headers=assistant
    )
    assert by_assistant.status_code == 202, by_assistant.text


async def test_a_verification_the_broker_did_not_take_can_be_retried_with_the_same_code(
    gateway: Gateway,
) -> None:
    seeker_id = await _register(gateway)
    code = _code_sent(gateway, seeker_id)

    gateway.publisher.unavailable = True
    refused = await gateway.http.post(VERIFY, json={"seeker_id": seeker_id, "code": code})
    gateway.publisher.unavailable = False
    retried = await gateway.http.post(VERIFY, json={"seeker_id": seeker_id, "code": code})

    assert refused.status_code == 503
    assert "api_key" not in refused.text
    assert retried.status_code == 201, retried.text
    assert len(gateway.published(JOB_SEEKERS)) == 1
    assert gateway.self_registrations.rows == {}
