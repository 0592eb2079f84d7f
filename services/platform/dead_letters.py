"""Inspect and replay dead-letter topics: `python -m services.platform.dead_letters`.

`list` shows where each dead letter came from and why it failed; `replay` publishes chosen dead
letters' original key and value to their source topic again, once the consumer is fixed
(consumers are idempotent by event id, so a replay twice over is harmless).
Values are never printed: they may hold personal data (names, phone numbers).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from aiokafka import AIOKafkaClient, AIOKafkaConsumer, TopicPartition
from aiokafka.errors import KafkaError, UnknownTopicOrPartitionError

from services.contracts.topics import SOURCE_TOPICS, TopicSpec, topic_name
from services.platform.kafka import idempotent_producer
from services.platform.kafka_connection import KafkaConnection
from services.platform.topics import TopicSettings

CLIENT_ID = "fugong-dead-letters"
READ_TIMEOUT = 60.0  # seconds: an operations tool must answer, not hang on a lost broker

Coordinates = tuple[int, int]  # (partition, offset) of a record in its topic


@dataclass(frozen=True)
class StoredDeadLetter:
    """A record of a `.dlq` topic, described by its `fugong-dlq-*` headers."""

    dlq_topic: str
    partition: int
    offset: int
    source_topic: str
    source_partition: int | None
    source_offset: int | None
    failed_at: str
    consumer: str
    reason: str
    # Kept out of repr so that logging a dead letter cannot leak personal data.
    key: bytes | None = field(repr=False)
    value: bytes = field(repr=False)

    @classmethod
    def from_record(cls, record: Any) -> StoredDeadLetter:
        headers = {name: raw.decode(errors="replace") for name, raw in record.headers or ()}
        return cls(
            dlq_topic=record.topic,
            partition=record.partition,
            offset=record.offset,
            source_topic=headers.get("fugong-dlq-source-topic", "?"),
            source_partition=_int_or_none(headers.get("fugong-dlq-source-partition")),
            source_offset=_int_or_none(headers.get("fugong-dlq-source-offset")),
            failed_at=headers.get("fugong-dlq-failed-at", "?"),
            consumer=headers.get("fugong-dlq-consumer", "?"),
            reason=headers.get("fugong-dlq-reason", "?"),
            key=record.key,
            value=record.value or b"",
        )

    def coordinates(self) -> str:
        return f"{self.dlq_topic}[{self.partition}]@{self.offset}"

    def describe(self) -> str:
        """One line for people: where it is, where it came from, why it failed; never the value."""
        source = f"{self.source_topic}[{_shown(self.source_partition)}]"
        source += f"@{_shown(self.source_offset)}"
        parts = [self.coordinates(), f"source={source}", f"failed-at={self.failed_at}"]
        parts += [f"consumer={self.consumer}", f"reason={self.reason}"]
        return "\t".join(_one_line(part) for part in parts)


async def read_records(
    kafka: KafkaConnection, topic: str, *, at: Coordinates | None = None, limit: int | None = None
) -> list[Any]:
    """Records of `topic` from the beginning (or from `at`) to its end now; joins no group."""
    consumer = AIOKafkaConsumer(
        **kafka.client_options(), client_id=CLIENT_ID, group_id=None, enable_auto_commit=False
    )
    try:
        await consumer.start()
        async with asyncio.timeout(READ_TIMEOUT):
            partitions = await partitions_of(kafka, topic)
            assigned = [TopicPartition(topic, p) for p in partitions if at is None or p == at[0]]
            consumer.assign(assigned)
            if at is None:
                await consumer.seek_to_beginning(*assigned)
            else:
                for tp in assigned:
                    consumer.seek(tp, at[1])
            return await _read_until(consumer, await consumer.end_offsets(assigned), limit)
    finally:
        await consumer.stop()


async def partitions_of(kafka: KafkaConnection, topic: str) -> list[int]:
    """From fresh metadata: a consumer outside any group knows no topic's partitions."""
    client = AIOKafkaClient(**kafka.client_options(), client_id=CLIENT_ID)
    try:
        await client.bootstrap()
        partitions = (await client.fetch_all_metadata()).partitions_for_topic(topic)
    finally:
        await client.close()
    if not partitions:
        raise UnknownTopicOrPartitionError(f"topic {topic} does not exist")
    return sorted(partitions)


async def _read_until(consumer: Any, ends: dict[Any, int], limit: int | None) -> list[Any]:
    records: list[Any] = []
    pending = {tp for tp, end in ends.items() if await consumer.position(tp) < end}
    while pending and (limit is None or len(records) < limit):
        batches = await consumer.getmany(*pending, timeout_ms=500)
        for tp, batch in batches.items():
            records.extend(r for r in batch if r.offset < ends[tp])
        pending = {tp for tp in pending if await consumer.position(tp) < ends[tp]}
    records.sort(key=lambda r: (r.partition, r.offset))
    return records if limit is None else records[:limit]


async def read_dead_letters(
    kafka: KafkaConnection,
    dlq_topic: str,
    *,
    at: Coordinates | None = None,
    limit: int | None = None,
) -> list[StoredDeadLetter]:
    records = await read_records(kafka, dlq_topic, at=at, limit=limit)
    return [StoredDeadLetter.from_record(r) for r in records]


