"""Create every topic of the catalogue on the broker: `python -m services.platform.topics`.

Idempotent: existing topics are left as they are (partition counts are only ever raised by hand).
"""

from __future__ import annotations

import asyncio
import sys

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from pydantic import Field
from tenacity import AsyncRetrying, stop_after_delay, wait_exponential

from services.contracts.topics import TopicSpec, catalogue, topic_name
from services.platform.settings import ServiceSettings


class TopicSettings(ServiceSettings):
    http_port: int = Field(0, ge=0)


async def ensure_topics(
    bootstrap_servers: str,
    *,
    prefix: str = "",
    replication_factor: int = 1,
    min_insync_replicas: int = 1,
    specs: tuple[TopicSpec, ...] | None = None,
) -> list[str]:
    """Create the catalogue's topics that do not exist yet; return the names created."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers, client_id="fugong-topics")
    async for attempt in AsyncRetrying(
        stop=stop_after_delay(60), wait=wait_exponential(max=5), reraise=True
    ):
        with attempt:
            await admin.start()
    try:
        existing = set(await admin.list_topics())
        wanted = [
            NewTopic(
                name=topic_name(spec, prefix),
                num_partitions=spec.partitions,
                replication_factor=replication_factor,
                topic_configs={**spec.config(), "min.insync.replicas": str(min_insync_replicas)},
            )
            for spec in (specs if specs is not None else catalogue())
            if topic_name(spec, prefix) not in existing
        ]
        if wanted:
            await admin.create_topics(wanted)
        return [t.name for t in wanted]
    finally:
        await admin.close()


def main() -> int:
    settings = TopicSettings()
    created = asyncio.run(
        ensure_topics(
            settings.kafka_bootstrap_servers,
            prefix=settings.topic_prefix,
            replication_factor=settings.topic_replication_factor,
            min_insync_replicas=settings.topic_min_insync_replicas,
        )
    )
    total = len(catalogue())
    print(f"topics: {len(created)} created, {total - len(created)} already present")
    for name in created:
        print(f"  + {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
