"""Prometheus metrics every service exports, and the text exposition of the registry."""

from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST, Counter, generate_latest

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
    return generate_latest(), CONTENT_TYPE_LATEST
