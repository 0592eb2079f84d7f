from pydantic import Field

from services.platform.stream.settings import StreamSettings


class MonitoringSettings(StreamSettings):
    """Monitoring worker settings (`FUGONG_*` environment variables)."""

    http_port: int = Field(8101, ge=1, le=65535)
    indicator_gauges_interval_seconds: float = Field(
        30, ge=1, le=3600, description="how often the indicator gauges are refreshed"
    )
