"""A stream worker's admin pages, in-process: the three operations pages and nothing else;
readiness follows every check. (Against a real worker, with faust's pages looked for:
tests/integration/platform/test_admin_ports_process.py.)"""

from __future__ import annotations

import httpx
import pytest

from services.platform.stream.admin_pages import admin_pages


def client(checks: dict[str, bool]) -> httpx.AsyncClient:
    async def readiness() -> dict[str, bool]:
        return checks

    app = admin_pages(readiness)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://worker")


async def test_ready_only_while_every_check_passes() -> None:
    checks = {"postgres": True, "kafka": True, "stream": True}
    async with client(checks) as admin:
        assert (await admin.get("/readyz")).status_code == 200
        checks["stream"] = False
        answer = await admin.get("/readyz")
    assert answer.status_code == 503
    assert answer.json() == {
        "ready": False,
        "checks": {"postgres": True, "kafka": True, "stream": False},
    }


async def test_liveness_and_metrics_are_served() -> None:
    async with client({}) as admin:
        assert (await admin.get("/healthz")).json() == {"status": "ok"}
        metrics = await admin.get("/metrics")
    assert metrics.headers["content-type"].startswith("text/plain")
    assert "python_info" in metrics.text


@pytest.mark.parametrize("page", ["/", "/router/", "/table/", "/graph/", "/stats/", "/docs"])
async def test_nothing_else_is_served(page: str) -> None:
    async with client({}) as admin:
        assert (await admin.get(page)).status_code == 404


async def test_the_pages_only_read() -> None:
    async with client({}) as admin:
        assert (await admin.post("/readyz")).status_code == 405
