"""The gateway's ports: what its routes need from the outside, each with a real adapter
(`adapters/`) and an in-memory fake (`adapters/memory.py`) so routes are tested in-process."""

from __future__ import annotations

from collections.abc import Sequence
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


@dataclass(frozen=True)
class Claim:
    """One submission of a batch sent with an Idempotency-Key."""

    event_type: str
    key: UUID
    data: BaseModel


class IdempotencyStore(Protocol):
    async def claim(self, principal: str, event_type: str, key: UUID, data: BaseModel) -> str:
        """The event id for this request; raises IdempotencyKeyReused for another request."""
        ...

    async def claim_all(self, principal: str, claims: Sequence[Claim]) -> list[str | None]:
        """`claim` for many at once: each one's event id, or None where its key was reused."""
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

    async def registered_districts(self, credit_codes: Sequence[str]) -> dict[str, str]:
        """`registered_district` for many: the registered ones among them, by credit code."""
        ...

    async def recorded_reports(self, credit_code: str, week: str | None) -> list[Row]: ...

    async def service_officer(self, credit_code: str) -> str | None:
        """The principal id of the employment service officer assigned to a key enterprise."""
        ...


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

    async def record_all(self, entries: Sequence[AuditEntry]) -> None:
        """`record` for many, in one write."""
        ...

    async def entries(self, district_code: str | None, limit: int) -> list[AuditEntry]:
        """The newest entries about a district (every district for None), newest first."""
        ...
