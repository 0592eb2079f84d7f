"""Bulk ingestion: up to 1,000 submissions in one request, each answered on its own (207).

In the manner of Kafka REST v3's batch produce: the client names each entry, and the answer
gives, entry by entry, the event id of what the broker acknowledged or the problem that kept an
entry out (its fields, the access rule, a reused Idempotency-Key, the broker). One bad entry
never refuses the others. The whole request answers 503 only when the broker took none of it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import orjson
from fastapi import APIRouter, Request, Response, status
from fastapi.exceptions import RequestValidationError
from pydantic import (
    BaseModel,
    ValidationError,
)

from services.contracts.envelope import encode_event
from services.contracts.topics import topic_name
from services.gateway import campaign
from services.gateway.adapters.idempotency_keys import json_digest
from services.gateway.dependencies import GatewayResources, PrincipalDep, ResourcesDep
from services.gateway.domain.access import Forbidden, Principal
from services.gateway.enterprise_scope import claim_district, registered_districts
from services.gateway.ports import AuditEntry, Claim, DistrictClaim
from services.gateway.problems import RETRY_LATER, problem
from services.gateway.publishing import SOURCE
from services.gateway.routes.batch_models import BatchRequest, BatchResult, TypedBatch
from services.gateway.submission_kinds import (
    KINDS,
    Admitted,
    KindName,
    SubmissionKind,
    stated_dates,
)
from services.platform.kafka import EncodedEvent
from services.platform.metrics import EVENTS_PUBLISHED

router = APIRouter(prefix="/v1", tags=["submissions"])


@dataclass
class _Entry:
    """An entry on its way through: refused at some step, or published."""

    id: str
    kind: SubmissionKind
    idempotency_key: UUID | None
    body: BaseModel | None = None
    admitted: Admitted | None = None
    data_json: bytes = b""
    event_id: str | None = None
    result: dict[str, Any] | None = None
    registered_in: str | None = None
    district_claim: DistrictClaim | None = None

    def refuse(self, status_code: int, detail: str, **extra: Any) -> None:
        self.result = {"id": self.id, "status": status_code, "detail": detail, **extra}


@router.post(
    "/submissions/batch",
    status_code=status.HTTP_207_MULTI_STATUS,
    response_model=BatchResult,
    responses={
        207: {"description": "Each entry's outcome, in the order sent"},
        503: {"description": "The broker acknowledged none of the entries; retry them all"},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/BatchRequest"}}
            },
        }
    },
)
async def submit_batch(
    request: Request, principal: PrincipalDep, resources: ResourcesDep
) -> Response:
    """Submit up to 1,000 registrations and reports in one request (207, one result per entry).

    An entry is answered 202 only once the broker has acknowledged its event; give each entry an
    `idempotency_key` so that entries answered 503 can be sent again safely.
    """
    entries = _entries(await request.body())
    await _authorise(entries, principal, resources)
    await _claim_districts(entries, resources)
    await _claim_event_ids(entries, principal, resources)
    try:
        published = await _publish(entries, principal, resources)
    finally:
        await _release_unpublished_claims(entries, resources)
    results = [entry.result for entry in entries]
    accepted = sum(1 for entry in entries if entry.result and entry.result["status"] == 202)
    if accepted == 0 and published:  # the broker took nothing that was fit to publish
        return problem(
            status.HTTP_503_SERVICE_UNAVAILABLE,
            "the broker did not acknowledge the entries; retry them (with their "
            "idempotency_key, each is counted once whatever happened)",
            headers=RETRY_LATER,
        )
    body = {"accepted": accepted, "refused": len(entries) - accepted, "entries": results}
    return Response(orjson.dumps(body), status.HTTP_207_MULTI_STATUS, media_type="application/json")


def _entries(raw: bytes) -> list[_Entry]:
    """The entries, their data validated; those whose data is invalid already answered 422."""
    try:
        typed: list[Any] = TypedBatch.model_validate_json(raw).entries  # type: ignore[attr-defined]
    except ValidationError:
        batch = _parse(raw)
        entries = [_Entry(e.id, KINDS[e.kind], e.idempotency_key) for e in batch.entries]
        _validate(entries, [e.data for e in batch.entries])
    else:
        entries = [
            _Entry(e.id, KINDS[KindName(e.kind)], e.idempotency_key, body=e.data) for e in typed
        ]
    _refuse_duplicate_ids(entries)
    return entries


def _parse(raw: bytes) -> BatchRequest:
    try:
        return BatchRequest.model_validate_json(raw)
    except ValidationError as exc:
        raise RequestValidationError(
            [{**error, "loc": ("body", *error["loc"])} for error in exc.errors(include_url=False)]
        ) from None


def _refuse_duplicate_ids(entries: Sequence[_Entry]) -> None:
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            raise RequestValidationError(
                [
                    {
                        "type": "duplicate_entry_id",
                        "loc": ("body", "entries", "id"),
                        "msg": f"entry id {entry.id!r} is used twice; each entry needs its own",
                    }
                ]
            )
        seen.add(entry.id)


def _validate(entries: Sequence[_Entry], data: Sequence[dict[str, Any]]) -> None:
    for entry, submitted in zip(entries, data, strict=True):
        try:
            entry.body = entry.kind.model.model_validate(submitted)
        except ValidationError as exc:
            problems = [
                {
                    "field": ".".join(str(part) for part in error["loc"]) or "data",
                    "location": "body",
                    "rule": error["type"],
                    "message": error["msg"].removeprefix("Value error, "),
                }
                for error in exc.errors(include_url=False, include_input=False)
            ]
            summary = "; ".join(f"{p['field']}: {p['message']}" for p in problems)
            entry.refuse(422, f"invalid {entry.kind.name}: {summary}", problems=problems)


async def _authorise(
    entries: Sequence[_Entry], principal: Principal, resources: GatewayResources
) -> None:
    codes = {
        code
        for entry in entries
        if entry.body is not None and (code := entry.kind.registered_enterprise(entry.body))
    }
    registry = await registered_districts(resources, sorted(codes)) if codes else {}
    for entry in entries:
        if entry.body is None:
            continue
        code = entry.kind.registered_enterprise(entry.body)
        entry.registered_in = registry.get(code or "")
        too_early = campaign.before_campaign(entry.body, resources.settings.earliest_week)
        if too_early:
            name, why = too_early
            problem = {"field": name, "location": "body", "rule": campaign.RULE}
            entry.refuse(422, why, problems=[{**problem, "message": why}])
            continue
        try:
            entry.admitted = entry.kind.admit(principal, entry.body, entry.registered_in)
        except Forbidden as refusal:
            entry.refuse(403, str(refusal))
            continue
        data = entry.admitted.data
        entry.data_json = data.__pydantic_serializer__.to_json(data)


async def _claim_districts(entries: Sequence[_Entry], resources: GatewayResources) -> None:
    """Registrations claim their enterprise's district before they are published, as single
    ones do (publishing.submit); an entry that loses the claim is refused 403."""
    for entry in entries:
        admitted = entry.admitted
        if admitted is None or entry.result is not None or not entry.kind.places_enterprise:
            continue
        code = entry.kind.registered_enterprise(entry.body)
        if code is None or admitted.district_code is None:
            continue
        try:
            entry.district_claim = await claim_district(
                resources, code, admitted.district_code, entry.registered_in
            )
        except Forbidden as refusal:
            entry.refuse(403, str(refusal))


async def _release_unpublished_claims(
    entries: Sequence[_Entry], resources: GatewayResources
) -> None:
    """Give back the district claims of registrations the broker did not take (or that were
    refused after claiming): the register must not say what no published event said."""
    for entry in entries:
        accepted = entry.result is not None and entry.result["status"] == 202
        if entry.district_claim is not None and not accepted:
            await resources.enterprise_districts.release(entry.district_claim)


async def _claim_event_ids(
    entries: Sequence[_Entry], principal: Principal, resources: GatewayResources
) -> None:
    keyed = [e for e in entries if e.admitted is not None and e.idempotency_key is not None]
    claims = [
        Claim(e.kind.event_type, e.idempotency_key, json_digest(e.data_json))  # type: ignore[arg-type]
        for e in keyed
    ]
    event_ids = await resources.idempotency_keys.claim_all(principal.id, claims) if claims else []
    for entry, event_id in zip(keyed, event_ids, strict=True):
        if event_id is None:
            entry.refuse(
                422,
                f"idempotency_key {entry.idempotency_key} was already used for a "
                "different submission; use a new key for a new submission",
            )
        entry.event_id = event_id


async def _publish(
    entries: Sequence[_Entry], principal: Principal, resources: GatewayResources
) -> bool:
    """Publish the admitted entries, topic by topic; False when there was nothing to publish."""
    by_topic: dict[str, list[tuple[_Entry, EncodedEvent]]] = {}
    now = datetime.now(UTC)
    for entry in entries:
        if entry.admitted is None or entry.result is not None:
            continue
        subject = entry.kind.subject(entry.body)
        entry.event_id, value = encode_event(
            event_type=entry.kind.event_type,
            source=SOURCE,
            subject=subject,
            data=entry.admitted.data,
            event_id=entry.event_id,
            time=now,
            data_json=entry.data_json,
        )
        topic = topic_name(entry.kind.topic, resources.settings.topic_prefix)
        by_topic.setdefault(topic, []).append((entry, EncodedEvent(subject.encode(), value)))
    if not by_topic:
        return False
    outcomes = await asyncio.gather(
        *(
            resources.publisher.publish_all(topic, [event for _, event in pending])
            for topic, pending in by_topic.items()
        )
    )
    audit: list[AuditEntry] = []
    for pending, outcome in zip(by_topic.values(), outcomes, strict=True):
        acknowledged = 0
        for (entry, event), stored in zip(pending, outcome, strict=True):
            if not stored:
                entry.refuse(
                    503,
                    "the broker did not acknowledge this entry; send it again (with its "
                    "idempotency_key it is counted once whatever happened)",
                )
                continue
            acknowledged += 1
            entry.result = {"id": entry.id, "status": 202, "event_id": entry.event_id}
            audit.append(
                AuditEntry(
                    str(entry.event_id),
                    principal.id,
                    entry.admitted.district_code if entry.admitted else None,
                    entry.kind.event_type,
                    entry.kind.topic.name,
                    event.key.decode(),
                    now,
                    stated_dates(entry.admitted.data) if entry.admitted else None,
                )
            )
        EVENTS_PUBLISHED.labels(pending[0][0].kind.topic.name).inc(acknowledged)
    # After the broker's acks, as for single submissions: a retry of a lost entry is recorded once.
    await resources.audit.record_all(audit)
    return True
