"""A self-registered job seeker moves to a new mobile by proving it (their own key).

They state the number they proved and the new one; a code goes to the new number (through
notify, as a registration's). Until it is typed nothing changes: matching, and so every notice,
keeps the old number. The right code publishes the profile with the new number to matching
(`job-seeker.updated`, as any update), makes it the number the seeker keeps, and texts the old
number that it was replaced (template `mobile_changed`), so a seeker whose key was stolen
notices. The gateway never keeps a proved number itself (only its keyed hash), which is why the
seeker states it: checked against the hash, it is where the notice goes.
"""

from __future__ import annotations

import hmac
import uuid
from datetime import datetime
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, HTTPException, Path, status
from pydantic import BaseModel

from services.contracts.identifiers.phones import MobilePhone
from services.contracts.job_seekers import (
    JOB_SEEKER_UPDATED,
    JobSeekerRegistered,
    RegisteredBy,
    SeekerId,
    SeekerProfile,
)
from services.contracts.notifications import (
    NOTIFICATION_REQUESTED,
    NotificationRequest,
    RecipientKind,
    Template,
)
from services.contracts.topics import JOB_SEEKERS, NOTIFY_REQUESTS
from services.gateway.api_examples import examples
from services.gateway.dependencies import GatewayResources, PrincipalDep, ResourcesDep
from services.gateway.domain.access import Principal
from services.gateway.domain.verification import Pending, Purpose, number_hash
from services.gateway.problems import FieldRefused
from services.gateway.publishing import publish, publish_for
from services.gateway.routes.job_seekers import SEEKER_ID, SeekerAccepted
from services.gateway.sms_codes import (
    Code,
    fresh_code,
    gateway_secret,
    now,
    prove,
    reserve_code,
    send_code,
)
from services.gateway.verification_ports import MobileProof, ProofAttempt

router = APIRouter(prefix="/v1/job-seekers/{seeker_id}/mobile-change", tags=["job seekers"])

CHANGE_ID = "9c4e2a7b-1d3f-4e5a-8b6c-0d2f4a6b8c1e"
_CHANGES = uuid.UUID("2f7a9c1e-4b6d-4e8a-9c2b-5d7f1a3c6e9b")
_NOTICES = uuid.UUID("8b3d5f7a-9c1e-4a2b-8d4f-6a8c0e2b4d6f")


class MobileChangeIn(BaseModel):
    """The mobile you proved, and the one to use from now on."""

    model_config = examples({"current_mobile": "13912345678", "new_mobile": "13698765432"})

    current_mobile: MobilePhone
    new_mobile: MobilePhone


class ChangeWaiting(BaseModel):
    """A code is on its way to the new mobile; until it is typed, the old one stays yours."""

    model_config = examples(
        {
            "change_id": CHANGE_ID,
            "status": "awaiting_verification",
            "code_expires_at": "2020-02-17T09:10:00+08:00",
        }
    )

    change_id: str
    status: str = "awaiting_verification"
    code_expires_at: datetime


class ChangeCodeIn(BaseModel):
    """The code the new mobile received, for the change it was sent for."""

    model_config = examples({"change_id": CHANGE_ID, "code": "042917"})

    change_id: SeekerId
    code: Code


SeekerPath = Annotated[SeekerId, Path(examples=[SEEKER_ID])]


@router.post("", status_code=status.HTTP_202_ACCEPTED)
async def change_your_mobile(
    seeker_id: SeekerPath, body: MobileChangeIn, principal: PrincipalDep, resources: ResourcesDep
) -> ChangeWaiting:
    """Move to a new mobile (your own key): a code is sent to it, and only once you type it at
    `…/verify` does it replace the mobile you proved (which is then told of the change)."""
    _ensure_own(principal, seeker_id)
    secret = gateway_secret(resources)
    proved = await resources.self_registrations.verified_number(seeker_id)
    if proved is None or not hmac.compare_digest(proved, number_hash(secret, body.current_mobile)):
        raise FieldRefused(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            "current_mobile",
            "not_verified",
            "this is not the mobile you proved (a seeker registered by an employment assistant "
            "asks the assistant to change it)",
        )
    if body.new_mobile == body.current_mobile:
        raise FieldRefused(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            "new_mobile",
            "unchanged",
            "the new mobile is the one you have",
        )
    await reserve_code(resources, number_hash(secret, body.new_mobile))
    change_id = str(uuid.uuid4())
    code, hashed = fresh_code(resources, change_id)
    expires = now() + resources.settings.verification_policy.code_lifetime
    pending = Pending(hashed, expires, 0)
    proof = MobileProof(change_id, Purpose.MOBILE_CHANGE, seeker_id, body.new_mobile, pending)
    await resources.mobile_proofs.start(proof, body.current_mobile)
    await send_code(resources, principal.id, change_id, code, None)
    return ChangeWaiting(change_id=change_id, code_expires_at=expires)