async def replay(
    kafka: KafkaConnection,
    letters: Sequence[StoredDeadLetter],
    target_topic: str,
    on_sent: Callable[[StoredDeadLetter], None] | None = None,
) -> list[Coordinates]:
    """Publish each letter's original key and value to `target_topic`; return where they went.

    `on_sent` is called after each one the broker acknowledged (a progress bar's advance).
    """
    producer = idempotent_producer(kafka, f"{CLIENT_ID}-replay")
    try:
        await producer.start()
        placed: list[Coordinates] = []
        for letter in letters:
            metadata = await producer.send_and_wait(
                target_topic,
                value=letter.value,
                key=letter.key,
                headers=[("fugong-replay-of", letter.coordinates().encode())],
            )
            placed.append((metadata.partition, metadata.offset))
            if on_sent is not None:
                on_sent(letter)
        return placed
    finally:
        await producer.stop()


async def list_command(
    kafka: KafkaConnection, prefix: str, specs: Sequence[TopicSpec], limit: int | None
) -> int:
    counts: dict[str, int] = {}
    for dlq_topic in (topic_name(spec.dead_letter_topic, prefix) for spec in specs):
        letters = await read_dead_letters(kafka, dlq_topic, limit=limit)
        for letter in letters:
            print(letter.describe())
        counts[dlq_topic] = len(letters)
    for dlq_topic, count in counts.items():
        more = " (limit reached; more may remain)" if count == limit else ""
        print(f"summary: {dlq_topic}: {count} dead letter(s){more}")
    return 0


async def replay_command(
    kafka: KafkaConnection, prefix: str, spec: TopicSpec, at: Coordinates | None, *, dry_run: bool
) -> int:
    """Replay the dead letter at `at` in the `.dlq` topic, or every one if `at` is None."""
    dlq_topic = topic_name(spec.dead_letter_topic, prefix)
    # The target comes from the catalogue, not from headers: a record cannot choose its topic.
    target = topic_name(spec, prefix)
    letters = await read_dead_letters(kafka, dlq_topic, at=at, limit=None if at is None else 1)
    if at is not None and [letter.offset for letter in letters] != [at[1]]:
        print(f"no dead letter at {dlq_topic}[{at[0]}]@{at[1]}", file=sys.stderr)
        return 1
    if dry_run:
        for letter in letters:
            print(f"would replay {letter.coordinates()} -> {target}")
        print(f"dry run: {len(letters)} dead letter(s) would be replayed, none published")
        return 0
    placed = await replay(kafka, letters, target)
    for letter, (partition, offset) in zip(letters, placed, strict=True):
        print(f"replayed {letter.coordinates()} -> {target}[{partition}]@{offset}")
    print(f"{len(letters)} dead letter(s) replayed")
    return 0


def parser() -> argparse.ArgumentParser:
    topics = [spec.name for spec in SOURCE_TOPICS if spec.has_dead_letters]
    cli = argparse.ArgumentParser(prog="python -m services.platform.dead_letters")
    commands = cli.add_subparsers(dest="command", required=True)
    listing = commands.add_parser("list", help="list dead letters: coordinates and reasons")
    listing.add_argument("--topic", choices=topics, help="source topic (default: all)")
    listing.add_argument("--limit", type=_at_least(1), help="at most N per dead-letter topic")
    replaying = commands.add_parser("replay", help="publish dead letters to their source again")
    replaying.add_argument("--topic", choices=topics, required=True, help="source topic")
    which = replaying.add_mutually_exclusive_group(required=True)
    which.add_argument("--all", action="store_true", help="every dead letter of the topic")
    which.add_argument("--partition", type=_at_least(0), help="partition in the .dlq topic")
    replaying.add_argument("--offset", type=_at_least(0), help="offset in the .dlq topic")
    replaying.add_argument("--dry-run", action="store_true", help="show, publish nothing")
    return cli


def main(argv: Sequence[str] | None = None) -> int:
    cli = parser()
    args = cli.parse_args(argv)
    if args.command == "replay" and (args.partition is None) != (args.offset is None):
        cli.error("--partition and --offset go together")
    settings = TopicSettings()
    kafka, prefix = settings.kafka_connection(), settings.topic_prefix
    specs = [
        spec for spec in SOURCE_TOPICS if spec.has_dead_letters and args.topic in (None, spec.name)
    ]
    try:
        if args.command == "list":
            return asyncio.run(list_command(kafka, prefix, specs, args.limit))
        at = None if args.all else (args.partition, args.offset)
        return asyncio.run(replay_command(kafka, prefix, specs[0], at, dry_run=args.dry_run))
    except (KafkaError, TimeoutError) as exc:
        print(
            f"Kafka at {kafka.bootstrap_servers}: {str(exc) or type(exc).__name__}", file=sys.stderr
        )
        return 1


def _int_or_none(text: str | None) -> int | None:
    return int(text) if text is not None and text.isdecimal() else None


def _shown(number: int | None) -> str:
    return "?" if number is None else str(number)


def _one_line(text: str) -> str:
    # Header text is written by consumers: keep each dead letter on one line, escapes out.
    return "".join(ch if ch.isprintable() else " " for ch in text)


def _at_least(minimum: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        if not text.isdecimal() or int(text) < minimum:
            raise argparse.ArgumentTypeError(f"not a whole number >= {minimum}: {text!r}")
        return int(text)

    return parse


if __name__ == "__main__":
    sys.exit(main())
