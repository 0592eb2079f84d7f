"""What the matching pages show, read through the API's own route functions (the demand lists
and the review queue), so a figure or a held posting on a page is the API's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from services.contracts.demand import DemandList
from services.contracts.identifiers import district, industry_section, occupation_group
from services.gateway.console.tables import Column, Kind, Table, local_minute
from services.gateway.dependencies import GatewayResources
from services.gateway.domain.access import Principal
from services.gateway.routes import demand_lists as demand_list_routes
from services.gateway.routes import posting_reviews as review_routes
from services.gateway.routes.postings import PostingOut

DEMAND_CELLS = (
    Column("district_name", "区"),
    Column("industry_name", "行业门类"),
    Column("occupation_name", "职业大类"),
    Column("open_postings", "在招岗位", Kind.COUNT),
    Column("open_vacancies", "岗位空缺（人）", Kind.COUNT),
    Column("updated_at", "更新时间"),
)


@dataclass(frozen=True)
class DemandListShown:
    key: str
    """The list's API name, e.g. `key_enterprises`."""
    name: str
    open_postings: int
    open_vacancies: int
    table: Table


def _section_name(code: str) -> str:
    return f"{code} {industry_section(code).name_zh}"


def _group_name(code: str) -> str:
    return f"{code} {occupation_group(code).name_zh}"


async def demand_lists(
    resources: GatewayResources, principal: Principal
) -> tuple[DemandListShown, ...]:
    """Both lists in the caller's scope, cell by cell, with their totals."""
    shown = []
    for which in DemandList:
        answer = await demand_list_routes.demand_list(
            demand_list=which, principal=principal, resources=resources, district_code=None
        )
        rows = [
            {
                **cell.model_dump(),
                "industry_name": _section_name(cell.industry_section),
                "occupation_name": _group_name(cell.occupation_group),
                "updated_at": local_minute(cell.updated_at),
            }
            for cell in answer.cells
        ]
        shown.append(
            DemandListShown(
                key=which.value,
                name=answer.name,
                open_postings=sum(cell.open_postings for cell in answer.cells),
                open_vacancies=sum(cell.open_vacancies for cell in answer.cells),
                table=Table(which.value.replace("_", "-"), answer.name, DEMAND_CELLS, rows),
            )
        )
    return tuple(shown)


FIELD_NAMES = {
    "title": "岗位名称",
    "description": "岗位描述",
    "address": "工作地点",
    "working_hours": "工作时间",
    "required_certificates": "资格证书",
}

RULE_NAMES = {
    "region.origin": "地域歧视",
    "hukou": "户籍限制",
    "id_prefix": "身份证号段限制",
    "past_infection": "既往感染歧视",
}
"""Screening's rules (`services/matching/domain/screening/`) as officials name them."""

HELD = (
    Column("district_name", "工作地区"),
    Column("title", "岗位名称"),
    Column("headcount", "招聘人数", Kind.COUNT),
    Column("credit_code", "统一社会信用代码"),
    Column("rules", "筛查规则", wrap=True),
    Column("matched", "命中文字", wrap=True),
    Column("reasons", "暂缓理由", wrap=True),
    Column("changed_at", "提交时间"),
    Column("posting_id", "岗位编号", Kind.ID),
)


def _held_row(posting: PostingOut) -> dict[str, Any]:
    findings = posting.findings
    return {
        "row_key": posting.posting_id,
        "posting_id": posting.posting_id,
        "version": posting.version,
        "district_name": district(posting.details["district_code"]).name_zh,
        "credit_code": posting.credit_code,
        "title": posting.details.get("title"),
        "headcount": posting.details.get("headcount"),
        "rules": "；".join(
            f"{RULE_NAMES.get(f.rule, f.rule)}（{FIELD_NAMES.get(f.field, f.field)}）"
            for f in findings
        ),
        "matched": "；".join(f.matched for f in findings),
        "reasons": "；".join(f.reason for f in findings),
        "description": posting.details.get("description"),
        "changed_at": local_minute(posting.changed_at),
    }


async def held_postings(resources: GatewayResources, principal: Principal) -> Table:
    """The review queue in the caller's scope, oldest first, each with what screening found."""
    answer = await review_routes.held_postings(
        principal=principal, resources=resources, district_code=None
    )
    return Table("held", "待审核岗位", HELD, [_held_row(p) for p in answer.postings])
