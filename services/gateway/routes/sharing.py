"""Labour sharing (用工调剂 / 共享用工, 四(三)): enterprises declare surplus staff or shortages and
answer the proposals matching pairs them into; their officers and the district's officials and
assistants read. Matching checks the 2020 national guidance and keeps the proposals live.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, status
from fastapi.exceptions import RequestValidationError

from services.contracts.identifiers import DistrictCode
from services.contracts.sharing import (
    DECLARATION_CLOSED,
    PROPOSAL_ANSWERED,
    SHORTAGE_DECLARED,
    SURPLUS_DECLARED,
    Answer,
    DeclarationClosed,
    ProposalAnswered,
    SharingId,
    ShortageDeclared,
    SurplusDeclared,
)
from services.contracts.topics import LABOUR_OFFERS
from services.gateway.dependencies import PrincipalDep, ResourcesDep
from services.gateway.domain.access import Principal
from services.gateway.publishing import publish
from services.gateway.routes.sharing_models import (
    AnswerAccepted,
    AnswerIn,
    DeclarationAccepted,
    DeclarationClosingIn,
    DeclarationOut,
    DeclarationsOut,
    HintOut,
    ProposalOut,
    ProposalsOut,
    ShortageIn,
    SurplusIn,
)
from services.gateway.routes.submissions import IdempotencyKey

router = APIRouter(prefix="/v1/sharing", tags=["labour sharing"])

_NAMESPACE = uuid.UUID("2d6f8a0c-4e1b-4c3d-9e5f-7a9b1c3d5e7f")
DistrictQuery = Annotated[DistrictCode | None, Query(alias="district")]


@router.post("/surplus", status_code=status.HTTP_202_ACCEPTED)
async def declare_surplus(
    body: SurplusIn, principal: PrincipalDep, resources: ResourcesDep,
    idempotency_key: IdempotencyKey = None,
) -> DeclarationAccepted:  # fmt: skip
    """Declare staff your enterprise can lend (matching refuses terms the guidance forbids)."""
    principal.ensure_may_share_staff_for(body.credit_code)
    declaration_id = _new_id(principal, idempotency_key)
    data = SurplusDeclared(**body.model_dump(), declaration_id=declaration_id)
    return await _declare(resources, principal, SURPLUS_DECLARED, data, idempotency_key)


@router.post("/shortages", status_code=status.HTTP_202_ACCEPTED)
async def declare_shortage(
    body: ShortageIn, principal: PrincipalDep, resources: ResourcesDep,
    idempotency_key: IdempotencyKey = None,
) -> DeclarationAccepted:  # fmt: skip
    """Declare staff your enterprise lacks for a while."""
    principal.ensure_may_share_staff_for(body.credit_code)
    declaration_id = _new_id(principal, idempotency_key)
    data = ShortageDeclared(**body.model_dump(), declaration_id=declaration_id)
    return await _declare(resources, principal, SHORTAGE_DECLARED, data, idempotency_key)


@router.post("/declarations/{declaration_id}/close", status_code=status.HTTP_202_ACCEPTED)
async def close_declaration(
    declaration_id: Annotated[SharingId, Path()], body: DeclarationClosingIn,
    principal: PrincipalDep, resources: ResourcesDep, idempotency_key: IdempotencyKey = None,
) -> DeclarationAccepted:  # fmt: skip
    """Withdraw one of your declarations, or say it is met: its proposals not agreed retire."""
    mine = _own_enterprise(principal)
    row = await resources.views.sharing_declaration(declaration_id)
    if row is None or row["credit_code"] != mine:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no declaration {declaration_id} of yours")
    if row["status"] != "open":
        raise HTTPException(status.HTTP_409_CONFLICT, f"the declaration is {row['status']}")
    data = DeclarationClosed(declaration_id=declaration_id, credit_code=mine, reason=body.reason)
    event_id = await publish(
        resources, principal, LABOUR_OFFERS, event_type=DECLARATION_CLOSED, subject=mine, data=data,
        idempotency_key=idempotency_key, district_code=row["district_code"],
    )  # fmt: skip
    return DeclarationAccepted(event_id=event_id, declaration_id=declaration_id)


@router.get("/declarations")
async def declarations(
    principal: PrincipalDep, resources: ResourcesDep, district: DistrictQuery = None
) -> DeclarationsOut:
    """Declarations in your scope (your own; your key enterprises'; your district's), and
    enterprises whose weekly report shows surplus staff they have not declared."""
    scope = principal.sharing_scope(district)
    rows = await resources.views.sharing_declarations(scope)
    hints = await resources.views.surplus_hints(scope)
    return DeclarationsOut(
        declarations=[DeclarationOut.model_validate(row) for row in rows],
        hints=[HintOut(**row, prompt=_prompt(row)) for row in hints],
    )


@router.get("/proposals")
async def proposals(
    principal: PrincipalDep, resources: ResourcesDep, district: DistrictQuery = None
) -> ProposalsOut:
    """Proposals in your scope (your enterprise's either side; your key enterprises'; either
    side in your district): open ones first, best first."""
    rows = await resources.views.sharing_proposals(principal.sharing_scope(district))
    return ProposalsOut(proposals=[ProposalOut.model_validate(row) for row in rows])


@router.get("/proposals/{proposal_id}")
async def read_proposal(
    proposal_id: Annotated[SharingId, Path()], principal: PrincipalDep, resources: ResourcesDep
) -> ProposalOut:
    """A proposal in your scope: its reasons, the guidance's checks, each side's answer."""
    row = await _proposal_in_scope(resources, principal, proposal_id)
    return ProposalOut.model_validate(row)


@router.post("/proposals/{proposal_id}/answer", status_code=status.HTTP_202_ACCEPTED)
async def answer_proposal(
    proposal_id: Annotated[SharingId, Path()], body: AnswerIn, principal: PrincipalDep,
    resources: ResourcesDep, idempotency_key: IdempotencyKey = None,
) -> AnswerAccepted:  # fmt: skip
    """Accept or decline a proposal your enterprise is party to; the lender accepts only with
    its workers' consent."""
    mine = _own_enterprise(principal)
    row = await resources.views.sharing_proposal(proposal_id)
    if row is None or mine not in (row["lender_credit_code"], row["borrower_credit_code"]):
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no proposal {proposal_id} of yours")
    if row["status"] != "open":
        raise HTTPException(status.HTTP_409_CONFLICT, f"the proposal is {row['status']}")
    lending = mine == row["lender_credit_code"]
    if lending and body.answer is Answer.ACCEPT and not body.workers_consented:
        raise RequestValidationError([{
            "loc": ("body", "workers_consented"), "type": "consent_required",
            "msg": "the lending enterprise accepts only with each lent worker's consent "
                   "(劳动者同意): confirm it with workers_consented",
        }])  # fmt: skip
    data = ProposalAnswered(proposal_id=proposal_id, credit_code=mine, **body.model_dump())
    event_id = await publish(
        resources, principal, LABOUR_OFFERS, event_type=PROPOSAL_ANSWERED, subject=mine, data=data,
        idempotency_key=idempotency_key, district_code=row["lender_district_code" if lending
                                                            else "borrower_district_code"],
    )  # fmt: skip
    return AnswerAccepted(event_id=event_id, proposal_id=proposal_id)


