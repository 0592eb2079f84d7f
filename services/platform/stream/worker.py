"""The stream worker: a faust app that runs a service's consume loop, admin port and timers.

faust-streaming gives the app its timers and worker lifecycle (signals, graceful stop) and runs
its web server (the admin pages, `admin_pages.py`, on `FUGONG_ADMIN_PORT`); the records
themselves are read in batches by aiokafka inside the app (`consuming.py`).
A service describes itself with a `StreamSpec`; `run_worker` does the rest.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, cast

import asyncpg
import faust
import structlog
from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaError
from faust.app.base import BootStrategy
from faust.contrib.asgi import serve_asgi
from mode import Service

from services.contracts.topics import TopicSpec, consumer_group, topic_name
from services.platform.consumer_lag import ConsumerLag
from services.platform.kafka import KafkaProbe, idempotent_producer
from services.platform.migrations import wait_for_schema
from services.platform.postgres import database_is_reachable, open_database
from services.platform.stream import metrics
from services.platform.stream.admin_pages import admin_pages
from services.platform.stream.batches import BatchProcessor, RetryPolicy
from services.platform.stream.consuming import ConsumeLoop, consumer_for
from services.platform.stream.dead_letter_sink import KafkaDeadLetterSink
from services.platform.stream.events import Route, Routes
from services.platform.stream.settings import StreamSettings
from services.platform.stream.store import RecordStore
from services.platform.structured_logging import configure_logging, library_logging_config

log = structlog.get_logger(__name__)

R = TypeVar("R")


Extension = Callable[[faust.App, "StreamWorker[Any]"], None]
"""Adds a service's own timers to its worker's app (its web server serves the admin pages only)."""


@dataclass(frozen=True)
class StreamSpec(Generic[R]):
    """What a stream processor is: its name, schema, topics and routes, and its store."""

    service: str
    routes: Mapping[TopicSpec, Sequence[Route[Any, R]]]
    open_store: Callable[[asyncpg.Pool], RecordStore[R]]
    pool_size: int = 4
    extensions: Sequence[Extension] = field(default=())
    """Called with the app and the worker to add the service's own timers."""

    def __post_init__(self) -> None:
        for spec, routes in self.routes.items():
            if self.service not in spec.consumers:
                raise ValueError(f"the catalogue does not list {self.service} on {spec.name}")
            for route in routes:
                if route.event_type not in spec.event_types:
                    raise ValueError(f"{spec.name} does not carry {route.event_type}")

    @property
    def schema(self) -> str:
        return self.service

    def group_id(self, prefix: str) -> str:
        return consumer_group(self.service, prefix)


