"""Port: where matching keeps the register, the postings with their audit trail, and the lists."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from services.matching.domain.demand import Cell, CellKey
from services.matching.domain.fairs import FairSummary
from services.matching.domain.postings import Posting
from services.matching.domain.recommend import Recommendation
from services.matching.domain.records import Record
from services.matching.domain.sharing import Shared


class MatchingStore(Protocol):
    async def record(self, records: Sequence[Record]) -> int:
        """Record a batch atomically and idempotently; return how many events were new.

        Events already recorded (same event id) are skipped. Posting changes apply in version
        order (those from further ahead wait), each opening and revision screened; the demand
        lists' cells the batch touches are brought up to date in the same transaction. Raises
        StoreUnavailable or RecordsRejected (services.platform.stream.store), recording nothing.
        """
        ...

    async def demand(self) -> dict[CellKey, Cell]:
        """Both lists' non-empty cells."""
        ...

    async def posting(self, posting_id: str) -> Posting | None: ...

    async def decisions(self, posting_id: str) -> list[tuple[int, str, str]]:
        """The audit trail of a posting: (version, outcome, decided by), in the order decided."""
        ...

    async def officer(self, credit_code: str) -> tuple[str, str] | None:
        """A key enterprise's officer (district, staff number), if it has one."""
        ...

    async def fair(self, fair_id: str) -> FairSummary | None:
        """A job fair: its enterprises, the postings it shows now, registrations, interests,
        the officials' counts, and the events that could not apply."""
        ...

    async def sharing(self) -> Shared:
        """Labour sharing: every proposal (best first) and every declaration's standing."""
        ...

    async def recommendations(self, seeker_id: str) -> list[Recommendation]:
        """A seeker's list, best first (empty once they withdraw)."""
        ...

    async def notices_queued(self) -> dict[tuple[str, str], dict[str, str]]:
        """Notices to consenting seekers, by (seeker, posting): the template's values."""
        ...

    async def active_job_seekers(self) -> dict[tuple[str, str], int]:
        """Active seekers by (district, major group of the occupation wanted most)."""
        ...
