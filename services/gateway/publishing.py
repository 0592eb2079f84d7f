"""Turning an accepted request into an event on its topic."""

from __future__ import annotations

from uuid import UUID

from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel

from services.contracts.envelope import new_event
from services.contracts.topics import TopicSpec, topic_name
from services.gateway import campaign
from services.gateway.adapters.idempotency_keys import IdempotencyKeyReused
from services.gateway.dependencies import GatewayResources
from services.gateway.domain.access import Principal
from services.gateway.enterprise_scope import claim_district, registered_district
from services.gateway.ports import AuditEntry
from services.gateway.submission_kinds import SubmissionKind, stated_dates
from services.platform.kafka import PublishFailed
from services.platform.metrics import EVENTS_PUBLISHED

SOURCE = "/fugong/gateway"


async def publish(
    resources: GatewayResources,
    principal: Principal,
    topic: TopicSpec,
    *,
    event_type: str,
    subject: str,
    data: BaseModel,
    idempotency_key: UUID | None,
    district_code: str | None,
) -> str:
    """Publish and return the event id once the broker has acknowledged the event.

    A client that retries with the same Idempotency-Key gets the same event id, which every
    consumer records once however often it arrives; reusing a key for another request is refused.
    The write is then kept in the audit log under the district it concerns (if known).
    """
    return await publish_for(
        resources, principal.id, topic, event_type=event_type, subject=subject, data=data,
        idempotency_key=idempotency_key, district_code=district_code,
    )  # fmt: skip


async def publish_for(
    resources: GatewayResources,
    actor: str,
    topic: TopicSpec,
    *,
    event_type: str,
    subject: str,
    data: BaseModel,
    idempotency_key: UUID | None,
    district_code: str | None,
) -> str:
    """`publish` for an actor that is not an API key's principal (a fair's registrant)."""
    event_id = (
        await resources.idempotency_keys.claim(actor, event_type, idempotency_key, data)
        if idempotency_key
        else None
    )
    event = new_event(
        event_type=event_type, source=SOURCE, subject=subject, data=data, event_id=event_id
    )
    await resources.publisher.publish(topic_name(topic, resources.settings.topic_prefix), event)
    EVENTS_PUBLISHED.labels(topic.name).inc()
    # After the broker's ack: should this fail, the client's retry (same Idempotency-Key) writes
    # it; the event itself is counted once either way.
    await resources.audit.record(
        AuditEntry(
            event.id,
            actor,
            district_code,
            event_type,
            topic.name,
            subject,
            stated=stated_dates(data),
        )
    )
    return event.id


async def submit(
    resources: GatewayResources,
    principal: Principal,
    kind: SubmissionKind,
    body: BaseModel,
    idempotency_key: UUID | None,
) -> str:
    """One submission of a kind: the caller's rights checked, then published.

    A registration claims its enterprise's district in the gateway's register first, and gives
    the claim back if the event is not published: of two districts registering the same
    enterprise at once, one wins, and the register never says what no event said.
    """
    too_early = campaign.before_campaign(body, resources.settings.earliest_week)
    if too_early:
        name, why = too_early
        raise RequestValidationError([{"type": campaign.RULE, "loc": ("body", name), "msg": why}])
    code = kind.registered_enterprise(body)
    registered_in = await registered_district(resources, code) if code else None
    admitted = kind.admit(principal, body, registered_in)
    claim = (
        await claim_district(resources, code, admitted.district_code, registered_in)
        if kind.places_enterprise and code and admitted.district_code
        else None
    )
    try:
        return await publish(
            resources,
            principal,
            kind.topic,
            event_type=kind.event_type,
            subject=kind.subject(body),
            data=admitted.data,
            idempotency_key=idempotency_key,
            district_code=admitted.district_code,
        )
    except (PublishFailed, IdempotencyKeyReused):
        if claim is not None:
            await resources.enterprise_districts.release(claim)
        raise
