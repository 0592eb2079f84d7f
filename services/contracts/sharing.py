"""Labour sharing (用工调剂, 四(三)): declarations and answers on `matching.labour-offers`.

An enterprise declares staff it can lend for a while (surplus) or staff it lacks (shortage);
matching pairs them into proposals and each enterprise accepts or declines a proposal it is party
to. Every event is keyed by the acting enterprise's credit code, so one enterprise's declarations,
closures and answers stay in order on one partition. Whether a declaration may be shared at all
(the 2020 national guidance: consent, the lender stays the employer, no fee, within the labour
contract) is decided by matching, which keeps the reasons for the enterprise to read.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from services.contracts.identifiers import CreditCode, DistrictCode, OccupationCode

SURPLUS_DECLARED = "cn.fugong.matching.sharing.surplus-declared.v1"
SHORTAGE_DECLARED = "cn.fugong.matching.sharing.shortage-declared.v1"
DECLARATION_CLOSED = "cn.fugong.matching.sharing.declaration-closed.v1"
PROPOSAL_ANSWERED = "cn.fugong.matching.sharing.proposal-answered.v1"

SharingId = Annotated[
    str,
    Field(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"),
]
MAX_SHARED = 10_000
MAX_PERIOD_DAYS = 366


class SharingNeed(BaseModel):
    """What both kinds of declaration state: which staff, how many, when and where."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    occupation_code: OccupationCode
    count: int = Field(ge=1, le=MAX_SHARED, description="people")
    period_from: date
    period_to: date
    district_code: DistrictCode = Field(description="where the staff are, or where the work is")
    conditions: str = Field(
        "", max_length=500, examples=["需持健康证，企业提供班车"], description="in plain words"
    )

    @model_validator(mode="after")
    def _period_is_a_period(self) -> Self:
        if self.period_to < self.period_from:
            raise ValueError("period_to must not be before period_from")
        if (self.period_to - self.period_from).days >= MAX_PERIOD_DAYS:
            raise ValueError(f"a sharing period is at most {MAX_PERIOD_DAYS} days")
        return self


class SurplusDetails(SharingNeed):
    """Staff an enterprise can lend: the guidance's terms are stated, and matching checks them."""

    contract_end: date = Field(
        description="the earliest labour-contract end among the staff offered: the loan must "
        "end by then"
    )
    fee_per_worker_month: int = Field(
        0,
        ge=0,
        le=1_000_000,
        description="yuan a month per worker asked of the borrower beyond wages and social "
        "insurance (the guidance allows none)",
    )
    employer_retained: bool = Field(
        True,
        description="the lending enterprise stays the employer (pays wages and social insurance)",
    )


class ShortageDetails(SharingNeed):
    """Staff an enterprise lacks for a while."""


class _Declaration(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    declaration_id: SharingId
    credit_code: CreditCode = Field(description="the declaring enterprise")


class SurplusDeclared(SurplusDetails, _Declaration):
    """Payload of `cn.fugong.matching.sharing.surplus-declared.v1`."""


class ShortageDeclared(ShortageDetails, _Declaration):
    """Payload of `cn.fugong.matching.sharing.shortage-declared.v1`."""


class DeclarationClosingReason(StrEnum):
    WITHDRAWN = "withdrawn"
    FILLED = "filled"  # met elsewhere: no more proposals needed


class DeclarationClosed(_Declaration):
    """Payload of `cn.fugong.matching.sharing.declaration-closed.v1`: no new proposals, and the
    ones not yet agreed retire."""

    reason: DeclarationClosingReason


class Answer(StrEnum):
    ACCEPT = "accept"
    DECLINE = "decline"


class ProposalAnswered(BaseModel):
    """Payload of `cn.fugong.matching.sharing.proposal-answered.v1`: one party's answer."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    proposal_id: SharingId
    credit_code: CreditCode = Field(description="the answering enterprise")
    answer: Answer
    workers_consented: bool = Field(
        False,
        description="the lender confirms each worker lent has agreed (required to accept)",
    )
    reason: str = Field("", max_length=500)
