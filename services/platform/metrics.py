"""Prometheus metrics every service exports, and the text exposition of the registry."""

from __future__ import annotations

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    generate_latest,
    multiprocess,
)

DEAD_LETTERS = Counter(
    "fugong_dead_letters",
    "Records a consumer could not use and sent to the dead-letter topic.",
    ["topic", "consumer"],
)
EVENTS_PUBLISHED = Counter(
    "fugong_events_published",
    "Events the broker acknowledged, by topic.",
    ["topic"],
)


def exposition() -> tuple[bytes, str]:
    """This process's metrics, or, in a multi-process server, those of all its processes."""
    if "PROMETHEUS_MULTIPROC_DIR" in os.environ:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(), CONTENT_TYPE_LATEST
