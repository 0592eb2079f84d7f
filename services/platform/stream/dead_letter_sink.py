"""Dead-letter sink on Kafka: records go to `<source topic>.dlq`, acknowledged before going on."""

from __future__ import annotations

from aiokafka import AIOKafkaProducer

from services.contracts.topics import dead_letter_topic_name
from services.platform.kafka import DeadLetter
from services.platform.metrics import DEAD_LETTERS


class KafkaDeadLetterSink:
    def __init__(self, producer: AIOKafkaProducer) -> None:
        self._producer = producer

    async def send(self, letter: DeadLetter) -> None:
        await self._producer.send_and_wait(
            dead_letter_topic_name(letter.source_topic),
            value=letter.value,
            key=letter.key,
            headers=letter.headers(),
        )
        DEAD_LETTERS.labels(letter.source_topic, letter.consumer).inc()
