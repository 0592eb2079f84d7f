"""Settings every stream processor shares; a service extends them with its own."""

from __future__ import annotations

from pydantic import Field

from services.platform.settings import ServingSettings


class StreamSettings(ServingSettings):
    batch_max_records: int = Field(5000, ge=1, le=20000, description="records per batch at most")
    batch_max_wait_seconds: float = Field(
        0.2, gt=0, le=5, description="how long a batch waits for records when none are there"
    )
    data_dir: str = ".state/faust"
    lag_interval_seconds: float = Field(15, ge=1, le=600, description="how often lag is measured")
    kafka_session_timeout_seconds: float = Field(
        10, ge=6, le=300, description="how soon a dead worker's partitions move to the others"
    )
    rebalance_stall_seconds: float = Field(
        60,
        ge=10,
        le=600,
        description="how long a rebalance may go without assigning partitions before the worker "
        "reports itself stalled (it goes on waiting, and recovers once they are assigned)",
    )
    retry_attempts_before_stalled: int = Field(
        10,
        ge=1,
        le=1000,
        description="failed attempts at one batch (store or dead-letter topic unavailable) "
        "before the worker reports itself stalled; it keeps retrying, never skipping the batch",
    )
    retry_max_backoff_seconds: float = Field(10, gt=0, le=300)
    periodic_failures_before_unready: int = Field(
        5,
        ge=1,
        le=1000,
        description="failed runs of one periodic job in a row before the worker reports itself "
        "unready (/readyz); the worker keeps consuming and keeps retrying the job",
    )
    periodic_max_backoff_seconds: float = Field(
        60,
        gt=0,
        le=3600,
        description="longest wait before a failing periodic job runs again (the wait doubles "
        "from the job's interval)",
    )
