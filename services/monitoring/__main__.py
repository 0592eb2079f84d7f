"""`python -m services.monitoring`: run one monitoring worker (scale by running more)."""

from __future__ import annotations

import asyncio

import faust

from services.monitoring.app import Resources, create_app
from services.monitoring.settings import MonitoringSettings
from services.platform.structured_logging import configure_logging


def main() -> None:
    settings = MonitoringSettings()
    configure_logging("monitoring", settings.log_level, settings.log_format)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    resources = loop.run_until_complete(Resources.open(settings))
    app = create_app(settings, resources)
    worker = faust.Worker(app, loop=loop, loglevel=settings.log_level, quiet=True)
    # The worker exits the process when it stops; every batch it acknowledged is committed in
    # Postgres by then, so connections are left for the operating system to close.
    worker.execute_from_commandline()


if __name__ == "__main__":
    main()
