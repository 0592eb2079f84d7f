"""In-memory MatchingStore for unit tests; the contract tests hold it to the PostgreSQL one."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime

from services.matching.adapters.memory_fairs import InMemoryFairs
from services.matching.domain import seeker_lists
from services.matching.domain.demand import Cell, CellKey, EnterpriseFacts, demand_cells
from services.matching.domain.fairs import FairSummary
from services.matching.domain.postings import (
    Decision,
    Posting,
    PostingChange,
    Review,
    Screen,
    advance,
    review,
)
from services.matching.domain.recommend import Recommendation
from services.matching.domain.records import (
    FAIR_RECORDS,
    Record,
    RecordEnterprise,
    RecordOfficer,
    ranking_day,
)
from services.matching.domain.seekers import (
    SeekerChange,
    open_posting,
    primary_group,
    seeker_profile,
)
from services.matching.domain.sharing import AnswerGiven, Closure, Declaration, Shared, share


class InMemoryMatchingStore:
    def __init__(self, screen: Screen) -> None:
        self._screen = screen
        self.processed: set[str] = set()
        self.enterprises: dict[str, RecordEnterprise] = {}
        self.officers: dict[str, RecordOfficer] = {}
        self.postings: dict[str, Posting] = {}
        self.pending: dict[str, list[PostingChange]] = defaultdict(list)
        self.audit: dict[str, list[Decision]] = defaultdict(list)
        self.fairs = InMemoryFairs()
        self.sharing_records: list[Declaration | Closure | AnswerGiven] = []
        self.seekers: dict[str, SeekerChange] = {}
        self.lists: dict[str, list[Recommendation]] = {}
        self.notices: dict[tuple[str, str], dict[str, str]] = {}

    async def record(self, records: Sequence[Record]) -> int:
        new = list({r.event_id: r for r in records if r.event_id not in self.processed}.values())
        self.processed.update(r.event_id for r in new)
        for record in new:
            if isinstance(record, RecordEnterprise):
                known = self.enterprises.get(record.credit_code)
                if known is None or record.registered_at >= known.registered_at:
                    self.enterprises[record.credit_code] = record
            elif isinstance(record, RecordOfficer):
                current = self.officers.get(record.credit_code)
                if current is None or record.assigned_at >= current.assigned_at:
                    self.officers[record.credit_code] = record
        self.sharing_records += [
            r for r in new if isinstance(r, Declaration | Closure | AnswerGiven)
        ]
        changes = [r for r in new if isinstance(r, PostingChange)]
        reviews = [r for r in new if isinstance(r, Review)]
        for posting_id in sorted({r.posting_id for r in changes} | {r.posting_id for r in reviews}):
            mine = [c for c in changes if c.posting_id == posting_id]
            step = advance(
                self.postings.get(posting_id), [*self.pending[posting_id], *mine], self._screen
            )
            posting = step.posting
            self.pending[posting_id] = list(step.pending)
            self.audit[posting_id].extend(step.decisions)
            for decided in (r for r in reviews if r.posting_id == posting_id):
                posting, decision = review(posting, decided)
                self.audit[posting_id].append(decision)
            if posting is not None:
                self.postings[posting_id] = posting
        self.fairs.record(r for r in new if isinstance(r, FAIR_RECORDS))
        changed = []
        for seeker in sorted((r for r in new if isinstance(r, SeekerChange)), key=_order):
            if seeker.supersedes(self.seekers.get(seeker.seeker_id)):
                self.seekers[seeker.seeker_id] = changed_to = seeker
                changed.append(changed_to.seeker_id)
        touched = sorted({r.posting_id for r in changes} | {r.posting_id for r in reviews})
        if changed or touched:
            self._refresh(changed, touched, ranking_day(new))
        return len(new)

    def _refresh(self, changed: list[str], touched: list[str], today: date) -> None:
        """`seekers_sql.refresh_lists` over everything in memory (the reference)."""
        key = {code for code, r in self.enterprises.items() if r.key_category is not None}
        postings = {pid: open_posting(p, p.credit_code in key) for pid, p in self.postings.items()}
        seekers = {
            sid: seeker_profile(sid, c.profile)
            for sid, c in self.seekers.items()
            if c.profile is not None
        }
        moving = [postings[p] for p in touched if p in postings]
        others = {s: p for s, p in seekers.items() if s not in changed}
        updated, rebuild = seeker_lists.after_postings(others, self.lists, moving, today)
        for sid in sorted(rebuild | (set(changed) & set(seekers))):
            opened = (p for p in postings.values() if p.is_open)
            updated[sid] = seeker_lists.rebuilt(seekers[sid], opened, today)
        for sid in set(self.lists) - set(seekers):
            del self.lists[sid]
        for sid, listed in sorted(updated.items()):
            profile = self.seekers[sid].profile
            if profile is not None and profile.consent_to_contact:
                for notice in seeker_lists.notices(self.lists.get(sid, ()), listed, postings):
                    self.notices.setdefault((sid, notice.posting_id), notice.parameters)
            if listed:
                self.lists[sid] = listed
            else:
                self.lists.pop(sid, None)

    async def demand(self) -> dict[CellKey, Cell]:
        facts = {
            code: EnterpriseFacts(code, r.industry_section, r.key_category is not None)
            for code, r in self.enterprises.items()
        }
        return demand_cells(self.postings.values(), facts)

    async def posting(self, posting_id: str) -> Posting | None:
        return self.postings.get(posting_id)

    async def decisions(self, posting_id: str) -> list[tuple[int, str, str]]:
        return [(d.version, d.outcome, d.decided_by) for d in self.audit[posting_id]]

    async def officer(self, credit_code: str) -> tuple[str, str] | None:
        enterprise = self.enterprises.get(credit_code)
        assigned = self.officers.get(credit_code)
        if enterprise is None or enterprise.key_category is None or assigned is None:
            return None
        return assigned.district_code, assigned.staff_id

    async def fair(self, fair_id: str) -> FairSummary | None:
        return self.fairs.summary(fair_id, self.postings)

    async def sharing(self) -> Shared:
        records = self.sharing_records
        return share(
            [r for r in records if isinstance(r, Declaration)],
            [r for r in records if isinstance(r, Closure)],
            [r for r in records if isinstance(r, AnswerGiven)],
            {c: r.industry_division for c, r in self.enterprises.items() if r.industry_division},
        )

    async def recommendations(self, seeker_id: str) -> list[Recommendation]:
        return list(self.lists.get(seeker_id, ()))

    async def notices_queued(self) -> dict[tuple[str, str], dict[str, str]]:
        return dict(self.notices)

    async def active_job_seekers(self) -> dict[tuple[str, str], int]:
        counts: dict[tuple[str, str], int] = defaultdict(int)
        for change in self.seekers.values():
            if change.profile is not None:
                counts[change.profile.district_code, primary_group(change.profile)] += 1
        return dict(counts)


def _order(change: SeekerChange) -> tuple[datetime, str]:
    return change.at, change.event_id
