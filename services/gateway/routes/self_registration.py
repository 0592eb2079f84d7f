"""A job seeker registers themselves and proves their mobile by an SMS code (no API key).

Registering keeps the profile here, waiting (`gateway.self_registrations`), and asks notify to
text a 6-digit code to the number (`notify.requests`, template `verification_code`, recipient
the seeker id: notify reads the number from `gateway.self_registration_contacts_v`). Only the
right code, within its 10 minutes, publishes the registration to matching and answers the
seeker's key: until then nothing of them reaches matching, so nobody is recommended postings,
told of them, or counted in 求人倍率 on a number they have not proved. The rules (expiry, tries,
codes per number) are `domain/verification.py`'s.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

from fastapi import APIRouter, status
from pydantic import BaseModel

from services.contracts.job_seekers import (
    JOB_SEEKER_REGISTERED,
    JobSeekerRegistered,
    RegisteredBy,
    SeekerId,
    SeekerProfile,
)
from services.contracts.topics import JOB_SEEKERS
from services.gateway.api_examples import EVENT_ID, examples
from services.gateway.dependencies import GatewayResources, ResourcesDep
from services.gateway.domain.access import Principal, PrincipalKind
from services.gateway.domain.verification import Outcome, check, number_hash
from services.gateway.problems import FieldRefused
from services.gateway.publishing import publish
from services.gateway.routes.job_seekers import SeekerIn
from services.gateway.sms_codes import (
    CODES,
    Code,
    exhausted,
    fresh_code,
    gateway_secret,
    not_waiting,
    now,
    refused,
    reserve_code,
    send_code,
)
from services.gateway.verification_ports import VerificationAttempt

router = APIRouter(prefix="/v1/job-seekers/self-registration", tags=["job seekers"])

SEEKER_ID = "3b8f2c1d-6e4a-5b7c-8d9e-0f1a2b3c4d5e"
_REGISTRATIONS = uuid.UUID("0d6b1f3e-7c2a-4e5b-9a8d-3f1e2c4b5a6d")


class RegistrationWaiting(BaseModel):
    """Your registration waits for the code sent by SMS to your mobile."""

    model_config = examples(
        {
            "seeker_id": SEEKER_ID,
            "status": "awaiting_verification",
            "code_expires_at": "2020-02-17T09:10:00+08:00",
        }
    )

    seeker_id: str
    status: str = "awaiting_verification"
    code_expires_at: datetime


class CodeIn(BaseModel):
    """The code your mobile received, for the registration it was sent for."""

    model_config = examples({"seeker_id": SEEKER_ID, "code": "042917"})

    seeker_id: SeekerId
    code: Code


class NewCodeIn(BaseModel):
    """Ask for a new code (the last one expired or never came)."""

    model_config = examples({"seeker_id": SEEKER_ID})

    seeker_id: SeekerId


class SelfRegistered(BaseModel):
    """Your mobile is proved and your registration accepted; the key to read and update it is
    shown once: keep it."""

    model_config = examples(
        {
            "event_id": EVENT_ID,
            "seeker_id": SEEKER_ID,
            "status": "accepted",
            "api_key": "fg_…",
            "key_valid_until": "2020-08-22",
        }
    )

    event_id: str
    seeker_id: str
    status: str = "accepted"
    api_key: str
    key_valid_until: date


@router.post("", status_code=status.HTTP_202_ACCEPTED)
async def register_yourself(body: SeekerIn, resources: ResourcesDep) -> RegistrationWaiting:
    """Register yourself as a job seeker (no key needed; a few times an hour from one address).

    A 6-digit code is sent by SMS to the mobile you give: send it to `…/verify` within 10
    minutes to activate your registration and get your key."""
    seeker_id = str(uuid.uuid4())
    await reserve_code(resources, number_hash(gateway_secret(resources), body.mobile))
    code, hashed = fresh_code(resources, seeker_id)
    expires = now() + resources.settings.verification_policy.code_lifetime
    await resources.self_registrations.start(
        seeker_id, body.model_dump(mode="json"), body.mobile, hashed, expires
    )
    await _send_code(resources, seeker_id, code, body.district_code)
    return RegistrationWaiting(seeker_id=seeker_id, code_expires_at=expires)


@router.post("/resend", status_code=status.HTTP_202_ACCEPTED)
async def send_a_new_code(body: NewCodeIn, resources: ResourcesDep) -> RegistrationWaiting:
    """Send a new code to the registration's mobile (the earlier one stops working); limited
    per mobile and per address."""
    waiting = await resources.self_registrations.waiting(body.seeker_id)
    if waiting is None:
        raise _not_waiting()
    policy = resources.settings.verification_policy
    if waiting.pending.attempts >= policy.max_attempts:
        raise exhausted("seeker_id")
    mobile = str(waiting.profile["mobile"])
    await reserve_code(resources, number_hash(gateway_secret(resources), mobile))
    code, hashed = fresh_code(resources, body.seeker_id)
    expires = now() + policy.code_lifetime
    renewed = await resources.self_registrations.renew_code(body.seeker_id, hashed, expires)
    if not renewed:  # verified or forgotten meanwhile
        raise _not_waiting()
    await _send_code(resources, body.seeker_id, code, str(waiting.profile["district_code"]))
    return RegistrationWaiting(seeker_id=body.seeker_id, code_expires_at=expires)


@router.post("/verify", status_code=status.HTTP_201_CREATED)
async def verify_your_mobile(body: CodeIn, resources: ResourcesDep) -> SelfRegistered:
    """Prove your mobile with the code it received: your registration goes to matching and the
    answer carries your key, once. A few wrong codes end the registration."""
    secret = gateway_secret(resources)
    policy = resources.settings.verification_policy
    answer: SelfRegistered | None = None
    async with resources.self_registrations.verifying(body.seeker_id) as attempt:
        if attempt is None:
            raise _not_waiting()
        pending = attempt.registration.pending
        verdict = check(pending, secret, body.seeker_id, body.code, now(), policy)
        if verdict.counts:
            await attempt.wrong()
        if verdict.outcome is Outcome.VERIFIED:
            answer = await _activate(resources, attempt, secret)
    if answer is None:
        raise refused(verdict)
    CODES.labels(verdict.outcome.value).inc()
    return answer


async def _activate(
    resources: GatewayResources, attempt: VerificationAttempt, secret: bytes
) -> SelfRegistered:
    """Publish the registration, issue the seeker's key and end the waiting: should a step fail,
    the attempt is undone, the registration waits as before and a retry finishes it (the same
    event id; a key issued by the failed try was never shown, and expires unused)."""
    seeker_id = attempt.registration.seeker_id
    principal = Principal(PrincipalKind.JOB_SEEKER, seeker_id=seeker_id)
    profile = SeekerProfile.model_validate(attempt.registration.profile)
    event_id = await _publish_registration(resources, principal, profile)
    days = resources.settings.job_seeker_key_days
    key = await resources.api_keys.issue(principal, "self-registered job seeker", timedelta(days))
    await attempt.verified(number_hash(secret, profile.mobile))
    return SelfRegistered(
        event_id=event_id,
        seeker_id=seeker_id,
        api_key=key,
        key_valid_until=date.today() + timedelta(days),
    )


async def _send_code(
    resources: GatewayResources, seeker_id: str, code: str, district_code: str
) -> None:
    await send_code(resources, f"self-registration:{seeker_id}", seeker_id, code, district_code)


async def _publish_registration(
    resources: GatewayResources, principal: Principal, profile: SeekerProfile
) -> str:
    """The registration, once: a retried verification (after a 503) is the same event."""
    seeker_id = principal.seeker_id or ""
    data = JobSeekerRegistered(
        **profile.model_dump(), seeker_id=seeker_id, registered_by=RegisteredBy.SELF
    )
    return await publish(
        resources, principal, JOB_SEEKERS, event_type=JOB_SEEKER_REGISTERED, subject=seeker_id,
        data=data, idempotency_key=uuid.uuid5(_REGISTRATIONS, seeker_id),
        district_code=profile.district_code,
    )  # fmt: skip


def _not_waiting() -> FieldRefused:
    return not_waiting("seeker_id", "verified already, or forgotten a day after: register again")
