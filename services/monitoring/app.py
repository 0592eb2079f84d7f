"""Composition root of the monitoring worker: wires settings, Postgres, Kafka and the faust app."""

from __future__ import annotations

import asyncio
import os
import sys
from dataclasses import dataclass
from typing import Any, cast

import asyncpg
import faust
import structlog
from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaError

from services.contracts.topics import ENTERPRISE_REGISTRATIONS, ENTERPRISE_REPORTS, topic_name
from services.monitoring import metrics
from services.monitoring.adapters.postgres_store import PostgresMonitoringStore
from services.monitoring.dead_letters import KafkaDeadLetterSink
from services.monitoring.processor import IncomingRecord, ReportProcessor
from services.monitoring.settings import MonitoringSettings
from services.platform.consumer_lag import ConsumerLag
from services.platform.kafka import KafkaProbe, idempotent_producer
from services.platform.metrics import exposition
from services.platform.migrations import migrate
from services.platform.postgres import database_is_reachable, open_pool

SCHEMA = "monitoring"

log = structlog.get_logger(__name__)


@dataclass
class Resources:
    pool: asyncpg.Pool
    dead_letter_producer: AIOKafkaProducer
    probe: KafkaProbe

    @classmethod
    async def open(cls, settings: MonitoringSettings) -> Resources:
        pool = await open_pool(settings.database_url, max_size=4)
        await migrate(pool, SCHEMA, "services.monitoring")
        producer = idempotent_producer(settings.kafka_bootstrap_servers, "fugong-monitoring-dlq")
        await producer.start()
        return cls(pool, producer, KafkaProbe(settings.kafka_bootstrap_servers))


def create_app(settings: MonitoringSettings, resources: Resources) -> faust.App:
    app = faust.App(
        f"{settings.topic_prefix}fugong-monitoring",
        broker=f"kafka://{settings.kafka_bootstrap_servers}",
        datadir=settings.data_dir,
        store="memory://",
        web_host=settings.http_host,
        web_port=settings.http_port,
        topic_replication_factor=settings.topic_replication_factor,
        topic_disable_leader=True,
        consumer_auto_offset_reset="earliest",
        producer_acks=-1,
        broker_commit_interval=1.0,
        broker_session_timeout=settings.kafka_session_timeout_seconds,
        broker_heartbeat_interval=settings.kafka_session_timeout_seconds / 4,
    )
    registrations = topic_name(ENTERPRISE_REGISTRATIONS, settings.topic_prefix)
    reports = topic_name(ENTERPRISE_REPORTS, settings.topic_prefix)
    processor = ReportProcessor(
        PostgresMonitoringStore(resources.pool),
        KafkaDeadLetterSink(resources.dead_letter_producer),
        registrations_topic=registrations,
        reports_topic=reports,
    )
    channel = app.topic(registrations, reports, key_serializer="raw", value_serializer="raw")

    @app.agent(channel, name="record-return-to-work")
    async def record_return_to_work(stream: faust.StreamT[bytes]) -> None:
        async for events in cast(faust.Stream[bytes], stream).take_events(
            settings.batch_max_records, within=settings.batch_max_wait_seconds
        ):
            batch = [
                IncomingRecord(
                    topic=e.message.topic,
                    partition=e.message.partition,
                    offset=e.message.offset,
                    key=e.message.key,
                    value=e.message.value or b"",  # a null value reaches dead letters
                )
                for e in events
            ]
            metrics.BATCH_SIZE.observe(len(batch))
            with metrics.BATCH_SECONDS.time():
                await process_to_the_end(processor, batch)

    lag = ConsumerLag(settings.kafka_bootstrap_servers, app.conf.id, [registrations, reports])

    @app.timer(interval=settings.lag_interval_seconds)  # type: ignore[untyped-decorator]
    async def measure_consumer_lag() -> None:
        try:
            per_topic = await lag.per_topic()
        except (KafkaError, OSError) as exc:
            log.warning("consumer lag not measured", error=type(exc).__name__)
            return
        for topic, records in per_topic.items():
            metrics.CONSUMER_LAG.labels(topic.removeprefix(settings.topic_prefix)).set(records)

    _add_health_pages(app, resources)
    return app


async def process_to_the_end(processor: ReportProcessor, batch: list[IncomingRecord]) -> None:
    """Process a batch so that its offsets are committed only if its effects are.

    faust acknowledges a `take_events` batch whenever the loop body is left, by an exception or a
    cancellation too. So a shutdown waits for the batch in hand to be recorded, and a bug (bad
    input goes to dead letters, an unreachable store is retried) ends the process at once,
    before faust can acknowledge anything; the batch is delivered again after the restart.
    """
    work = asyncio.ensure_future(processor.process(batch))
    try:
        try:
            await asyncio.shield(work)
        except asyncio.CancelledError:
            await work  # the shutdown waits for the batch in hand
            raise
    except Exception:
        log.exception("batch failed unexpectedly; stopping the worker without acknowledging it")
        sys.stdout.flush()
        os._exit(70)


def _add_health_pages(app: faust.App, resources: Resources) -> None:
    @app.page("/healthz")
    async def healthz(web: Any, request: Any) -> Any:
        return web.json({"status": "ok"})

    @app.page("/readyz")
    async def readyz(web: Any, request: Any) -> Any:
        checks = {
            "postgres": await database_is_reachable(resources.pool),
            "kafka": await resources.probe.reachable(),
        }
        ready = all(checks.values())
        return web.json({"ready": ready, "checks": checks}, status=200 if ready else 503)

    @app.page("/metrics")
    async def metrics_page(web: Any, request: Any) -> Any:
        body, content_type = exposition()
        # aiohttp takes the charset separately; the exposition format is ASCII anyway.
        return web.bytes(body, content_type=content_type.split(";")[0] + "; version=0.0.4")
