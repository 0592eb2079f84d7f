"""Labour sharing for tests: declarations as enterprises send them (the API's bodies) and as the
matching processor records them, and answers to proposals."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

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
