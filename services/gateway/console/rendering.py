"""Rendering the console's pages: one Jinja2 environment, one navigation, shared context."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from services.contracts.identifiers import district
from services.gateway.console.sessions import ConsoleSession
from services.gateway.console.tables import local_minute, shown

HERE = Path(__file__).parent
STATIC = HERE / "static"
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.filters["shown"] = shown
templates.env.filters["local_minute"] = local_minute


@dataclass(frozen=True)
class NavEntry:
    slug: str
    """Its address under /console."""
    title: str


NAV: list[NavEntry] = []
"""The pages in the console's navigation, in order: `mount.py` registers each page module's."""


def register_page(entry: NavEntry) -> None:
    if all(each.slug != entry.slug for each in NAV):
        NAV.append(entry)


def scope_name(session: ConsoleSession) -> str:
    code = session.principal.district_code
    return f"{district(code).name_zh}人社局" if code else "市人社局（全市）"


def render(
    request: Request,
    template: str,
    session: ConsoleSession | None,
    *,
    current: str = "",
    status_code: int = 200,
    **context: Any,
) -> HTMLResponse:
    settings = request.app.state.resources.settings
    return templates.TemplateResponse(
        request,
        template,
        {
            "nav": NAV,
            "current": current,
            "session": session,
            "scope_name": scope_name(session) if session else "",
            "csrf_token": session.csrf_token if session else "",
            "refresh_seconds": settings.console_refresh_seconds,
            **context,
        },
        status_code=status_code,
    )
