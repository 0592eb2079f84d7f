"""`python -m services.monitoring`: run one monitoring worker (scale by running more)."""

from __future__ import annotations

import asyncio

import faust
import structlog

from services.monitoring.app import Resources, create_app
from services.monitoring.settings import MonitoringSettings
from services.platform.structured_logging import configure_logging, library_logging_config


def main() -> None:
    settings = MonitoringSettings()
    configure_logging("monitoring", settings.log_level, settings.log_format)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    resources = loop.run_until_complete(Resources.open(settings))
    app = create_app(settings, resources)
    structlog.get_logger(__name__).info(
        "monitoring worker starting", port=settings.http_port, topic_prefix=settings.topic_prefix
    )
    worker = faust.Worker(
        app,
        loop=loop,
        quiet=True,
        loglevel="DEBUG" if settings.log_level == "DEBUG" else "WARNING",
        logging_config=library_logging_config(
            "monitoring", settings.log_level, settings.log_format
        ),
    )
    worker.spinner = None  # a terminal progress spinner only garbles log files
    # The worker exits the process when it stops; every batch it acknowledged is committed in
    # Postgres by then, so connections are left for the operating system to close.
    worker.execute_from_commandline()


if __name__ == "__main__":
    main()
