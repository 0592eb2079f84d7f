"""The monitoring pages: overview, reporting compliance (with reminders) and early warnings;
their tables download through `downloads.py`."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated
from uuid import UUID, uuid4

from fastapi import APIRouter, Depends, Form, Path, Query, Request, status
from fastapi.responses import RedirectResponse, Response

from services.contracts.identifiers import IsoWeek, week_of_instant
from services.contracts.warnings import WarningId
from services.gateway.console import figures
from services.gateway.console.downloads import register_tables
from services.gateway.console.rendering import NavEntry, render
from services.gateway.console.security import PREFIX, SessionDep, check_csrf, check_form_size
from services.gateway.console.sessions import form_request_id
from services.gateway.console.tables import Table
from services.gateway.dependencies import GatewayResources, ResourcesDep
from services.gateway.domain.access import Principal
from services.gateway.reminders import remind_missing
from services.gateway.routes import warnings as warning_routes

router = APIRouter(prefix=PREFIX, include_in_schema=False)
NAV = (
    NavEntry("overview", "总览"),
    NavEntry("compliance", "报送情况"),
    NavEntry("warnings", "预警"),
)
"""This module's pages in the console's navigation (in the order `mount.py` gives)."""

WeekQuery = Annotated[IsoWeek | None, Query(description="ISO week; the latest with figures")]


async def reported_week(resources: GatewayResources, week: str | None) -> str:
    """The week asked for, else the latest with figures (this week before any)."""
    if week is not None:
        return week
    reported = await resources.views.reported_weeks()
    return reported[-1] if reported else week_of_instant(datetime.now(UTC))


async def due_week(resources: GatewayResources, week: str | None) -> str | None:
    """The week asked for, else the latest whose deadline was handled (None before any)."""
    if week is not None:
        return week
    handled = await resources.views.compliance_weeks()
    return handled[-1] if handled else None


async def _week(resources: ResourcesDep, week: WeekQuery = None) -> str:
    return await reported_week(resources, week)


ShownWeek = Annotated[str, Depends(_week)]


async def _weeks(resources: ResourcesDep) -> list[str]:
    return list(reversed(await resources.views.reported_weeks()))


async def _overview_tables(
    resources: GatewayResources, principal: Principal, week: str | None
) -> tuple[Table, ...]:
    shown = await figures.overview(resources, principal, await reported_week(resources, week))
    return shown.tables


async def _compliance_tables(
    resources: GatewayResources, principal: Principal, week: str | None
) -> tuple[Table, ...]:
    due = await due_week(resources, week)
    return () if due is None else (await figures.compliance(resources, principal, due)).tables


async def _warning_tables(
    resources: GatewayResources, principal: Principal, week: str | None
) -> tuple[Table, ...]:
    return (await figures.open_warnings(resources, principal),)


register_tables("overview", _overview_tables)
register_tables("compliance", _compliance_tables)
register_tables("warnings", _warning_tables)


@router.get("/overview")
async def overview_page(
    request: Request, session: SessionDep, resources: ResourcesDep, week: ShownWeek
) -> Response:
    shown = await figures.overview(resources, session.principal, week)
    return render(
        request,
        "overview.html",
        session,
        current="overview",
        week=week,
        weeks=await _weeks(resources),
        overview=shown,
        five=figures.FIVE,
        tables=shown.tables,
    )


@router.get("/compliance")
async def compliance_page(
    request: Request,
    session: SessionDep,
    resources: ResourcesDep,
    week: WeekQuery = None,
    sent: Annotated[int | None, Query(ge=0)] = None,
) -> Response:
    """The latest week whose deadline was handled, by default: earlier ones are in the picker."""
    due = await due_week(resources, week)
    shown = None if due is None else await figures.compliance(resources, session.principal, due)
    return render(
        request,
        "compliance.html",
        session,
        current="compliance",
        week=due,
        weeks=list(reversed(await resources.views.compliance_weeks())),
        compliance=shown,
        tables=shown.tables if shown else (),
        request_id=str(uuid4()),
        sent=sent,
    )


@router.post("/compliance/reminders", dependencies=[Depends(check_form_size)])
async def send_reminders(
    session: SessionDep,
    resources: ResourcesDep,
    week: Annotated[IsoWeek, Form()],
    request_id: Annotated[UUID, Form()],
    csrf_token: Annotated[str, Form(max_length=100)],
) -> Response:
    check_csrf(session.csrf_token, csrf_token)
    shown = await figures.compliance(resources, session.principal, week)
    sent = await remind_missing(
        resources,
        session.principal,
        week=week,
        deadline=shown.deadline,
        missing=shown.missing,
        request_id=request_id,
    )
    return RedirectResponse(
        f"{PREFIX}/compliance?week={week}&sent={sent}", status.HTTP_303_SEE_OTHER
    )


@router.get("/warnings")
async def warnings_page(
    request: Request,
    session: SessionDep,
    resources: ResourcesDep,
    acknowledged: Annotated[WarningId | None, Query()] = None,
) -> Response:
    table = await figures.open_warnings(resources, session.principal)
    return render(
        request,
        "warnings.html",
        session,
        current="warnings",
        week=None,
        tables=(table,),
        warnings=table,
        acknowledged=acknowledged,
        request_ids={
            row["warning_id"]: form_request_id(session, "acknowledge", row["warning_id"])
            for row in table.rows
        },
    )


@router.post("/warnings/{warning_id}/acknowledgement", dependencies=[Depends(check_form_size)])
async def acknowledge_warning(
    session: SessionDep,
    resources: ResourcesDep,
    warning_id: Annotated[WarningId, Path()],
    request_id: Annotated[UUID, Form()],
    csrf_token: Annotated[str, Form(max_length=100)],
    note: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    check_csrf(session.csrf_token, csrf_token)
    await warning_routes.acknowledge(
        warning_id=warning_id,
        body=warning_routes.AcknowledgementIn(note=note.strip() or None),
        principal=session.principal,
        resources=resources,
        idempotency_key=request_id,
    )
    return RedirectResponse(
        f"{PREFIX}/warnings?acknowledged={warning_id}", status.HTTP_303_SEE_OTHER
    )
