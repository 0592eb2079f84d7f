"""Operations surfaces apart from the public API, on real processes: the gateway's public port
serves `/v1` and `/healthz` only, its admin port the probes, metrics and API documents only;
a stream worker's admin port serves its three pages and none of faust's own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.kafka_users import ServiceUsers
from tests.support.processes import ServiceProcess, free_port, service_env

pytestmark = pytest.mark.integration

OPERATIONS_PAGES = ("/readyz", "/metrics", "/openapi.json", "/docs", "/redoc")
FAUST_PAGES = (
    "/",
    "/router",
    "/router/",
    "/table",
    "/table/",
    "/graph",
    "/graph/",
    "/stats",
    "/stats/",
    "/assignment",
    "/assignment/",
    "/performance",
    "/performance/",
)


@pytest.fixture
def gateway(
    database: str,
    topic_prefix: str,
    kafka_users: ServiceUsers,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> Iterator[ServiceProcess]:
    """The gateway in one process, or in as many as the test's parameter says (each worker
    process of uvicorn's supervisor serving both sockets)."""
    workers = getattr(request, "param", 1)
    env = {
        **service_env(database, topic_prefix, tmp_path, kafka=kafka_users.connection("gateway")),
        "FUGONG_HTTP_WORKERS": str(workers),
    }
    process = ServiceProcess(
        "gateway", free_port(), env, tmp_path / "gateway.log", admin_port=free_port()
    )
    yield process.start()
    process.stop()


@pytest.fixture
def monitoring(
    database: str, topic_prefix: str, kafka_users: ServiceUsers, tmp_path: Path
) -> Iterator[ServiceProcess]:
    env = service_env(database, topic_prefix, tmp_path, kafka=kafka_users.connection("monitoring"))
    process = ServiceProcess("monitoring", free_port(), env, tmp_path / "monitoring.log")
    yield process.start()
    process.stop()


@pytest.mark.parametrize("gateway", [1, 2], indirect=True, ids=["one process", "two"])
def test_the_public_port_serves_the_api_and_liveness_only(gateway: ServiceProcess) -> None:
    with httpx.Client(base_url=gateway.url, timeout=10) as public:
        assert public.get("/healthz").json() == {"status": "ok"}
        # The API is there: refused for want of a key, not missing.
        assert public.get("/v1/service-halls").status_code == 401
        for page in (*OPERATIONS_PAGES, "/docs/oauth2-redirect", "/"):
            answer = public.get(page)
            assert answer.status_code == 404, page
            assert answer.json()["detail"] == "Not Found", page


@pytest.mark.parametrize("gateway", [1, 2], indirect=True, ids=["one process", "two"])
def test_the_admin_port_serves_probes_metrics_and_documents_but_not_the_api(
    gateway: ServiceProcess,
) -> None:
    with httpx.Client(base_url=gateway.admin_url, timeout=10) as admin:
        assert admin.get("/healthz").json() == {"status": "ok"}
        assert admin.get("/readyz").json()["ready"] is True
        assert "fugong_gateway_requests_total" in admin.get("/metrics").text
        document = admin.get("/openapi.json").json()
        assert "/v1/weekly-reports" in document["paths"]
        assert "/openapi.json" in admin.get("/docs").text
        assert admin.get("/redoc").status_code == 200
        assert admin.get("/v1/service-halls").status_code == 404


def test_what_the_public_port_turns_away_is_counted_as_unmatched(
    gateway: ServiceProcess,
) -> None:
    with httpx.Client(timeout=10) as http:
        assert http.get(f"{gateway.url}/metrics").status_code == 404
        exposition = http.get(f"{gateway.admin_url}/metrics").text
    assert (
        'fugong_gateway_requests_total{method="GET",route="unmatched",status="404"}' in exposition
    )


def test_a_stream_worker_serves_its_three_pages_and_none_of_faust_s(
    monitoring: ServiceProcess,
) -> None:
    with httpx.Client(base_url=monitoring.admin_url, timeout=10) as admin:
        assert admin.get("/healthz").json() == {"status": "ok"}
        ready = admin.get("/readyz").json()
        assert ready == {
            "ready": True,
            "checks": {
                "postgres": True,
                "kafka": True,
                "stream": True,
                "job:handle_reporting_deadline": True,
                "job:raise_early_warnings": True,
                "job:refresh_indicator_gauges": True,
            },
        }
        assert "fugong_stream_stalled" in admin.get("/metrics").text
        for page in FAUST_PAGES:
            assert admin.get(page).status_code == 404, page
