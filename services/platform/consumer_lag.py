"""How far a consumer group is behind: records on its topics that it has not committed yet.

Lag is what operations watch for a stream processor: a growing lag means figures are getting
stale even though every service answers its health checks.
"""

from __future__ import annotations

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from services.platform.kafka_connection import KafkaConnection


class ConsumerLag:
    """Reads committed and end offsets with clients of its own (never the group's consumer)."""

    def __init__(self, kafka: KafkaConnection, group_id: str, topics: list[str]) -> None:
        self._kafka = kafka
        self._group_id = group_id
        self._topics = topics
        self._clients: tuple[AIOKafkaAdminClient, AIOKafkaConsumer] | None = None

    async def _started_clients(self) -> tuple[AIOKafkaAdminClient, AIOKafkaConsumer]:
        # Made on first use: aiokafka clients belong to the running event loop.
        if self._clients is None:
            admin = AIOKafkaAdminClient(**self._kafka.client_options())
            # No group: this consumer only asks for offsets, it never joins or commits.
            offsets = AIOKafkaConsumer(**self._kafka.client_options(), group_id=None)
            await admin.start()
            await offsets.start()
            self._clients = (admin, offsets)
        return self._clients

    async def per_topic(self) -> dict[str, int]:
        """Records not yet committed by the group, per topic (all of them if it never committed)."""
        admin, offsets = await self._started_clients()
        # Asked each time: partitions may have been added since.
        described = await admin.describe_topics(self._topics)
        partitions = [
            TopicPartition(topic["topic"], partition["partition"])
            for topic in described
            if topic["error_code"] == 0
            for partition in topic["partitions"]
        ]
        if not partitions:
            return {}
        ends = await offsets.end_offsets(partitions)
        starts = await offsets.beginning_offsets(partitions)
        committed = await admin.list_consumer_group_offsets(self._group_id, partitions=partitions)
        lag = dict.fromkeys(self._topics, 0)
        for tp in partitions:
            position = committed[tp].offset if tp in committed else -1
            lag[tp.topic] += ends[tp] - (position if position >= 0 else starts[tp])
        return lag

    async def close(self) -> None:
        if self._clients is not None:
            admin, offsets = self._clients
            await offsets.stop()
            await admin.close()
