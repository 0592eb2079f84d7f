"""Composition root of the monitoring worker: its topics, routes and store on the stream worker."""

from __future__ import annotations

from services.monitoring.adapters.postgres_store import PostgresMonitoringStore
from services.monitoring.compliance import add_compliance_job
from services.monitoring.domain.records import Record
from services.monitoring.early_warnings import add_early_warning_job
from services.monitoring.events import ROUTES
from services.monitoring.indicator_gauges import add_indicator_gauges
from services.monitoring.settings import MonitoringSettings
from services.platform.stream.worker import StreamSpec

SERVICE = "monitoring"
SCHEMA = SERVICE


def stream_spec(settings: MonitoringSettings | None = None) -> StreamSpec[Record]:
    settings = settings or MonitoringSettings()
    return StreamSpec(
        service=SERVICE,
        routes=ROUTES,
        open_store=PostgresMonitoringStore,
        extensions=(
            add_indicator_gauges(settings.indicator_gauges_interval_seconds),
            add_compliance_job(settings.deadline_policy(), settings.compliance_interval_seconds),
            add_early_warning_job(
                settings.warning_rules(),
                settings.deadline_policy(),
                settings.warnings_interval_seconds,
            ),
        ),
    )
