"""A self-registered job seeker who lost their key gets a new one by proving their number again.

Asking (no key, limited per address like self-registration, and per number like every code)
always answers the same 202 with a recovery id, whether or not a seeker proved the number: the
answer tells nobody who is registered. Only for a proved number is a code texted (through
notify, as a registration's); for any other number nothing is sent, and the recovery waits
under a random hash no code matches, so its wrong codes read like anyone's. The right code
answers a new key once, every earlier key of the seeker revoked in the same transaction.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import date, datetime, timedelta

from fastapi import APIRouter, status
from pydantic import BaseModel

from services.contracts.identifiers.phones import MobilePhone
from services.contracts.job_seekers import SeekerId
from services.gateway.api_examples import examples
from services.gateway.dependencies import GatewayResources, ResourcesDep
from services.gateway.domain.access import Principal, PrincipalKind
from services.gateway.domain.verification import Pending, Purpose, number_hash
from services.gateway.sms_codes import (
    CODES,
    Code,
    fresh_code,
    gateway_secret,
    now,
    prove,
    reserve_code,
    send_code,
)
from services.gateway.verification_ports import MobileProof, ProofAttempt

router = APIRouter(prefix="/v1/job-seekers/key-recovery", tags=["job seekers"])

RECOVERY_ID = "6a1e3c5b-7d9f-4b2a-8c4e-1f3a5b7d9e0c"
SEEKER_ID = "3b8f2c1d-6e4a-5b7c-8d9e-0f1a2b3c4d5e"


class RecoveryIn(BaseModel):
    """The mobile you proved when you registered yourself."""

    model_config = examples({"mobile": "13912345678"})

    mobile: MobilePhone


class RecoveryWaiting(BaseModel):
    """If a registration proved this mobile, a code is on its way to it (the answer is the same
    either way: it tells nobody who is registered)."""

    model_config = examples(
        {
            "recovery_id": RECOVERY_ID,
            "status": "code_sent_if_registered",
            "code_expires_at": "2020-02-17T09:10:00+08:00",
        }
    )

    recovery_id: str
    status: str = "code_sent_if_registered"
    code_expires_at: datetime


class RecoveryCodeIn(BaseModel):
    """The code your mobile received, for the recovery it was sent for."""

    model_config = examples({"recovery_id": RECOVERY_ID, "code": "042917"})

    recovery_id: SeekerId
    code: Code


class KeyRecovered(BaseModel):
    """Your new key, shown once: every earlier key of yours no longer works."""

    model_config = examples(
        {"seeker_id": SEEKER_ID, "api_key": "fg_…", "key_valid_until": "2020-08-22"}
    )

    seeker_id: str
    api_key: str
    key_valid_until: date


@router.post("", status_code=status.HTTP_202_ACCEPTED)
async def recover_your_key(body: RecoveryIn, resources: ResourcesDep) -> RecoveryWaiting:
    """Lost your key? Give the mobile you registered with (no key needed; a few times an hour).

    If you proved that mobile, a 6-digit code is sent to it: send it to `…/verify` within 10
    minutes for a new key. If no code comes, the number is not the one you registered with."""
    recovery_id = str(uuid.uuid4())
    number = number_hash(gateway_secret(resources), body.mobile)
    await reserve_code(resources, number)  # counted alike, registered or not
    seeker_id = await resources.mobile_proofs.seeker_with_number(number)
    expires = now() + resources.settings.verification_policy.code_lifetime
    if seeker_id is None:
        unmatchable = Pending(secrets.token_bytes(32), expires, 0)
        proof = MobileProof(recovery_id, Purpose.KEY_RECOVERY, None, None, unmatchable)
        await resources.mobile_proofs.start(proof, None)
        CODES.labels("withheld").inc()
    else:
        code, hashed = fresh_code(resources, recovery_id)
        pending = Pending(hashed, expires, 0)
        proof = MobileProof(recovery_id, Purpose.KEY_RECOVERY, seeker_id, body.mobile, pending)
        await resources.mobile_proofs.start(proof, None)
        await send_code(resources, f"key-recovery:{seeker_id}", recovery_id, code, None)
    return RecoveryWaiting(recovery_id=recovery_id, code_expires_at=expires)


@router.post("/verify", status_code=status.HTTP_201_CREATED)
async def prove_your_mobile_for_a_new_key(
    body: RecoveryCodeIn, resources: ResourcesDep
) -> KeyRecovered:
    """Prove your mobile with the code it received: the answer carries your new key, once, and
    every earlier key of yours stops working. A few wrong codes end the recovery."""
    return await prove(
        resources, body.recovery_id, Purpose.KEY_RECOVERY, body.code,
        field="recovery_id", gone="used already, or forgotten a day after",
        proved=lambda attempt, secret: _new_key(resources, attempt, secret),
    )  # fmt: skip


async def _new_key(
    resources: GatewayResources, attempt: ProofAttempt, secret: bytes
) -> KeyRecovered:
    """Replace the seeker's keys, then end the recovery: should ending it fail, the recovery
    waits as before and a retry replaces the key that was never shown."""
    seeker_id, mobile = attempt.proof.seeker_id or "", attempt.proof.mobile or ""
    principal = Principal(PrincipalKind.JOB_SEEKER, seeker_id=seeker_id)
    days = resources.settings.job_seeker_key_days
    key = await resources.api_keys.replace_seeker_keys(
        principal, "self-registered job seeker (recovered key)", timedelta(days)
    )
    await attempt.proved(number_hash(secret, mobile))
    return KeyRecovered(
        seeker_id=seeker_id, api_key=key, key_valid_until=date.today() + timedelta(days)
    )