def _own_enterprise(principal: Principal) -> str:
    mine = principal.credit_code or ""
    principal.ensure_may_share_staff_for(mine)  # Forbidden for all but enterprises
    return mine


def _new_id(principal: Principal, idempotency_key: uuid.UUID | None) -> str:
    # A retry with the same Idempotency-Key names the same declaration, so it is the same request.
    if idempotency_key is None:
        return str(uuid.uuid4())
    return str(uuid.uuid5(_NAMESPACE, f"{principal.id}/{idempotency_key}"))


async def _declare(
    resources: ResourcesDep,
    principal: Principal,
    event_type: str,
    data: SurplusDeclared | ShortageDeclared,
    idempotency_key: IdempotencyKey,
) -> DeclarationAccepted:
    event_id = await publish(
        resources, principal, LABOUR_OFFERS, event_type=event_type, subject=data.credit_code,
        data=data, idempotency_key=idempotency_key, district_code=data.district_code,
    )  # fmt: skip
    return DeclarationAccepted(event_id=event_id, declaration_id=data.declaration_id)


async def _proposal_in_scope(
    resources: ResourcesDep, principal: Principal, proposal_id: str
) -> dict[str, Any]:
    row = await resources.views.sharing_proposal(proposal_id)
    if row is not None:
        parties = [
            (row[f"{side}_credit_code"], row[f"{side}_district_code"],
             await resources.views.service_officer(row[f"{side}_credit_code"]))
            for side in ("lender", "borrower")
        ]  # fmt: skip
        if principal.may_read_sharing(parties):
            return row
    else:
        principal.sharing_scope(None)  # callers who never read sharing: 403, not 404
    raise HTTPException(status.HTTP_404_NOT_FOUND, f"no proposal {proposal_id} in your scope")


def _prompt(row: dict[str, Any]) -> str:
    return (
        f"{row['week']}周报显示有{row['surplus_staff_available']}名可调剂富余员工，尚未申报共享用工"
    )
