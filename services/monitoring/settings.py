from pydantic import Field

from services.platform.stream.settings import StreamSettings


class MonitoringSettings(StreamSettings):
    """Monitoring worker settings (`FUGONG_*` environment variables)."""

    http_port: int = Field(8101, ge=1, le=65535)
