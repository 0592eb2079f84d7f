"""Metrics of every stream worker, labelled by consumer (the service): seconds and plain counts."""

from prometheus_client import Counter, Gauge, Histogram

EVENTS_RECORDED = Counter(
    "fugong_stream_events_recorded",
    "Events applied to the store: new ones, and redeliveries skipped as duplicates.",
    ["consumer", "outcome"],
)
BATCH_SECONDS = Histogram(
    "fugong_stream_batch_duration_seconds",
    "Time to record one batch and commit its offsets, retries included.",
    ["consumer"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
BATCH_SIZE = Histogram(
    "fugong_stream_batch_size_records",
    "Records per batch taken from Kafka.",
    ["consumer"],
    buckets=(1, 10, 50, 100, 250, 500, 1000, 2000, 5000, 10000),
)
CONSUMER_LAG = Gauge(
    "fugong_stream_consumer_lag_records",
    "Records on a consumer's input topics its group has not committed yet.",
    ["consumer", "topic"],
)
RETRIES = Counter(
    "fugong_stream_batch_retries",
    "Failed attempts at a batch that were retried (store or dead-letter topic unavailable).",
    ["consumer"],
)
STALLED = Gauge(
    "fugong_stream_stalled",
    "1 while a batch has failed more than the allowed attempts: the worker retries it and "
    "moves no further until it succeeds.",
    ["consumer"],
)
PERIODIC_FAILURES = Counter(
    "fugong_stream_periodic_failures",
    "Runs of a periodic job that raised; the worker logs each, backs off and runs the job again.",
    ["consumer", "job"],
)
PERIODIC_FAILING = Gauge(
    "fugong_stream_periodic_failing",
    "1 while a periodic job has failed FUGONG_PERIODIC_FAILURES_BEFORE_UNREADY times in a row "
    "(the worker's /readyz fails meanwhile); 0 again once a run succeeds.",
    ["consumer", "job"],
)
