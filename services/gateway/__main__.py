"""`python -m services.gateway`: serve the HTTP API, in `FUGONG_HTTP_WORKERS` processes.

One process parses, validates and encodes on one core; with several, uvicorn's supervisor runs
them on one socket, each building its own application (`app_from_environment`), and Prometheus
counts are gathered across them (prometheus_client's multiprocess mode, in a fresh directory).
"""

from __future__ import annotations

import os
import tempfile

import uvicorn
from fastapi import FastAPI

from services.gateway.app import create_app
from services.gateway.settings import GatewaySettings
from services.platform.structured_logging import configure_logging


def app_from_environment() -> FastAPI:
    """The application of one worker process: its own settings, logging and connections."""
    settings = GatewaySettings()
    configure_logging("gateway", settings.log_level, settings.log_format)
    return create_app(settings)


def main() -> None:
    settings = GatewaySettings()
    configure_logging("gateway", settings.log_level, settings.log_format)
    options = {
        "host": settings.http_host,
        "port": settings.http_port,
        "log_config": None,
        "access_log": False,
        "proxy_headers": True,
        # Bounds on what one client can hold: connections, idle time, header size. The body's
        # own deadline is admission's (`body_read_timeout_seconds`): uvicorn has none.
        "limit_concurrency": settings.http_limit_concurrency,
        "timeout_keep_alive": settings.http_timeout_keep_alive_seconds,
        "h11_max_incomplete_event_size": settings.http_max_header_bytes,
    }
    if settings.http_workers == 1:
        uvicorn.run(create_app(settings), **options)  # type: ignore[arg-type]
        return
    # Read by prometheus_client when the workers import it: set before they start.
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="fugong-gateway-metrics-")
    uvicorn.run(
        "services.gateway.__main__:app_from_environment",
        factory=True,
        workers=settings.http_workers,
        **options,  # type: ignore[arg-type]
    )


if __name__ == "__main__":
    main()
