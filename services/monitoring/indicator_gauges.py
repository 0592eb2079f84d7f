"""The latest week's indicators as Prometheus gauges, for the city, each district and each section.

Labels stay bounded: `district` (a code, or "all") and `section` (a letter, or "all"): at most
16 + 21 + 1 series per indicator, never an enterprise or a week. Which week is shown is itself a
gauge (its Monday, as a timestamp). An indicator without a value (nothing to divide by) has no
series rather than a made-up zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

import asyncpg
import structlog
from prometheus_client import Gauge

from services.contracts.identifiers import SHANGHAI, week_bounds
from services.platform.stream.periodic import periodic_job
from services.platform.stream.worker import Extension

log = structlog.get_logger(__name__)

LABELS = ("district", "section")
GAUGES: dict[str, Gauge] = {
    "return_rate": Gauge("fugong_monitoring_return_ratio", "返岗率 of the latest week.", LABELS),
    "resumption_rate": Gauge(
        "fugong_monitoring_resumption_ratio", "复工率 of the latest week.", LABELS
    ),
    "fill_rate": Gauge("fugong_monitoring_fill_ratio", "招聘满足率 of the latest week.", LABELS),
    "separation_rate": Gauge(
        "fugong_monitoring_separation_ratio", "离职率 of the latest week.", LABELS
    ),
    "staffing_gap": Gauge(
        "fugong_monitoring_staffing_gap_people", "用工缺口 of the latest week, people.", LABELS
    ),
    "enterprises_expected": Gauge(
        "fugong_monitoring_enterprises_expected", "Enterprises expected to report.", LABELS
    ),
    "enterprises_reporting": Gauge(
        "fugong_monitoring_enterprises_reporting", "Enterprises that reported.", LABELS
    ),
}
WEEK_SHOWN = Gauge(
    "fugong_monitoring_figures_week_start_timestamp_seconds",
    "Start (Monday 00:00 Asia/Shanghai) of the ISO week the indicator gauges show.",
)

_LATEST = """
SELECT * FROM monitoring.indicators_v
WHERE scope <> 'cell' AND week = (
    SELECT max(week)::text FROM monitoring.return_to_work_cells WHERE enterprises_reporting > 0)
"""


async def refresh(pool: asyncpg.Pool) -> str | None:
    """Set the gauges from the latest week with reports; return that week."""
    rows = await pool.fetch(_LATEST, timeout=10)
    for gauge in GAUGES.values():
        gauge.clear()
    if not rows:
        return None
    for row in rows:
        labels = (row["district_code"] or "all", row["industry_section"] or "all")
        for name, gauge in GAUGES.items():
            value: Any = row[name]
            if value is not None:
                gauge.labels(*labels).set(value)
    week: str = rows[0]["week"]
    monday = datetime.combine(week_bounds(week)[0], time(), SHANGHAI)
    WEEK_SHOWN.set(monday.timestamp())
    return week


@dataclass(frozen=True)
class IndicatorGauges:
    pool: asyncpg.Pool

    async def run(self) -> str | None:
        return await refresh(self.pool)


def add_indicator_gauges(interval_seconds: float) -> Extension:
    """A stream worker extension: refresh the gauges every `interval_seconds`."""
    return periodic_job(
        "refresh_indicator_gauges",
        interval_seconds,
        lambda pool, producer, settings: IndicatorGauges(pool),
    )
