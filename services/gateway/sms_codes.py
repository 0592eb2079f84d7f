"""Sending and judging the SMS codes by which people prove a mobile: a self-registration
(`routes/self_registration.py`), a lost key's recovery (`routes/key_recovery.py`) and a change
of number (`routes/mobile_change.py`). The rules are `domain/verification.py`'s; codes to one
number are counted together, whatever they are for."""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Annotated, TypeVar

from fastapi import status
from prometheus_client import Counter
from pydantic import Field

from services.contracts.notifications import (
    NOTIFICATION_REQUESTED,
    NotificationRequest,
    RecipientKind,
    Template,
)
from services.contracts.topics import NOTIFY_REQUESTS
from services.gateway.dependencies import GatewayResources
from services.gateway.domain.verification import (
    Outcome,
    Purpose,
    Verdict,
    check,
    code_hash,
    new_code,
)
from services.gateway.problems import FieldRefused
from services.gateway.publishing import publish_for
from services.gateway.rate_limits import retry_after_header
from services.gateway.verification_ports import MobileProof, ProofAttempt

Answer = TypeVar("Answer")

CODES = Counter(
    "fugong_gateway_self_registration_codes",
    "Codes proving a mobile (self-registration, key recovery, change of number) by what became "
    "of them: sent, withheld (a key recovery for a number nobody proved), refused (the number's "
    "limits), verified, wrong, expired, exhausted (no code value is ever recorded)",
    ["outcome"],
)

Code = Annotated[str, Field(pattern=r"^[0-9]{6}$", description="the 6 digits sent by SMS")]


def now() -> datetime:
    return datetime.now(UTC)


def gateway_secret(resources: GatewayResources) -> bytes:
    """The keys' pepper: each use hashes under a purpose of its own (domain/verification.py)."""
    return resources.settings.api_key_pepper.get_secret_value().encode()


def fresh_code(resources: GatewayResources, bound_to: str) -> tuple[str, bytes]:
    """A new code and the keyed hash kept of it, bound to what it proves."""
    code = new_code(secrets.randbelow)
    return code, code_hash(gateway_secret(resources), bound_to, code)


async def reserve_code(resources: GatewayResources, number: bytes) -> None:
    """Count a code to the number (its keyed hash), or 429 naming `mobile` past its limits."""
    policy = resources.settings.verification_policy
    wait = await resources.self_registrations.reserve_code(number, now(), policy)
    if wait > 0:
        CODES.labels("refused").inc()
        raise FieldRefused(
            status.HTTP_429_TOO_MANY_REQUESTS,
            "mobile",
            "codes_per_number",
            f"at most {policy.codes_per_number_per_hour} codes an hour to one mobile, "
            f"{policy.min_gap_between_codes.total_seconds():g} s apart; try again later",
            headers=retry_after_header(wait),
        )


async def send_code(
    resources: GatewayResources,
    actor: str,
    recipient: str,
    code: str,
    district_code: str | None,
) -> None:
    """Ask notify to text the code to the number the gateway's contacts view shows for
    `recipient`: this request is the one place the code travels (no idempotency record: its
    fingerprint would let a 6-digit code be recovered)."""
    request = NotificationRequest(
        recipient_kind=RecipientKind.SELF_REGISTRATION,
        recipient=recipient,
        template=Template.VERIFICATION_CODE,
        parameters={"code": code},
        requested_by="gateway",
    )
    await publish_for(
        resources, actor, NOTIFY_REQUESTS,
        event_type=NOTIFICATION_REQUESTED, subject=recipient, data=request,
        idempotency_key=None, district_code=district_code,
    )  # fmt: skip
    CODES.labels("sent").inc()


async def prove(
    resources: GatewayResources,
    proof_id: str,
    purpose: Purpose,
    code: str,
    *,
    field: str,
    gone: str,
    proved: Callable[[ProofAttempt, bytes], Awaitable[Answer]],
    belongs: Callable[[MobileProof], bool] = lambda _: True,
) -> Answer:
    """Judge a code typed against a mobile proof (a key recovery, a change of number), the proof
    held for this attempt alone: a wrong code is counted, the right one handed to `proved`
    (with the gateway's secret) inside the hold, so two right codes at once act once. 422
    naming `field` when no such proof waits (`gone` says why it may not), `code` when wrong."""
    secret = gateway_secret(resources)
    policy = resources.settings.verification_policy
    async with resources.mobile_proofs.proving(proof_id, purpose) as attempt:
        if attempt is None or not belongs(attempt.proof):
            raise not_waiting(field, gone)
        verdict = check(attempt.proof.pending, secret, proof_id, code, now(), policy)
        if verdict.counts:
            await attempt.wrong()
        if verdict.outcome is Outcome.VERIFIED:
            answer = await proved(attempt, secret)
            CODES.labels(verdict.outcome.value).inc()
            return answer
    raise refused(verdict)


def refused(verdict: Verdict) -> FieldRefused:
    """The answer to a code that did not prove the number, naming the field `code`."""
    CODES.labels(verdict.outcome.value).inc()
    if verdict.outcome is Outcome.EXHAUSTED:
        return exhausted("code")
    return FieldRefused(
        status.HTTP_422_UNPROCESSABLE_CONTENT, "code", verdict.outcome.value, verdict.message
    )


def exhausted(field: str) -> FieldRefused:
    return FieldRefused(
        status.HTTP_422_UNPROCESSABLE_CONTENT,
        field,
        "exhausted",
        "too many wrong codes; start again",
    )


def not_waiting(field: str, what: str) -> FieldRefused:
    return FieldRefused(
        status.HTTP_422_UNPROCESSABLE_CONTENT,
        field,
        "not_waiting",
        f"nothing waits for a code under this {field} ({what})",
    )
