"""The gateway's ports: what its routes need from the outside, each with a real adapter
(`adapters/`) and an in-memory fake (`adapters/memory.py`) so routes are tested in-process."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol
from uuid import UUID

from pydantic import BaseModel

from services.gateway.domain.access import Principal

Row = dict[str, Any]
"""A row of a published view, by column name."""


class PrincipalKeys(Protocol):
    async def principal_for(self, key: str) -> Principal | None:
        """The principal a key is bound to, or None for an unknown or revoked key."""
        ...


class IdempotencyStore(Protocol):
    async def claim(self, principal: str, event_type: str, key: UUID, data: BaseModel) -> str:
        """The event id for this request; raises IdempotencyKeyReused for another request."""
        ...


class ReadinessProbe(Protocol):
    async def reachable(self) -> bool: ...


class Views(Protocol):
    """The views other services publish, as the gateway reads them."""

    async def indicators(self, week: str) -> list[Row]: ...

    async def community_indicators(self, week: str) -> list[Row]: ...

    async def compliance_summary(self, week: str) -> list[Row]: ...

    async def compliance(self, week: str, district_code: str | None) -> list[Row]: ...

    async def warnings(self, district_code: str | None, status: str | None) -> list[Row]: ...

    async def warning(self, warning_id: str) -> Row | None: ...

    async def registered_district(self, credit_code: str) -> str | None: ...

    async def recorded_reports(self, credit_code: str, week: str | None) -> list[Row]: ...


@dataclass(frozen=True)
class AuditEntry:
    """An accepted write: who sent which event about which district (no body: personal data)."""

    event_id: str
    principal: str
    district_code: str | None
    event_type: str
    topic: str
    subject: str
    accepted_at: datetime = field(default_factory=lambda: datetime.now(UTC))


class AuditLog(Protocol):
    async def record(self, entry: AuditEntry) -> None:
        """Keep the entry once per event id."""
        ...

    async def entries(self, district_code: str | None, limit: int) -> list[AuditEntry]:
        """The newest entries about a district (every district for None), newest first."""
        ...
