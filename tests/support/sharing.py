"""Labour sharing for tests: declarations as enterprises send them (the API's bodies) and as the
matching processor records them, and answers to proposals."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from services.contracts.envelope import CloudEvent, new_event
from services.contracts.sharing import (
    DECLARATION_CLOSED,
    PROPOSAL_ANSWERED,
    SHORTAGE_DECLARED,
    SURPLUS_DECLARED,
    Answer,
    DeclarationClosed,
    DeclarationClosingReason,
    ProposalAnswered,
    ShortageDeclared,
    SurplusDeclared,
)
from services.matching.domain.sharing import AnswerGiven, Closure, Declaration, Kind

T0 = datetime(2020, 2, 17, 9, 0, tzinfo=UTC)


def declaration_id(n: int) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"tests/sharing/{n}"))


def surplus_body(**overrides: Any) -> dict[str, Any]:
    """Staff a restaurant can lend while its dining room is closed (the API's body)."""
    body: dict[str, Any] = {
        "occupation_code": "4-03-02-05",
        "count": 20,
        "period_from": "2020-02-20",
        "period_to": "2020-04-30",
        "district_code": "310104",
        "conditions": "员工均持健康证，可接受倒班",
        "contract_end": "2020-12-31",
        "fee_per_worker_month": 0,
        "employer_retained": True,
    }
    return {**body, **overrides}


def shortage_body(**overrides: Any) -> dict[str, Any]:
    """Staff a supermarket lacks while demand is high (the API's body)."""
    body: dict[str, Any] = {
        "occupation_code": "4-03-02-01",
        "count": 15,
        "period_from": "2020-03-01",
        "period_to": "2020-05-31",
        "district_code": "310115",
        "conditions": "理货、分拣，提供工作餐",
    }
    return {**body, **overrides}


def declared(
    n: int,
    kind: Kind,
    credit_code: str,
    *,
    at: datetime = T0,
    occupation: str = "4-03-02-05",
    count: int = 10,
    period: tuple[date, date] = (date(2020, 3, 1), date(2020, 4, 30)),
    district: str = "310115",
    contract_end: date | None = date(2020, 12, 31),
    fee: int = 0,
    employer_retained: bool = True,
) -> Declaration:
    return Declaration(
        event_id=f"declared-{n}",
        declaration_id=declaration_id(n),
        kind=kind,
        credit_code=credit_code,
        occupation_code=occupation,
        count=count,
        period_from=period[0],
        period_to=period[1],
        district_code=district,
        conditions="",
        declared_at=at,
        contract_end=contract_end if kind is Kind.SURPLUS else None,
        fee_per_worker_month=fee,
        employer_retained=employer_retained,
    )


def closed(n: int, credit_code: str, *, at: datetime, reason: str = "withdrawn") -> Closure:
    return Closure(f"closed-{n}", declaration_id(n), credit_code, reason, at)


def answered(
    proposal_id: str,
    credit_code: str,
    *,
    accept: bool = True,
    consented: bool = False,
    minutes: int = 60,
    serial: int = 0,
) -> AnswerGiven:
    return AnswerGiven(
        event_id=f"answer-{proposal_id[:8]}-{credit_code[-6:]}-{minutes}-{serial}",
        proposal_id=proposal_id,
        credit_code=credit_code,
        accept=accept,
        workers_consented=consented,
        reason="",
        at=T0 + timedelta(minutes=minutes),
    )


def surplus_event(n: int, credit_code: str, minute: int = 0, **overrides: Any) -> CloudEvent[Any]:
    data = SurplusDeclared(**surplus_body(**overrides), declaration_id=declaration_id(n),
                           credit_code=credit_code)  # fmt: skip
    return _event(SURPLUS_DECLARED, data, minute)


def shortage_event(n: int, credit_code: str, minute: int = 0, **overrides: Any) -> CloudEvent[Any]:
    data = ShortageDeclared(**shortage_body(**overrides), declaration_id=declaration_id(n),
                            credit_code=credit_code)  # fmt: skip
    return _event(SHORTAGE_DECLARED, data, minute)


def closed_event(
    n: int, credit_code: str, minute: int, reason: str = "withdrawn"
) -> CloudEvent[Any]:
    data = DeclarationClosed(declaration_id=declaration_id(n), credit_code=credit_code,
                             reason=DeclarationClosingReason(reason))  # fmt: skip
    return _event(DECLARATION_CLOSED, data, minute)


def answer_event(
    proposal: str, credit_code: str, minute: int, *, accept: bool = True, consented: bool = False
) -> CloudEvent[Any]:
    data = ProposalAnswered(proposal_id=proposal, credit_code=credit_code,
                            answer=Answer.ACCEPT if accept else Answer.DECLINE,
                            workers_consented=consented)  # fmt: skip
    return _event(PROPOSAL_ANSWERED, data, minute)


def _event(event_type: str, data: Any, minute: int) -> CloudEvent[Any]:
    return new_event(
        event_type=event_type, source="/tests", subject=data.credit_code, data=data,
        time=T0 + timedelta(minutes=minute),
    )  # fmt: skip


def sharing_rows(
    borrower: str, lender: str, declaration: str, proposal: str, *, district: str
) -> tuple[list[dict[str, Any]], dict[str, Any], dict[str, Any]]:
    """Rows of matching's sharing views for the gateway's fakes: the borrower's open shortage
    (`declaration`), the lender's surplus, an open proposal pairing them (both in `district`),
    and a hint: the borrower's weekly report shows surplus staff it has not declared."""
    at = T0
    shortage = {
        **shortage_body(district_code=district), "declaration_id": declaration,
        "kind": "shortage", "credit_code": borrower, "remaining": 15, "status": "open",
        "refusals": [], "declared_at": at, "contract_end": None, "fee_per_worker_month": 0,
        "employer_retained": True,
    }  # fmt: skip
    surplus = {
        **surplus_body(district_code=district), "declaration_id": declaration_id(999),
        "kind": "surplus", "credit_code": lender, "remaining": 20, "status": "open",
        "refusals": [], "declared_at": at,
    }  # fmt: skip
    row = {
        "proposal_id": proposal, "surplus_id": surplus["declaration_id"],
        "shortage_id": declaration, "lender_credit_code": lender, "borrower_credit_code": borrower,
        "employer_credit_code": lender, "lender_district_code": district,
        "borrower_district_code": district, "occupation_code": "4-03-02-05", "count": 15,
        "period_from": date(2020, 3, 1), "period_to": date(2020, 4, 30), "industry_closeness": 2,
        "occupation_levels": 3, "distance_km": 5.0, "overlap_days": 61,
        "reasons": ["同属行业大类62"], "checks": [], "notes": [], "status": "open",
        "lender_answer": "pending", "borrower_answer": "pending", "changed_at": at,
    }  # fmt: skip
    hint = {"credit_code": borrower, "district_code": district, "week": "2020-W07",
            "surplus_staff_available": 12}  # fmt: skip
    return [shortage, surplus], row, hint
