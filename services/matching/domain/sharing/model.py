"""What labour sharing reads and produces, as plain values (no IO)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class Kind(StrEnum):
    SURPLUS = "surplus"  # staff an enterprise can lend
    SHORTAGE = "shortage"  # staff an enterprise lacks


@dataclass(frozen=True, slots=True)
class Declaration:
    """A declaration as recorded: what was declared, when, and when it closed (if it has)."""

    event_id: str
    declaration_id: str
    kind: Kind
    credit_code: str
    occupation_code: str  # 职业分类大典 大类-中类-小类-职业
    count: int
    period_from: date
    period_to: date
    district_code: str
    conditions: str
    declared_at: datetime
    contract_end: date | None = None  # surplus only: the earliest labour-contract end
    fee_per_worker_month: int = 0  # surplus only: asked beyond wages and social insurance
    employer_retained: bool = True  # surplus only: the lender stays the employer


@dataclass(frozen=True, slots=True)
class Closure:
    """A declaration withdrawn, or met elsewhere; only its own enterprise can close it."""

    event_id: str
    declaration_id: str
    credit_code: str
    reason: str  # withdrawn | filled
    at: datetime


@dataclass(frozen=True, slots=True)
class AnswerGiven:
    """One enterprise's answer to a proposal, as it was sent."""

    event_id: str
    proposal_id: str
    credit_code: str
    accept: bool
    workers_consented: bool
    reason: str
    at: datetime


class ProposalStatus(StrEnum):
    OPEN = "open"  # waiting for an answer from either side
    AGREED = "agreed"  # both accepted, the lender with its workers' consent: an arrangement
    DECLINED = "declined"  # one side declined
    RETIRED = "retired"  # a declaration closed, or its staff went to another arrangement


class Side(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


@dataclass(frozen=True, slots=True)
class Check:
    """One rule of the guidance as it stands for a proposal: passed, or pending and why."""

    rule: str
    passed: bool
    text: str


@dataclass(frozen=True, slots=True)
class Proposal:
    proposal_id: str
    surplus_id: str
    shortage_id: str
    lender: str  # credit code; the lender stays the employer
    borrower: str
    occupation_code: str  # the surplus staff's occupation
    count: int
    period_from: date
    period_to: date
    contract_end: date  # the lender's declared labour-contract end
    lender_district: str
    borrower_district: str
    industry_closeness: int  # 2 same division, 1 same section, 0 otherwise or not known
    occupation_levels: int  # levels of the occupation code shared, 1 to 4
    distance_km: float
    overlap_days: int
    reasons: tuple[str, ...]
    checks: tuple[Check, ...]
    status: ProposalStatus
    lender_answer: Side
    borrower_answer: Side
    notes: tuple[str, ...] = ()  # answers that did not count, and why

    @property
    def employer(self) -> str:
        return self.lender


class DeclarationStatus(StrEnum):
    OPEN = "open"
    REFUSED = "refused"  # the guidance does not allow it: see its refusals
    WITHDRAWN = "withdrawn"
    FILLED = "filled"


@dataclass(frozen=True, slots=True)
class Standing:
    """What became of a declaration: its status, staff not yet arranged, and any refusals."""

    declaration_id: str
    status: DeclarationStatus
    remaining: int
    refusals: tuple[str, ...]
