"""The posters page: each district's service posters in the caller's scope, as PDF or PNG."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response

from services.contracts.identifiers import DistrictCode, all_districts
from services.gateway.console.rendering import NavEntry, render
from services.gateway.console.security import PREFIX, SessionDep
from services.gateway.dependencies import ResourcesDep
from services.gateway.domain.service_halls import SERVICE_NAMES, PublicService
from services.gateway.posters import district_posters, render_pdf, render_png

router = APIRouter(prefix=PREFIX, include_in_schema=False)
NAV = (NavEntry("posters", "宣传海报"),)
"""This module's pages in the console's navigation (in the order `mount.py` gives)."""


@router.get("/posters")
async def posters_page(request: Request, session: SessionDep) -> Response:
    own = session.principal.district_code
    districts = [d for d in all_districts() if own in (None, d.code)]
    return render(
        request,
        "posters.html",
        session,
        current="posters",
        districts=districts,
        services=list(SERVICE_NAMES.items()),
    )


@router.get("/posters/{district_code}/{service}.{kind}")
async def poster_file(
    session: SessionDep,
    resources: ResourcesDep,
    district_code: Annotated[DistrictCode, Path()],
    service: PublicService,
    kind: Literal["pdf", "png"],
) -> Response:
    session.principal.ensure_may_read_district(district_code)
    posters = await district_posters(resources.service_register, district_code)
    content = next(p for p in posters if p.service is service)
    body = render_pdf(content) if kind == "pdf" else render_png(content)
    filename = f"{content.file_stem}.{kind}"
    return Response(
        body,
        media_type="application/pdf" if kind == "pdf" else "image/png",
        headers={"content-disposition": f'inline; filename="{filename}"'},
    )
