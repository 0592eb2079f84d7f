"""Every console table as CSV or Excel: each page registers where its tables come from, and one
route serves them all with the same columns and rows the page shows."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Path, Query, status
from fastapi.responses import Response

from services.contracts.identifiers import IsoWeek
from services.gateway.console.security import PREFIX, SessionDep
from services.gateway.console.tables import CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE, Table, as_csv, as_xlsx
from services.gateway.dependencies import GatewayResources, ResourcesDep
from services.gateway.domain.access import Principal

TableSource = Callable[[GatewayResources, Principal, str | None], Awaitable[tuple[Table, ...]]]
"""A page's tables for a caller and a week (None: the week the page shows by default)."""

SOURCES: dict[str, TableSource] = {}

router = APIRouter(prefix=PREFIX, include_in_schema=False)


def register_tables(page: str, source: TableSource) -> None:
    SOURCES[page] = source


@router.get("/{page}/tables/{name}.{kind}")
async def download_table(
    session: SessionDep,
    resources: ResourcesDep,
    page: Annotated[str, Path(max_length=40)],
    name: Annotated[str, Path(max_length=40)],
    kind: Literal["csv", "xlsx"],
    week: Annotated[IsoWeek | None, Query()] = None,
) -> Response:
    source = SOURCES.get(page)
    if source is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no page {page} with tables")
    tables = await source(resources, session.principal, week)
    table = next((t for t in tables if t.name == name), None)
    if table is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no table {name} on page {page}")
    filename = f"{page}-{name}-{week}.{kind}" if week else f"{page}-{name}.{kind}"
    return Response(
        as_csv(table) if kind == "csv" else as_xlsx(table),
        media_type=CSV_MEDIA_TYPE if kind == "csv" else XLSX_MEDIA_TYPE,
        headers={"content-disposition": f'attachment; filename="{filename}"'},
    )
