"""The labour-sharing page (共享用工, 四(三)): proposals in the caller's scope with their reasons,
the 2020 guidance's checks and each side's answer; the open declarations; and the enterprises
whose weekly report shows surplus staff they have not declared. Read through `GET /v1/sharing/
proposals` and `GET /v1/sharing/declarations`' own functions, so the page shows the API's rows
under the API's scope."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.contracts.identifiers import district, occupation_group
from services.contracts.identifiers.occupations import group_of_occupation
from services.gateway.console.downloads import register_tables
from services.gateway.console.rendering import NavEntry, render
from services.gateway.console.security import PREFIX, SessionDep
from services.gateway.console.tables import Column, Kind, Table, local_minute
from services.gateway.dependencies import GatewayResources, ResourcesDep
from services.gateway.domain.access import Principal
from services.gateway.routes import sharing as sharing_routes
from services.gateway.routes.sharing_models import DeclarationOut, ProposalOut

router = APIRouter(prefix=PREFIX, include_in_schema=False)
NAV = (NavEntry("sharing", "共享用工"),)
"""This module's pages in the console's navigation (in the order `mount.py` gives)."""

PROPOSAL_STATUS = {
    "open": "待双方确认",
    "agreed": "已达成",
    "declined": "已拒绝",
    "retired": "已失效",
}
ANSWER_NAMES = {"pending": "未答复", "accepted": "同意", "declined": "拒绝"}
KIND_NAMES = {"surplus": "富余（可借出）", "shortage": "缺工（需借入）"}

PROPOSALS = (
    Column("lender_credit_code", "借出企业"),
    Column("lender_district_name", "借出区"),
    Column("borrower_credit_code", "借入企业"),
    Column("borrower_district_name", "借入区"),
    Column("occupation_name", "职业", wrap=True),
    Column("count", "人数", Kind.COUNT),
    Column("period", "期间"),
    Column("reasons", "推荐理由", wrap=True),
    Column("checks", "政策核查", wrap=True),
    Column("lender_answer_name", "借出方答复"),
    Column("borrower_answer_name", "借入方答复"),
    Column("status_name", "状态"),
    Column("proposal_id", "方案编号", Kind.ID),
)
DECLARATIONS = (
    Column("kind_name", "类型"),
    Column("credit_code", "统一社会信用代码"),
    Column("district_name", "区"),
    Column("occupation_name", "职业"),
    Column("count", "申报人数", Kind.COUNT),
    Column("remaining", "尚未安排", Kind.COUNT),
    Column("period", "期间"),
    Column("declared_at", "申报时间"),
    Column("declaration_id", "申报编号", Kind.ID),
)
HINTS = (
    Column("credit_code", "统一社会信用代码"),
    Column("district_name", "区"),
    Column("week", "周次"),
    Column("surplus_staff_available", "可调剂富余员工", Kind.COUNT),
    Column("prompt", "提示", wrap=True),
)


@dataclass(frozen=True)
class Sharing:
    open_proposals: int
    agreed_workers: int
    """Staff lent in agreed arrangements."""
    open_declarations: int
    hints: int
    tables: tuple[Table, ...]


def _occupation(code: str) -> str:
    return f"{code} {occupation_group(group_of_occupation(code)).name_zh}"


def _proposal_row(p: ProposalOut) -> dict[str, Any]:
    return {
        "row_key": p.proposal_id,
        "proposal_id": p.proposal_id,
        "lender_credit_code": p.lender_credit_code,
        "lender_district_name": district(p.lender_district_code).name_zh,
        "borrower_credit_code": p.borrower_credit_code,
        "borrower_district_name": district(p.borrower_district_code).name_zh,
        "occupation_name": _occupation(p.occupation_code),
        "count": p.count,
        "period": f"{p.period_from} 至 {p.period_to}",
        "reasons": "；".join(p.reasons),
        "checks": "；".join(f"{'符合' if c.passed else '待确认'}：{c.text}" for c in p.checks),
        "lender_answer_name": ANSWER_NAMES.get(p.lender_answer, p.lender_answer),
        "borrower_answer_name": ANSWER_NAMES.get(p.borrower_answer, p.borrower_answer),
        "status": p.status,
        "status_name": PROPOSAL_STATUS.get(p.status, p.status),
    }


def _declaration_row(d: DeclarationOut) -> dict[str, Any]:
    return {
        "row_key": d.declaration_id,
        "declaration_id": d.declaration_id,
        "kind_name": KIND_NAMES.get(d.kind, d.kind),
        "credit_code": d.credit_code,
        "district_name": district(d.district_code).name_zh,
        "occupation_name": _occupation(d.occupation_code),
        "count": d.count,
        "remaining": d.remaining,
        "period": f"{d.period_from} 至 {d.period_to}",
        "declared_at": local_minute(d.declared_at),
    }


async def sharing(resources: GatewayResources, principal: Principal) -> Sharing:
    proposals = await sharing_routes.proposals(
        principal=principal, resources=resources, district=None
    )
    declared = await sharing_routes.declarations(
        principal=principal, resources=resources, district=None
    )
    open_declarations = [d for d in declared.declarations if d.status == "open"]
    hints = [
        {**h.model_dump(), "row_key": h.credit_code,
         "district_name": district(h.district_code).name_zh}
        for h in declared.hints
    ]  # fmt: skip
    return Sharing(
        open_proposals=sum(p.status == "open" for p in proposals.proposals),
        agreed_workers=sum(p.count for p in proposals.proposals if p.status == "agreed"),
        open_declarations=len(open_declarations),
        hints=len(hints),
        tables=(
            Table(
                "proposals",
                "共享用工方案",
                PROPOSALS,
                list(map(_proposal_row, proposals.proposals)),
            ),
            Table(
                "declarations",
                "在办申报",
                DECLARATIONS,
                [_declaration_row(d) for d in open_declarations],
            ),
            Table("hints", "有富余员工但未申报的企业", HINTS, hints),
        ),
    )


async def _tables(
    resources: GatewayResources, principal: Principal, week: str | None
) -> tuple[Table, ...]:
    return (await sharing(resources, principal)).tables


register_tables("sharing", _tables)


@router.get("/sharing")
async def sharing_page(request: Request, session: SessionDep, resources: ResourcesDep) -> Response:
    shown = await sharing(resources, session.principal)
    return render(
        request,
        "sharing.html",
        session,
        current="sharing",
        sharing=shown,
        tables=shown.tables,
    )
