"""`python -m services.gateway`: serve the HTTP API, in `FUGONG_HTTP_WORKERS` processes.

One process parses, validates and encodes on one core; with several, uvicorn's supervisor runs
them on the same sockets, each building its own application (`app_from_environment`), and
Prometheus counts are gathered across them (prometheus_client's multiprocess mode, in a fresh
directory).

Each process serves two sockets: the public port (`FUGONG_HTTP_HOST`:`FUGONG_HTTP_PORT`) and
the admin port (`FUGONG_ADMIN_HOST`:`FUGONG_ADMIN_PORT`). One uvicorn server listens on both;
the application tells them apart (`surfaces.py`), so the admin port costs a listening socket.
"""

from __future__ import annotations

import os
import tempfile

import uvicorn
from fastapi import FastAPI
from uvicorn.supervisors import Multiprocess

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
    several = settings.http_workers > 1
    if several:
        # Read by prometheus_client when the workers import it: set before they start.
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="fugong-gateway-metrics-")

    app = "services.gateway.__main__:app_from_environment" if several else create_app(settings)

    def config(host: str, port: int) -> uvicorn.Config:
        return uvicorn.Config(
            app,
            factory=several,
            workers=settings.http_workers,
            host=host,
            port=port,
            log_config=None,
            access_log=False,
            proxy_headers=True,
            # Bounds on what one client can hold: connections, idle time, header size. The
            # body's own deadline is admission's (`body_read_timeout_seconds`): uvicorn has none.
            limit_concurrency=settings.http_limit_concurrency,
            timeout_keep_alive=settings.http_timeout_keep_alive_seconds,
            h11_max_incomplete_event_size=settings.http_max_header_bytes,
        )

    public = config(settings.http_host, settings.http_port)
    sockets = [public.bind_socket(), config(settings.admin_host, settings.admin_port).bind_socket()]
    if several:
        Multiprocess(public, sockets=sockets).run()
    else:
        uvicorn.Server(public).run(sockets=sockets)


if __name__ == "__main__":
    main()
