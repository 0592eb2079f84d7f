"""Port: where monitoring keeps registrations, reports and the figures derived from them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from services.monitoring.domain.community import CommunityFigures, DistrictWeek
from services.monitoring.domain.figures import CellFigures, CellKey
from services.monitoring.domain.records import Record


class MonitoringStore(Protocol):
    async def record(self, records: Sequence[Record]) -> int:
        """Record a batch atomically and idempotently; return how many events were new.

        Events already recorded (same event id) are skipped, so a redelivered batch changes
        nothing. The figures of every cell the batch touches are brought up to date in the
        same transaction. Raises StoreUnavailable or RecordsRejected (services.platform.stream
        .store), recording nothing.
        """
        ...

    async def cells(self, week: str) -> dict[CellKey, CellFigures]:
        """The stored figures of one week (cells with at least one report)."""
        ...

    async def community(self, week: str) -> dict[DistrictWeek, CommunityFigures]:
        """The community points' sums per district for one week (districts with points)."""
        ...