class StreamWorker(Service, Generic[R]):
    """Opens the service's resources, runs its consume loop, and closes everything on stop."""

    def __init__(self, settings: StreamSettings, spec: StreamSpec[R], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.settings = settings
        self.spec = spec
        self.topics = [topic_name(t, settings.topic_prefix) for t in spec.routes]
        # Opened in on_start and closed in on_stop: aiokafka clients belong to the running loop.
        self.pool: asyncpg.Pool | None = None
        self.processor: BatchProcessor[R] | None = None
        self._probe: KafkaProbe | None = None
        self._lag: ConsumerLag | None = None
        self.producer: AIOKafkaProducer | None = None
        """Idempotent; for dead letters and any event the service publishes itself."""
        self._consume_loop: ConsumeLoop[R] | None = None
        self.readiness_checks: dict[str, Callable[[], bool]] = {}
        """Extensions' own checks by name (a periodic job's `job:<name>`), read by `/readyz`."""

    async def on_start(self) -> None:
        settings, spec = self.settings, self.spec
        kafka = settings.kafka_connection()
        self._probe = KafkaProbe(kafka)
        self._lag = ConsumerLag(kafka, spec.group_id(settings.topic_prefix), self.topics)
        self.pool = await open_database(settings, max_size=spec.pool_size)
        await wait_for_schema(
            self.pool,
            spec.schema,
            f"services.{spec.service}",
            timeout_seconds=settings.schema_wait_seconds,
        )
        self.producer = idempotent_producer(kafka, f"fugong-{spec.service}")
        await self.producer.start()
        prefix = settings.topic_prefix
        self.processor = BatchProcessor(
            spec.service,
            Routes({topic_name(t, prefix): routes for t, routes in spec.routes.items()}),
            spec.open_store(self.pool),
            KafkaDeadLetterSink(self.producer),
            RetryPolicy(
                attempts_before_stalled=settings.retry_attempts_before_stalled,
                max_backoff_seconds=settings.retry_max_backoff_seconds,
            ),
        )
        metrics.STALLED.labels(spec.service).set(0)
        consumer = consumer_for(
            kafka,
            spec.group_id(prefix),
            client_id=f"fugong-{spec.service}",
            session_timeout_seconds=settings.kafka_session_timeout_seconds,
            max_records=settings.batch_max_records,
        )
        self._consume_loop = ConsumeLoop(
            consumer,
            self.processor,
            self.topics,
            max_records=settings.batch_max_records,
            max_wait_seconds=settings.batch_max_wait_seconds,
            rebalance_stall_seconds=settings.rebalance_stall_seconds,
        )
        await self._consume_loop.start()
        log.info("stream worker consuming", consumer=spec.service, topics=self.topics)

    async def on_stop(self) -> None:
        if self._consume_loop is not None:
            await self._consume_loop.stop()
        if self.producer is not None:
            await self.producer.stop()
        if self._lag is not None:
            await self._lag.close()
        if self._probe is not None:
            await self._probe.close()
        if self.pool is not None:
            await self.pool.close()
        log.info("stream worker stopped", consumer=self.spec.service)

    async def readiness(self) -> dict[str, bool]:
        postgres = self.pool is not None and await database_is_reachable(self.pool)
        return {
            "postgres": postgres,
            "kafka": self._probe is not None and await self._probe.reachable(),
            "stream": self.processor is not None and not self.processor.stalled,
            **{name: check() for name, check in self.readiness_checks.items()},
        }

    async def measure_lag(self) -> None:
        if self._lag is None:
            return
        try:
            per_topic = await self._lag.per_topic()
        except (KafkaError, OSError, TimeoutError) as exc:
            log.warning("consumer lag not measured", error=type(exc).__name__)
            return
        for topic, records in per_topic.items():
            metrics.CONSUMER_LAG.labels(
                self.spec.service, topic.removeprefix(self.settings.topic_prefix)
            ).set(records)


def create_app(settings: StreamSettings, spec: StreamSpec[R]) -> tuple[faust.App, StreamWorker[R]]:
    app = faust.App(
        # faust's own consumer subscribes to nothing (the loop has a consumer of its own), so its
        # id only names the app; it differs from the consumer group's id on purpose.
        f"{settings.topic_prefix}fugong-{spec.service}-app",
        broker=f"kafka://{settings.kafka_bootstrap_servers}",
        datadir=settings.data_dir,
        store="memory://",
        web_host=settings.admin_host,
        web_port=settings.admin_port,
        topic_replication_factor=settings.topic_replication_factor,
        topic_disable_leader=True,
    )
    # faust's own Kafka clients would sit idle: the consume loop and the dead-letter producer
    # are the worker's Kafka clients (made from `settings.kafka_connection()`, TLS and SASL
    # included): faust opens no broker connection. Web server, timers and lifecycle stay faust's.
    app.boot_strategy = BootStrategy(app, enable_kafka=False)
    worker: StreamWorker[R] = StreamWorker(settings, spec)
    app.service(cast(Any, worker))  # an instance is started as it is
    # In place of faust's aiohttp pages: only what operations read, and no access log of probes.
    serve_asgi(
        app,
        admin_pages(worker.readiness),
        host=settings.admin_host,
        port=settings.admin_port,
        access_log=False,
    )

    @app.timer(interval=settings.lag_interval_seconds)  # type: ignore[untyped-decorator]
    async def measure_consumer_lag() -> None:
        await worker.measure_lag()

    for extend in spec.extensions:
        extend(app, worker)
    return app, worker


def run_worker(settings: StreamSettings, spec: StreamSpec[Any]) -> None:
    """`python -m services.<service>`: run one worker until SIGTERM or SIGINT."""
    configure_logging(spec.service, settings.log_level, settings.log_format)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    app, _ = create_app(settings, spec)
    log.info(
        "stream worker starting",
        consumer=spec.service,
        admin_port=settings.admin_port,
        topic_prefix=settings.topic_prefix,
    )
    worker = faust.Worker(
        app,
        loop=loop,
        quiet=True,
        # Our log lines go to stdout already; redirected, each would be wrapped in another line.
        redirect_stdouts=False,
        loglevel="DEBUG" if settings.log_level == "DEBUG" else "WARNING",
        logging_config=library_logging_config(
            spec.service, settings.log_level, settings.log_format
        ),
    )
    worker.spinner = None  # a terminal progress spinner only garbles log files
    worker.execute_from_commandline()
