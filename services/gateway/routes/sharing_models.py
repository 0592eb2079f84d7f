"""The labour-sharing routes' requests and answers (routes/sharing.py)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field

from services.contracts.identifiers import CreditCode
from services.contracts.sharing import (
    Answer,
    DeclarationClosingReason,
    ShortageDetails,
    SurplusDetails,
)
from services.gateway.api_examples import CREDIT_CODE, EVENT_ID, WEEK, examples

DECLARATION_ID = "3c9d7e2a-1b4f-5a6c-8d0e-2f4a6b8c0d1e"
PROPOSAL_ID = "8e2f4a6b-0c1d-5e3f-9a7b-1c3d5e7f9a0b"
LENDER = "913101040000001151"
SURPLUS_EXAMPLE: dict[str, Any] = {
    "occupation_code": "4-03-02-05",
    "count": 20,
    "period_from": "2020-02-20",
    "period_to": "2020-04-30",
    "district_code": "310115",
    "conditions": "员工均持健康证，可接受倒班",
    "contract_end": "2020-12-31",
    "fee_per_worker_month": 0,
    "employer_retained": True,
}
SHORTAGE_EXAMPLE: dict[str, Any] = {
    "occupation_code": "4-03-02-01",
    "count": 15,
    "period_from": "2020-03-01",
    "period_to": "2020-05-31",
    "district_code": "310115",
    "conditions": "理货、分拣，提供工作餐",
}


class SurplusIn(SurplusDetails):
    """Staff your enterprise can lend for a while, and the terms (checked against the 2020
    national guidance: the loan within the labour contract, you stay the employer, no fee)."""

    model_config = examples({"credit_code": CREDIT_CODE, **SURPLUS_EXAMPLE})

    credit_code: CreditCode


class ShortageIn(ShortageDetails):
    """Staff your enterprise lacks for a while."""

    model_config = examples({"credit_code": CREDIT_CODE, **SHORTAGE_EXAMPLE})

    credit_code: CreditCode


class DeclarationAccepted(BaseModel):
    """The broker has acknowledged the declaration; matching pairs it shortly."""

    model_config = examples(
        {"event_id": EVENT_ID, "declaration_id": DECLARATION_ID, "status": "accepted"}
    )

    event_id: str
    declaration_id: str
    status: str = "accepted"


class DeclarationClosingIn(BaseModel):
    """No more proposals for this declaration; those not agreed retire."""

    model_config = examples({"reason": "withdrawn"})

    reason: DeclarationClosingReason


class AnswerIn(BaseModel):
    """Your enterprise's answer to a proposal it is party to."""

    model_config = examples({"answer": "accept", "workers_consented": True, "reason": "同意借出"})

    answer: Answer
    workers_consented: bool = Field(
        False,
        description="the lender confirms each worker to be lent has agreed (required for the "
        "lender to accept)",
    )
    reason: str = Field("", max_length=500)


class AnswerAccepted(BaseModel):
    model_config = examples(
        {"event_id": EVENT_ID, "proposal_id": PROPOSAL_ID, "status": "accepted"}
    )

    event_id: str
    proposal_id: str
    status: str = "accepted"


class DeclarationOut(BaseModel):
    """A declaration and what became of it: open, refused (with the guidance's reasons),
    withdrawn or filled; `remaining` is the staff not yet in an agreed arrangement."""

    model_config = examples(
        {
            "declaration_id": DECLARATION_ID,
            "kind": "surplus",
            "credit_code": CREDIT_CODE,
            **SURPLUS_EXAMPLE,
            "remaining": 20,
            "status": "open",
            "refusals": [],
            "declared_at": "2020-02-17T09:00:00+08:00",
        }
    )

    declaration_id: str
    kind: str
    credit_code: str
    occupation_code: str
    count: int
    remaining: int
    period_from: date
    period_to: date
    district_code: str
    conditions: str
    contract_end: date | None
    fee_per_worker_month: int
    employer_retained: bool
    status: str
    refusals: list[str]
    declared_at: datetime


class HintOut(BaseModel):
    """Monitoring's weekly report says the enterprise has surplus staff, and it has declared
    none for sharing: a prompt to declare them."""

    model_config = examples(
        {
            "credit_code": CREDIT_CODE,
            "district_code": "310115",
            "week": WEEK,
            "surplus_staff_available": 12,
            "prompt": "2020-W07周报显示有12名可调剂富余员工，尚未申报共享用工",
        }
    )

    credit_code: str
    district_code: str
    week: str
    surplus_staff_available: int
    prompt: str


class DeclarationsOut(BaseModel):
    """Declarations in your scope, newest first, and hints for enterprises that reported
    surplus staff but have not declared them."""

    model_config = examples({"declarations": [], "hints": []})

    declarations: list[DeclarationOut]
    hints: list[HintOut]


class CheckOut(BaseModel):
    """One rule of the 2020 guidance as it stands for the proposal."""

    model_config = examples(
        {"rule": "no_fee", "passed": True, "text": "除工资和社会保险费外不收取费用"}
    )

    rule: str = Field(description="consent, employer, no_fee or within_contract")
    passed: bool
    text: str


class ProposalOut(BaseModel):
    """A pairing of surplus with shortage: why it ranks where it does, the guidance's checks,
    each side's answer. The lender stays the employer (`employer_credit_code`)."""

    model_config = examples(
        {
            "proposal_id": PROPOSAL_ID,
            "surplus_id": DECLARATION_ID,
            "shortage_id": "6a8b0c2d-4e6f-5a1b-8c3d-5e7f9a1b3c5d",
            "lender_credit_code": LENDER,
            "borrower_credit_code": CREDIT_CODE,
            "employer_credit_code": LENDER,
            "lender_district_code": "310104",
            "borrower_district_code": "310115",
            "occupation_code": "4-03-02-05",
            "count": 15,
            "period_from": "2020-03-01",
            "period_to": "2020-04-30",
            "industry_closeness": 2,
            "occupation_levels": 3,
            "distance_km": 11.5,
            "overlap_days": 61,
            "reasons": ["同属行业大类62", "同属一个职业小类（借出4-03-02-05，需求4-03-02-01）"],
            "checks": [
                {"rule": "no_fee", "passed": True, "text": "除工资和社会保险费外不收取费用"}
            ],
            "notes": [],
            "status": "open",
            "lender_answer": "pending",
            "borrower_answer": "accepted",
            "changed_at": "2020-02-17T09:00:00+08:00",
        }
    )

    proposal_id: str
    surplus_id: str
    shortage_id: str
    lender_credit_code: str
    borrower_credit_code: str
    employer_credit_code: str
    lender_district_code: str
    borrower_district_code: str
    occupation_code: str
    count: int
    period_from: date
    period_to: date
    industry_closeness: int = Field(description="2 same industry division, 1 same section")
    occupation_levels: int = Field(description="levels of the occupation code shared (1-4)")
    distance_km: float
    overlap_days: int
    reasons: list[str]
    checks: list[CheckOut]
    notes: list[str] = Field(description="answers that did not count, and why")
    status: str = Field(description="open, agreed, declined or retired")
    lender_answer: str
    borrower_answer: str
    changed_at: datetime


class ProposalsOut(BaseModel):
    """Proposals in your scope: open ones first, best first."""

    model_config = examples({"proposals": []})

    proposals: list[ProposalOut]
