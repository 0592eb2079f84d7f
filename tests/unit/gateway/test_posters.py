"""Posters of a district's services: what they say, and QR codes that read back to the right
address (decoded from the rendered PNG, as a phone would)."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime

import zxingcpp
from PIL import Image

from services.gateway.domain.posters import poster
from services.gateway.domain.service_halls import (
    ONE_NET_URL,
    Hall,
    PublicService,
    ServiceState,
    ServiceStatus,
)
from services.gateway.posters import render_pdf, render_png
from tests.unit.gateway.conftest import Gateway

HALL = Hall("310115-001", "浦东新区就业促进中心", "浦东新区合欢路2号")
CHANGED = datetime(2020, 2, 10, 2, tzinfo=UTC)


def _decoded(png: bytes) -> set[str]:
    return {found.text for found in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))}


def test_an_online_only_service_points_to_its_online_address_and_the_hotline() -> None:
    status = ServiceStatus(
        HALL.code,
        PublicService.SKILLS_ASSESSMENT,
        ServiceState.ONLINE_ONLY,
        "official:310115",
        CHANGED,
        online_url="https://pdjob.example.gov.cn/assessment",
    )
    content = poster("310115", "浦东新区", PublicService.SKILLS_ASSESSMENT, [HALL], [status])
    assert content.title == "浦东新区 · 职业技能评价"
    assert content.lines == ("浦东新区就业促进中心（浦东新区合欢路2号）：仅线上办理",)
    assert _decoded(render_png(content)) == {"https://pdjob.example.gov.cn/assessment", "tel:12333"}


def test_a_service_without_a_status_points_to_its_online_channel() -> None:
    resumed = ServiceStatus(
        HALL.code,
        PublicService.SKILLS_TRAINING,
        ServiceState.RESUMED,
        "official:310115",
        CHANGED,
        resumes_on=date(2020, 3, 2),
    )
    content = poster("310115", "浦东新区", PublicService.EMPLOYMENT_REGISTRATION, [HALL], [resumed])
    assert content.lines == ("浦东新区就业促进中心（浦东新区合欢路2号）：照常办理",)
    assert _decoded(render_png(content)) == {ONE_NET_URL, "tel:12333"}
    training = poster("310115", "浦东新区", PublicService.SKILLS_TRAINING, [HALL], [resumed])
    assert "2020年03月02日起恢复窗口办理" in training.lines[0]
    assert _decoded(render_png(training)) == {"tel:12333"}  # no online channel for it


def test_the_pdf_is_one_printable_page() -> None:
    content = poster("310115", "浦东新区", PublicService.JOB_INTRODUCTION, [HALL], [])
    pdf = render_pdf(content)
    assert pdf.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type /Page\b", pdf)) == 1
    assert b"STSong-Light" in pdf


async def test_the_console_serves_posters_of_the_officials_district_only(
    gateway: Gateway,
) -> None:
    from services.gateway.adapters.memory_sessions import InMemoryConsoleSessions
    from tests.unit.gateway.console_forms import official, sign_in

    gateway.transport.app.state.console_sessions = InMemoryConsoleSessions(gateway.keys)  # type: ignore[attr-defined]
    await gateway.register.save_hall(HALL, "official:310115")
    await sign_in(gateway.http, official(gateway, "310115"))
    png = await gateway.http.get("/console/posters/310115/job_introduction.png")
    assert png.headers["content-type"] == "image/png"
    assert _decoded(png.content) == {"https://jobs.rsj.sh.gov.cn", "tel:12333"}
    pdf = await gateway.http.get("/console/posters/310115/job_introduction.pdf")
    assert pdf.content.startswith(b"%PDF-")
    other = await gateway.http.get("/console/posters/310112/job_introduction.png")
    assert other.status_code == 403
