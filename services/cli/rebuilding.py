"""`fugong rebuild`: monitoring's rebuild (services.monitoring.rebuild) with a progress bar."""

from __future__ import annotations

import asyncio

from rich.progress import Progress

from services.contracts.topics import topic_name
from services.monitoring.events import ROUTES
from services.monitoring.rebuild import rebuild
from services.monitoring.settings import MonitoringSettings
from services.platform.consumer_lag import ConsumerLag
from services.platform.stream.replay import Progress as Replayed

# A group that never commits: its "lag" is every record on the topics, the rebuild's total.
COUNTING_GROUP = "fugong-cli-rebuild-count"


async def records_on(settings: MonitoringSettings) -> int:
    topics = [topic_name(t, settings.topic_prefix) for t in ROUTES]
    counting = ConsumerLag(settings.kafka_connection(), COUNTING_GROUP, topics)
    try:
        return sum((await counting.per_topic()).values())
    finally:
        await counting.close()


async def rebuild_with_progress(
    bar: Progress, lock_timeout_seconds: float, role_prefix: str
) -> Replayed:
    settings = MonitoringSettings()
    replayed = Replayed()
    with bar:
        task = bar.add_task("rebuild", total=await records_on(settings))
        work = asyncio.create_task(
            rebuild(
                settings,
                lock_timeout_seconds=lock_timeout_seconds,
                role_prefix=role_prefix,
                progress=replayed,
            )
        )
        while not work.done():
            bar.update(task, completed=replayed.records)
            await asyncio.wait({work}, timeout=0.2)
        done = await work
        bar.update(task, completed=done.records, total=max(done.records, 1))
    return done
