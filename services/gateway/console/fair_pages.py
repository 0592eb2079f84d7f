"""The online job fair page (线上招聘会, 二(一)): the fairs the caller organises (a district's own;
the city bureau every fair) with their window and counts, and per fair registrations and
interest by origin region and by enterprise. Read through `GET /v1/fairs` and `GET /v1/fairs/
{id}/counts`' own functions and access rule, so officials see counts only, never a registrant."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.contracts.fairs import labour_regions
from services.contracts.identifiers import district
from services.gateway.console.downloads import register_tables
from services.gateway.console.rendering import NavEntry, render
from services.gateway.console.security import PREFIX, SessionDep
from services.gateway.console.tables import Column, Kind, Table, local_minute
from services.gateway.dependencies import GatewayResources, ResourcesDep
from services.gateway.domain import fair_access
from services.gateway.domain.access import Principal
from services.gateway.routes import fairs as fair_routes
from services.gateway.routes.fair_models import CountOut, FairOut

router = APIRouter(prefix=PREFIX, include_in_schema=False)
NAV = (NavEntry("fairs", "线上招聘会"),)
"""This module's pages in the console's navigation (in the order `mount.py` gives)."""

THEME_NAMES = {
    "general": "综合",
    "key_enterprises": "重点企业专场",
    "graduates": "高校毕业生专场",
    "partner_region_migrants": "劳务协作地区外来务工人员专场",
}
TOTALS = (("enterprises", "参会企业"), ("postings", "展示岗位"), ("registrations", "报名人数"))

FAIRS = (
    Column("title", "招聘会", wrap=True),
    Column("theme_name", "专场"),
    Column("organiser_name", "主办"),
    Column("starts_at", "开始时间"),
    Column("ends_at", "结束时间"),
    Column("state", "状态"),
    Column("enterprises", "参会企业", Kind.COUNT),
    Column("postings", "展示岗位", Kind.COUNT),
    Column("registrations", "报名人数", Kind.COUNT),
    Column("fair_id", "招聘会编号", Kind.ID),
)
BY_REGION = (
    Column("fair_title", "招聘会", wrap=True),
    Column("region_name", "来源地区"),
    Column("registrations", "报名人数", Kind.COUNT),
    Column("interests", "投递意向", Kind.COUNT),
)
BY_ENTERPRISE = (
    Column("fair_title", "招聘会", wrap=True),
    Column("credit_code", "统一社会信用代码"),
    Column("interests", "投递意向", Kind.COUNT),
)


@dataclass(frozen=True)
class Fairs:
    total: dict[str, int]
    tables: tuple[Table, ...]


def _state(fair: FairOut) -> str:
    if fair.open:
        return "进行中"
    return "已结束" if fair.ends_at <= datetime.now(UTC) else "未开始"


def _fair_row(fair: FairOut) -> dict[str, Any]:
    organiser = fair.organiser_district
    return {
        **fair.model_dump(include={"fair_id", "title", "enterprises", "postings", "registrations"}),
        "row_key": fair.fair_id,
        "theme_name": THEME_NAMES.get(fair.theme, fair.theme),
        "organiser_name": f"{district(organiser).name_zh}人社局" if organiser else "市人社局",
        "starts_at": local_minute(fair.starts_at),
        "ends_at": local_minute(fair.ends_at),
        "state": _state(fair),
    }


def _region_name(code: str) -> str:
    return labour_regions().get(code, (code, False))[0]


def _count_row(fair: FairOut, count: CountOut, **named: str) -> dict[str, Any]:
    return {
        "row_key": f"{fair.fair_id}/{count.value}",
        "fair_id": fair.fair_id,
        "fair_title": fair.title,
        **count.model_dump(),
        **named,
    }


async def fairs(resources: GatewayResources, principal: Principal) -> Fairs:
    """The fairs whose figures the caller reads, and each one's counts."""
    listed = await fair_routes.list_fairs(principal=principal, resources=resources)
    shown = [f for f in listed.fairs if fair_access.is_organiser(principal, f.organiser_district)]
    by_region: list[dict[str, Any]] = []
    by_enterprise: list[dict[str, Any]] = []
    for fair in shown:
        counts = await fair_routes.fair_counts(
            fair_id=fair.fair_id, principal=principal, resources=resources
        )
        by_region += [
            _count_row(fair, c, region=c.value, region_name=_region_name(c.value))
            for c in counts.by_origin_region
        ]
        by_enterprise += [_count_row(fair, c, credit_code=c.value) for c in counts.by_enterprise]
    return Fairs(
        total={key: sum(int(getattr(f, key)) for f in shown) for key, _ in TOTALS},
        tables=(
            Table("fairs", "线上招聘会", FAIRS, [_fair_row(f) for f in shown]),
            Table("by-region", "按来源地区", BY_REGION, by_region),
            Table("by-enterprise", "按参会企业", BY_ENTERPRISE, by_enterprise),
        ),
    )


async def _tables(
    resources: GatewayResources, principal: Principal, week: str | None
) -> tuple[Table, ...]:
    return (await fairs(resources, principal)).tables


register_tables("fairs", _tables)


@router.get("/fairs")
async def fairs_page(request: Request, session: SessionDep, resources: ResourcesDep) -> Response:
    shown = await fairs(resources, session.principal)
    return render(
        request, "fairs.html", session, current="fairs", fairs=shown, totals=TOTALS,
        tables=shown.tables,
    )  # fmt: skip
