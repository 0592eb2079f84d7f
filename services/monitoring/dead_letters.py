"""Dead-letter sink on Kafka: records go to `<source topic>.dlq`, acknowledged before going on."""

from __future__ import annotations

from aiokafka import AIOKafkaProducer

from services.platform.kafka import DeadLetter
from services.platform.metrics import DEAD_LETTERS


class KafkaDeadLetterSink:
    def __init__(self, producer: AIOKafkaProducer) -> None:
        self._producer = producer

    async def send(self, letter: DeadLetter) -> None:
        await self._producer.send_and_wait(
            f"{letter.source_topic}.dlq",
            value=letter.value,
            key=letter.key,
            headers=letter.headers(),
        )
        DEAD_LETTERS.labels(letter.source_topic, letter.consumer).inc()
