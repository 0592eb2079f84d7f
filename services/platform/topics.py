"""Create every topic of the catalogue on the broker: `python -m services.platform.topics`.

Idempotent: existing topics are left as they are (partition counts are only ever raised by hand).
"""

from __future__ import annotations

import asyncio
import sys

from aiokafka import errors as Errors
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from pydantic import Field
from tenacity import AsyncRetrying, stop_after_delay, wait_exponential

from services.contracts.topics import TopicSpec, catalogue, topic_name
from services.platform.settings import ServiceSettings


class TopicCreationFailed(RuntimeError):
    pass


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
        if not wanted:
            return []
        response = await admin.create_topics(wanted)
        # Errors come back per topic, not as exceptions. A topic reported as already existing
        # was created moments ago and is not in the metadata we listed yet: that is fine.
        created, failures = [], []
        for name, code, *rest in response.topic_errors:
            if code == Errors.NoError.errno:
                created.append(name)
            elif code != Errors.TopicAlreadyExistsError.errno:
                failures.append(f"{name}: error {code} {rest[0] if rest else ''}".strip())
        if failures:
            raise TopicCreationFailed("; ".join(failures))
        return created
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
