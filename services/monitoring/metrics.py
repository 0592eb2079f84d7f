"""Monitoring's own Prometheus metrics (seconds and plain counts; ratios end in _ratio)."""

from prometheus_client import Counter, Gauge, Histogram

EVENTS_RECORDED = Counter(
    "fugong_monitoring_events_recorded",
    "Events applied to the store: new ones, and redeliveries skipped as duplicates.",
    ["outcome"],
)
BATCH_SECONDS = Histogram(
    "fugong_monitoring_batch_duration_seconds",
    "Time to decode and record one batch, store retries included.",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
BATCH_SIZE = Histogram(
    "fugong_monitoring_batch_size_records",
    "Records per batch taken from Kafka.",
    buckets=(1, 10, 50, 100, 250, 500, 1000, 2000),
)
CONSUMER_LAG = Gauge(
    "fugong_monitoring_consumer_lag_records",
    "Records on monitoring's input topics its consumer group has not committed yet.",
    ["topic"],
)