@router.post("/verify", status_code=status.HTTP_202_ACCEPTED)
async def prove_your_new_mobile(
    seeker_id: SeekerPath, body: ChangeCodeIn, principal: PrincipalDep, resources: ResourcesDep
) -> SeekerAccepted:
    """Prove the new mobile with its code: your profile goes to matching with it, and the old
    mobile is told it was replaced. A few wrong codes end the change."""
    _ensure_own(principal, seeker_id)
    return await prove(
        resources, body.change_id, Purpose.MOBILE_CHANGE, body.code,
        field="change_id", gone="made already, or forgotten a day after",
        proved=lambda attempt, secret: _change(resources, principal, attempt, secret),
        belongs=lambda proof: proof.seeker_id == seeker_id,
    )  # fmt: skip


async def _change(
    resources: GatewayResources, principal: Principal, attempt: ProofAttempt, secret: bytes
) -> SeekerAccepted:
    """Publish the profile with the new number, tell the old one, then end the change: should a
    step fail, the change waits as before and a retry with the same code makes the same events
    (their ids are the change's)."""
    change_id, seeker_id = attempt.proof.proof_id, attempt.proof.seeker_id or ""
    mobile = attempt.proof.mobile or ""
    row = await resources.views.job_seeker(seeker_id)
    if row is None or not row["active"]:
        raise FieldRefused(
            status.HTTP_409_CONFLICT,
            "seeker_id",
            "not_active",
            "matching holds no active profile of yours (withdrawn, or not recorded yet): "
            "update your profile with the new mobile instead",
        )
    profile = SeekerProfile.model_validate({**_profile(row["profile"]), "mobile": mobile})
    data = JobSeekerRegistered(
        **profile.model_dump(),
        seeker_id=seeker_id,
        registered_by=RegisteredBy(row["registered_by"] or RegisteredBy.SELF),
    )
    event_id = await publish(
        resources, principal, JOB_SEEKERS, event_type=JOB_SEEKER_UPDATED, subject=seeker_id,
        data=data, idempotency_key=uuid.uuid5(_CHANGES, change_id),
        district_code=profile.district_code,
    )  # fmt: skip
    notice_id = str(uuid.uuid5(_NOTICES, change_id))
    await resources.mobile_proofs.keep_notice(change_id, notice_id)
    notice = NotificationRequest(
        recipient_kind=RecipientKind.SELF_REGISTRATION,
        recipient=notice_id,
        template=Template.MOBILE_CHANGED,
        requested_by="gateway",
    )
    await publish_for(
        resources, principal.id, NOTIFY_REQUESTS, event_type=NOTIFICATION_REQUESTED,
        subject=notice_id, data=notice, idempotency_key=uuid.uuid5(_NOTICES, change_id),
        district_code=profile.district_code,
    )  # fmt: skip
    await attempt.proved(number_hash(secret, mobile))
    return SeekerAccepted(event_id=event_id, seeker_id=seeker_id)


def _ensure_own(principal: Principal, seeker_id: str) -> None:
    if not principal.is_seeker(seeker_id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no job seeker {seeker_id} in your scope")


def _profile(stored: Any) -> dict[str, Any]:
    """The profile as matching's view shows it (without the mobile, kept apart)."""
    profile: dict[str, Any] = orjson.loads(stored) if isinstance(stored, str) else dict(stored)
    return profile
