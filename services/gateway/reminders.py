"""Reminders an official asks for: a weekly-report reminder to each enterprise in their scope that
has not reported, through notify's requests topic, as monitoring's deadline job asks for them."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import datetime
from uuid import UUID, uuid5

from services.contracts.notifications import (
    NOTIFICATION_REQUESTED,
    NotificationRequest,
    RecipientKind,
    Template,
)
from services.contracts.topics import NOTIFY_REQUESTS
from services.gateway.dependencies import GatewayResources
from services.gateway.domain.access import Principal
from services.gateway.publishing import publish

REQUESTED_BY = "gateway"


async def remind_missing(
    resources: GatewayResources,
    principal: Principal,
    *,
    week: str,
    deadline: datetime | None,
    missing: Sequence[tuple[str, str]],
    request_id: UUID,
) -> int:
    """Ask notify to remind each (credit code, district) in `missing`; return how many.

    Each reminder's idempotency key is derived from the official's request and the enterprise,
    so the same request sent twice (a double click, a retry) is one reminder per enterprise.
    """
    parameters = {"week": week}
    if deadline is not None:
        parameters["deadline"] = deadline.isoformat()

    async def remind(credit_code: str, district_code: str) -> str:
        return await publish(
            resources,
            principal,
            NOTIFY_REQUESTS,
            event_type=NOTIFICATION_REQUESTED,
            subject=credit_code,
            data=NotificationRequest(
                recipient_kind=RecipientKind.ENTERPRISE,
                recipient=credit_code,
                template=Template.WEEKLY_REPORT_REMINDER,
                parameters=parameters,
                requested_by=REQUESTED_BY,
            ),
            idempotency_key=uuid5(request_id, credit_code),
            district_code=district_code,
        )

    sent = await asyncio.gather(*(remind(code, district) for code, district in missing))
    return len(sent)
