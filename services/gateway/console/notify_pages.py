"""The notify page: return-to-work campaigns in the caller's scope, their messages by channel and
status, and the failures with their reasons (numbers masked)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.gateway.console import notify_figures
from services.gateway.console.downloads import register_tables
from services.gateway.console.rendering import NavEntry, render
from services.gateway.console.security import PREFIX, SessionDep
from services.gateway.console.tables import Table
from services.gateway.dependencies import GatewayResources, ResourcesDep
from services.gateway.domain.access import Principal

router = APIRouter(prefix=PREFIX, include_in_schema=False)
NAV = (NavEntry("campaigns", "通知进度"),)
"""This module's pages in the console's navigation (in the order `mount.py` gives)."""

TOTALS = (
    ("recipients", "收件人"),
    ("delivered", "已送达"),
    ("sent", "已发送"),
    ("pending", "待发送"),
    ("failed", "失败"),
    ("cancelled", "已取消"),
)


async def _tables(
    resources: GatewayResources, principal: Principal, week: str | None
) -> tuple[Table, ...]:
    return (await notify_figures.campaigns(resources, principal)).tables


register_tables("campaigns", _tables)


@router.get("/campaigns")
async def campaigns_page(
    request: Request, session: SessionDep, resources: ResourcesDep
) -> Response:
    shown = await notify_figures.campaigns(resources, session.principal)
    return render(
        request,
        "campaigns.html",
        session,
        current="campaigns",
        campaigns=shown,
        totals=TOTALS,
        tables=shown.tables,
    )
