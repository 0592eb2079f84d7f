"""Labour sharing's events on `matching.labour-offers`, and the record each becomes."""

from __future__ import annotations

from typing import Any

from services.contracts.envelope import CloudEvent
from services.contracts.sharing import (
    DECLARATION_CLOSED,
    PROPOSAL_ANSWERED,
    SHORTAGE_DECLARED,
    SURPLUS_DECLARED,
    Answer,
    DeclarationClosed,
    ProposalAnswered,
    ShortageDeclared,
    SurplusDeclared,
)
from services.matching.domain.sharing import AnswerGiven, Closure, Declaration, Kind
from services.platform.stream.events import Route

SharingRecord = Declaration | Closure | AnswerGiven


def surplus_record(event: CloudEvent[SurplusDeclared]) -> Declaration:
    data = event.data
    return _declaration(event, Kind.SURPLUS, data.contract_end, data.fee_per_worker_month,
                        data.employer_retained)  # fmt: skip


def shortage_record(event: CloudEvent[ShortageDeclared]) -> Declaration:
    return _declaration(event, Kind.SHORTAGE, None, 0, True)


def _declaration(
    event: CloudEvent[Any], kind: Kind, contract_end: Any, fee: int, retained: bool
) -> Declaration:
    data = event.data
    return Declaration(
        event_id=event.id,
        declaration_id=data.declaration_id,
        kind=kind,
        credit_code=data.credit_code,
        occupation_code=data.occupation_code,
        count=data.count,
        period_from=data.period_from,
        period_to=data.period_to,
        district_code=data.district_code,
        conditions=data.conditions,
        declared_at=event.time,
        contract_end=contract_end,
        fee_per_worker_month=fee,
        employer_retained=retained,
    )


def closure_record(event: CloudEvent[DeclarationClosed]) -> Closure:
    data = event.data
    return Closure(event.id, data.declaration_id, data.credit_code, data.reason.value, event.time)


def answer_record(event: CloudEvent[ProposalAnswered]) -> AnswerGiven:
    data = event.data
    return AnswerGiven(
        event_id=event.id,
        proposal_id=data.proposal_id,
        credit_code=data.credit_code,
        accept=data.answer is Answer.ACCEPT,
        workers_consented=data.workers_consented,
        reason=data.reason,
        at=event.time,
    )


SHARING_ROUTES: tuple[Route[Any, SharingRecord], ...] = (
    Route(SURPLUS_DECLARED, SurplusDeclared, surplus_record, "credit_code"),
    Route(SHORTAGE_DECLARED, ShortageDeclared, shortage_record, "credit_code"),
    Route(DECLARATION_CLOSED, DeclarationClosed, closure_record, "credit_code"),
    Route(PROPOSAL_ANSWERED, ProposalAnswered, answer_record, "credit_code"),
)
