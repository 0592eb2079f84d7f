"""What `fugong status` shows: each service's readiness and each stream consumer's lag."""

from __future__ import annotations

import httpx
from rich.table import Table

from services.cli.settings import CliSettings
from services.contracts.topics import topic_name
from services.platform.consumer_lag import ConsumerLag
from services.platform.stream.worker import StreamSpec


def readiness_table(settings: CliSettings | None = None) -> tuple[Table, bool]:
    """A row per service: ready or why not; and whether all were ready."""
    settings = settings or CliSettings()
    table = Table("service", "ready", "answer", title="readiness")
    all_ready = True
    for name, url in sorted(settings.admin_urls.items()):
        try:
            answer = httpx.get(
                f"{str(url).rstrip('/')}/readyz", timeout=settings.status_timeout_seconds
            )
            ready, detail = answer.status_code == 200, f"{answer.status_code} {answer.text[:80]}"
        except httpx.HTTPError as exc:
            ready, detail = False, f"no answer ({type(exc).__name__})"
        all_ready &= ready
        table.add_row(name, "[green]yes[/]" if ready else "[red]no[/]", detail.strip())
    return table, all_ready


def stream_specs() -> list[StreamSpec[object]]:
    """The stream processors, as their composition roots define them (their groups, topics)."""
    from services.matching.app import stream_spec as matching
    from services.monitoring.app import stream_spec as monitoring
    from services.notify.app import stream_spec as notify

    return [monitoring(), matching(), notify()]  # type: ignore[list-item]


async def lag_table(settings: CliSettings | None = None) -> Table:
    """A row per consumer group and topic: records not committed yet."""
    settings = settings or CliSettings()
    table = Table("consumer", "topic", "lag (records)", title="consumer lag")
    for spec in stream_specs():
        topics = [topic_name(t, settings.topic_prefix) for t in spec.routes]
        lag = ConsumerLag(settings.kafka_connection(), spec.group_id(settings.topic_prefix), topics)
        try:
            measured = await lag.per_topic()
            for topic in sorted(topics):
                records = measured.get(topic)
                # A topic the broker could not describe just now (no leader yet): not a zero.
                table.add_row(spec.service, topic, "?" if records is None else f"{records:,}")
        finally:
            await lag.close()
    return table
