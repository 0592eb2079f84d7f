from pydantic import Field

from services.platform.settings import ServiceSettings


class MonitoringSettings(ServiceSettings):
    """Monitoring worker settings (`FUGONG_*` environment variables)."""

    http_port: int = Field(8101, ge=1, le=65535)
    batch_max_records: int = Field(2000, ge=1, le=20000)
    batch_max_wait_seconds: float = Field(0.2, gt=0, le=5)
    data_dir: str = ".state/faust"
    lag_interval_seconds: float = Field(15, ge=1, le=600, description="how often lag is measured")
    kafka_session_timeout_seconds: float = Field(
        10, ge=6, le=300, description="how soon a dead worker's partitions move to the others"
    )
