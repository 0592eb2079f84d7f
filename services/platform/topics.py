"""Create every topic of the catalogue on the broker: `python -m services.platform.topics`.

Idempotent: existing topics are left as they are. Changing a live topic's retention or clean-up
can delete data for good, and AlterConfigs replaces every setting an operator made: so
`drift()` reports where the broker differs from the catalogue, for a person to apply.
"""

from __future__ import annotations

import asyncio
import sys

from aiokafka import errors as Errors
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType
from tenacity import AsyncRetrying, stop_after_delay, wait_exponential

from services.contracts.topics import TopicSpec, catalogue, topic_name
from services.platform.kafka_connection import KafkaConnection
from services.platform.settings import ServiceSettings


class TopicCreationFailed(RuntimeError):
    pass


class TopicSettings(ServiceSettings):
    """What creating the topics needs: the broker, the prefix and the replication."""


async def ensure_topics(
    kafka: KafkaConnection,
    *,
    prefix: str = "",
    replication_factor: int = 1,
    min_insync_replicas: int = 1,
    specs: tuple[TopicSpec, ...] | None = None,
) -> list[str]:
    """Create the catalogue's topics that do not exist yet; return the names created."""
    admin = AIOKafkaAdminClient(**kafka.client_options(), client_id="fugong-topics")
    async for attempt in AsyncRetrying(
        stop=stop_after_delay(60), wait=wait_exponential(max=5), reraise=True
    ):
        with attempt:
            await admin.start()
    try:
        existing = set(await admin.list_topics())
        configs = {
            topic_name(spec, prefix): {
                **spec.config(),
                "min.insync.replicas": str(min_insync_replicas),
            }
            for spec in (specs if specs is not None else catalogue())
        }
        wanted = [
            NewTopic(
                name=name,
                num_partitions=spec.partitions,
                replication_factor=replication_factor,
                topic_configs=configs[name],
            )
            for spec in (specs if specs is not None else catalogue())
            if (name := topic_name(spec, prefix)) not in existing
        ]
        return await _create(admin, wanted) if wanted else []
    finally:
        await admin.close()


async def drift(
    kafka: KafkaConnection, *, prefix: str = "", specs: tuple[TopicSpec, ...] | None = None
) -> list[str]:
    """Settings of existing topics that differ from the catalogue, one line each."""
    admin = AIOKafkaAdminClient(**kafka.client_options(), client_id="fugong-topics")
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        wanted = {
            topic_name(spec, prefix): spec.config()
            for spec in (specs if specs is not None else catalogue())
            if topic_name(spec, prefix) in existing
        }
        if not wanted:
            return []
        responses = await admin.describe_configs(
            [
                ConfigResource(ConfigResourceType.TOPIC, name, dict.fromkeys(config))
                for name, config in wanted.items()
            ]
        )
        lines: list[str] = []
        for response in responses:
            for _, _, _, name, entries in response.resources:
                actual = {entry[0]: entry[1] for entry in entries}
                lines.extend(
                    f"{name}: {key} is {actual.get(key)}, the catalogue says {value}"
                    for key, value in wanted[name].items()
                    if actual.get(key) != value
                )
        return sorted(lines)
    finally:
        await admin.close()


async def _create(admin: AIOKafkaAdminClient, wanted: list[NewTopic]) -> list[str]:
    response = await admin.create_topics(wanted)
    # Errors come back per topic, not as exceptions. A topic reported as already existing was
    # created moments ago and is not in the metadata we listed yet: it is simply present.
    created, failures = [], []
    for name, code, *rest in response.topic_errors:
        if code == Errors.NoError.errno:
            created.append(name)
        elif code != Errors.TopicAlreadyExistsError.errno:
            failures.append(f"{name}: error {code} {rest[0] if rest else ''}".strip())
    if failures:
        raise TopicCreationFailed("; ".join(failures))
    await _until_usable(admin, {t.name: t.num_partitions for t in wanted})
    return created


async def _until_usable(
    admin: AIOKafkaAdminClient, partitions: dict[str, int], timeout_seconds: float = 60
) -> None:
    """The controller acknowledges a creation before every broker's metadata shows the topic:
    a client that describes, configures or produces to it at once may find nothing there. Wait
    until each topic is described with all its partitions, so that "created" means usable."""
    deadline = asyncio.get_running_loop().time() + timeout_seconds
    waiting = dict(partitions)
    while waiting:
        for described in await admin.describe_topics(list(waiting)):
            name = described["topic"]
            if described["error_code"] == 0 and len(described["partitions"]) == waiting[name]:
                del waiting[name]
        if not waiting:
            return
        if asyncio.get_running_loop().time() > deadline:
            raise TopicCreationFailed(
                f"created but not usable within {timeout_seconds:.0f} s: {sorted(waiting)}"
            )
        await asyncio.sleep(0.2)


def main() -> int:
    settings = TopicSettings()
    created = asyncio.run(
        ensure_topics(
            settings.kafka_connection(),
            prefix=settings.topic_prefix,
            replication_factor=settings.topic_replication_factor,
            min_insync_replicas=settings.topic_min_insync_replicas,
        )
    )
    total = len(catalogue())
    print(f"topics: {len(created)} created, {total - len(created)} already present")
    for name in created:
        print(f"  + {name}")
    for line in asyncio.run(drift(settings.kafka_connection(), prefix=settings.topic_prefix)):
        print(f"  ! {line} (left as it is: change it by hand if the catalogue is right)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
