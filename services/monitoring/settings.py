from datetime import time

from pydantic import Field

from services.platform.stream.settings import StreamSettings


class MonitoringSettings(StreamSettings):
    """Monitoring worker settings (`FUGONG_*` environment variables)."""

    http_port: int = Field(8101, ge=1, le=65535)
    indicator_gauges_interval_seconds: float = Field(
        30, ge=1, le=3600, description="how often the indicator gauges are refreshed"
    )
    report_deadline_weekday: int = Field(
        1, ge=1, le=7, description="weekday after the reported week when reports are due (1=Mon)"
    )
    report_deadline_time: time = Field(time(12, 0), description="Asia/Shanghai local time")
    compliance_interval_seconds: float = Field(
        60, ge=1, le=3600, description="how often the reporting deadline is checked"
    )
