"""The monitoring pages: overview, reporting compliance (with reminders) and early warnings,
and every table of them as CSV or Excel."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal
from uuid import UUID, uuid4

from fastapi import APIRouter, Depends, Form, HTTPException, Path, Query, Request, status
from fastapi.responses import RedirectResponse, Response

from services.contracts.identifiers import IsoWeek, week_of_instant
from services.contracts.warnings import WarningId
from services.gateway.console import figures
from services.gateway.console.rendering import register_page, render
from services.gateway.console.security import PREFIX, SessionDep, check_csrf, check_form_size
from services.gateway.console.tables import (
    CSV_MEDIA_TYPE,
    XLSX_MEDIA_TYPE,
    Table,
    as_csv,
    as_xlsx,
)
from services.gateway.dependencies import ResourcesDep
from services.gateway.reminders import remind_missing
from services.gateway.routes import warnings as warning_routes

router = APIRouter(prefix=PREFIX, include_in_schema=False)
register_page("overview", "总览")
register_page("compliance", "报送情况")
register_page("warnings", "预警")

WeekQuery = Annotated[IsoWeek | None, Query(description="ISO week; the latest reported one")]


async def _week(resources: ResourcesDep, week: WeekQuery = None) -> str:
    if week is not None:
        return week
    reported = await resources.views.reported_weeks()
    return reported[-1] if reported else week_of_instant(datetime.now(UTC))


ShownWeek = Annotated[str, Depends(_week)]


async def _weeks(resources: ResourcesDep) -> list[str]:
    return list(reversed(await resources.views.reported_weeks()))


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
    week: ShownWeek,
    sent: Annotated[int | None, Query(ge=0)] = None,
) -> Response:
    shown = await figures.compliance(resources, session.principal, week)
    return render(
        request,
        "compliance.html",
        session,
        current="compliance",
        week=week,
        weeks=await _weeks(resources),
        compliance=shown,
        tables=shown.tables,
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
        request_ids={row["warning_id"]: str(uuid4()) for row in table.rows},
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


@router.get("/{page}/tables/{name}.{kind}")
async def download_table(
    session: SessionDep,
    resources: ResourcesDep,
    week: ShownWeek,
    page: Literal["overview", "compliance", "warnings"],
    name: Annotated[str, Path(max_length=40)],
    kind: Literal["csv", "xlsx"],
) -> Response:
    tables: tuple[Table, ...]
    if page == "overview":
        tables = (await figures.overview(resources, session.principal, week)).tables
    elif page == "compliance":
        tables = (await figures.compliance(resources, session.principal, week)).tables
    else:
        tables = (await figures.open_warnings(resources, session.principal),)
    table = next((t for t in tables if t.name == name), None)
    if table is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no table {name} on page {page}")
    filename = f"{page}-{name}-{week}.{kind}"
    return Response(
        as_csv(table) if kind == "csv" else as_xlsx(table),
        media_type=CSV_MEDIA_TYPE if kind == "csv" else XLSX_MEDIA_TYPE,
        headers={"content-disposition": f'attachment; filename="{filename}"'},
    )
