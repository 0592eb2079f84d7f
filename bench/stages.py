"""The three ways of consuming the backlog that the benchmark compares, each timed on its own.

1. a bare aiokafka consumer that parses each event (the ceiling for any Python consumer here),
2. the stream worker's batch processor with monitoring's routes and Postgres store, driven
   in-process by that consumer one batch after another (no overlap, no faust app),
3. the real worker, `python -m services.monitoring`, as a process;
4. the rebuild (`python -m services.monitoring.rebuild`'s function) replaying a backlog.
Runs 2 and 3 write to a fresh database each, and their figures are checked against a recomputation.
"""

from __future__ import annotations

import asyncio
import cProfile
import os
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from time import perf_counter, process_time

import asyncpg
import httpx
from aiokafka import AIOKafkaConsumer
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_delay, wait_fixed

from services.contracts.enterprises import EnterpriseRegistration
from services.contracts.envelope import parse_event
from services.contracts.topics import ENTERPRISE_REGISTRATIONS, ENTERPRISE_REPORTS, topic_name
from services.contracts.weekly_reports import WeeklyReport
from services.monitoring.adapters.postgres_store import PostgresMonitoringStore
from services.monitoring.app import SERVICE
from services.monitoring.domain.figures import CellFigures, CellKey
from services.monitoring.domain.records import Record
from services.monitoring.events import ROUTES
from services.monitoring.rebuild import rebuild
from services.monitoring.settings import MonitoringSettings
from services.platform.kafka import DeadLetter
from services.platform.kafka_connection import KafkaConnection
from services.platform.migrations import migrate
from services.platform.postgres import open_pool
from services.platform.stream.batches import BatchProcessor
from services.platform.stream.events import IncomingRecord, Routes
from tests.support.infra import KAFKA, create_database, drop_database
from tests.support.kafka_users import granted_service_users
from tests.support.processes import ServiceProcess, free_port, service_env

TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Run:
    stage: str
    batch: int
    events: int
    seconds: float
    cpu_seconds: float  # of the consuming process
    postgres_cpu_seconds: float | None = None  # of the backends serving its database
    mean_batch: float | None = None
    peak_rss_mib: float | None = None
    parts: dict[str, float] = field(default_factory=dict)  # seconds spent in named parts

    @property
    def rate(self) -> float:
        return self.events / self.seconds


class FiguresDiffer(AssertionError):
    """The stored figures are not those recomputed from the events produced."""


@asynccontextmanager
async def backlog(prefix: str) -> AsyncIterator[AIOKafkaConsumer]:
    """A consumer outside any group, at the start of both source topics."""
    consumer = AIOKafkaConsumer(
        topic_name(ENTERPRISE_REGISTRATIONS, prefix),
        topic_name(ENTERPRISE_REPORTS, prefix),
        **KAFKA.client_options(),
        group_id=None,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    try:
        yield consumer
    finally:
        await consumer.stop()


async def fetch(consumer: AIOKafkaConsumer, max_records: int) -> list[IncomingRecord]:
    fetched = await consumer.getmany(timeout_ms=30_000, max_records=max_records)
    if not fetched:
        raise TimeoutError("no records for 30 s: the backlog is shorter than produced")
    return [
        IncomingRecord(r.topic, r.partition, r.offset, r.key, r.value)
        for records in fetched.values()
        for r in records
    ]


async def bare_consumer(prefix: str, total: int) -> Run:
    registrations = topic_name(ENTERPRISE_REGISTRATIONS, prefix)
    parsing, batches = 0.0, 0
    async with backlog(prefix) as consumer:
        cpu, started, seen = process_time(), perf_counter(), 0
        while seen < total:
            records = await fetch(consumer, 10_000)
            seen, batches = seen + len(records), batches + 1
            parse_started = perf_counter()
            for r in records:
                parse_event(
                    r.value, EnterpriseRegistration if r.topic == registrations else WeeklyReport
                )
            parsing += perf_counter() - parse_started
        elapsed = perf_counter() - started
    run = Run("bare consumer + parse_event", 10_000, seen, elapsed, process_time() - cpu)
    run.mean_batch, run.parts = seen / batches, {"parse": parsing}
    return run


class TimedStore:
    """The Postgres store, with the wall time of its calls added up."""

    def __init__(self, store: PostgresMonitoringStore) -> None:
        self._store = store
        self.seconds = 0.0

    async def record(self, records: Sequence[Record]) -> int:
        started = perf_counter()
        try:
            return await self._store.record(records)
        finally:
            self.seconds += perf_counter() - started

    async def cells(self, week: str) -> dict[CellKey, CellFigures]:
        return await self._store.cells(week)


class NoDeadLetters:
    async def send(self, letter: DeadLetter) -> None:
        raise AssertionError(f"the workload holds only valid events, yet: {letter.reason}")


async def in_process(
    prefix: str,
    total: int,
    batch: int,
    expected: dict[CellKey, CellFigures],
    profiler: cProfile.Profile | None = None,
) -> Run:
    """The processor and store fed by a bare consumer: the worker minus faust."""
    name, dsn = await create_database()
    pool = await open_pool(dsn, max_size=4)
    try:
        await migrate(pool, "monitoring", "services.monitoring")
        store = TimedStore(PostgresMonitoringStore(pool))
        routes = Routes({topic_name(spec, prefix): r for spec, r in ROUTES.items()})
        processor = BatchProcessor(SERVICE, routes, store, NoDeadLetters())
        fetching = processing = 0.0
        batches = 0
        async with backlog(prefix) as consumer:
            backends = await _backends_cpu(dsn)
            if profiler:
                profiler.enable()
            cpu, started, seen = process_time(), perf_counter(), 0
            while seen < total:
                fetch_started = perf_counter()
                records = await fetch(consumer, batch)
                process_started = perf_counter()
                await processor.process(records)
                fetching += process_started - fetch_started
                processing += perf_counter() - process_started
                seen, batches = seen + len(records), batches + 1
                if profiler and perf_counter() - started > 30:
                    profiler.disable()  # 30 s of samples are plenty
            elapsed, cpu = perf_counter() - started, process_time() - cpu
            if profiler:
                profiler.disable()
            postgres = _cpu_since(await _backends_cpu(dsn), backends)
        await verify(pool, expected)
        parts = {"fetch": fetching, "decode": processing - store.seconds, "store": store.seconds}
        stage = "processor + store, in turn"
        return Run(stage, batch, seen, elapsed, cpu, postgres, seen / batches, parts=parts)
    finally:
        await pool.close()
        await drop(name)


async def worker(
    prefix: str, events: int, batch: int, expected: dict[CellKey, CellFigures], logs: Path
) -> Run:
    """The real worker on the backlog, as its own Kafka user (the catalogue's rights on the
    prefix's topics for the run), timed from ready to the last event recorded."""
    async with granted_service_users(prefix, ["monitoring"]) as users:
        own_user = users.connection("monitoring")
        return await _timed_worker(own_user, prefix, events, batch, expected, logs)


async def _timed_worker(
    kafka: KafkaConnection,
    prefix: str,
    events: int,
    batch: int,
    expected: dict[CellKey, CellFigures],
    logs: Path,
) -> Run:
    name, dsn = await create_database()
    env = {**service_env(dsn, prefix, logs, kafka=kafka), "FUGONG_BATCH_MAX_RECORDS": str(batch)}
    process = ServiceProcess("monitoring", free_port(), env, logs / f"monitoring-{batch}.log")
    pool: asyncpg.Pool | None = None
    try:
        launched = perf_counter()
        await asyncio.to_thread(process.start, 120.0)
        assert process.process is not None
        pid, ready = process.process.pid, perf_counter()
        pool = await open_pool(dsn, max_size=1)
        at_ready, cpu, backends = await _processed(pool), _cpu(pid), await _backends_cpu(dsn)
        before = await _batch_metrics(process.admin_url)
        while (recorded := await _processed(pool)) < events:
            if process.process.poll() is not None or perf_counter() - ready > 600:
                raise RuntimeError(
                    f"worker stopped or stalled at {recorded}:\n{process.log_tail()}"
                )
            await asyncio.sleep(0.2)
        done = perf_counter()
        cpu, postgres = _cpu(pid) - cpu, _cpu_since(await _backends_cpu(dsn), backends)
        rss = _peak_rss_mib(pid)
        after = await _batch_metrics(process.admin_url)
        await verify(pool, expected)
        batches, records, in_processor = (a - b for a, b in zip(after, before, strict=True))
        parts = {"start-up": ready - launched, "in processor": in_processor}
        run = Run("worker", batch, events - at_ready, done - ready, cpu, postgres)
        run.mean_batch, run.peak_rss_mib, run.parts = records / batches, rss, parts
        return run
    finally:
        process.stop()
        if pool:
            await pool.close()
        await drop(name)


async def drop(name: str) -> None:
    """Drop a database; autovacuum (a superuser's backend) may hold it for a moment after a load."""
    async for attempt in AsyncRetrying(
        retry=retry_if_exception_type(asyncpg.InsufficientPrivilegeError),
        wait=wait_fixed(1),
        stop=stop_after_delay(60),
        reraise=True,
    ):
        with attempt:
            await drop_database(name)


async def verify(pool: asyncpg.Pool, expected: dict[CellKey, CellFigures]) -> None:
    """The stored cells of every week equal the cells recomputed from what was produced."""
    store = PostgresMonitoringStore(pool)
    for week in sorted({key.week for key in expected}):
        stored = await store.cells(week)
        wanted = {k: v for k, v in expected.items() if k.week == week}
        if stored != wanted:
            wrong = sorted(
                k for k in stored.keys() | wanted.keys() if stored.get(k) != wanted.get(k)
            )
            raise FiguresDiffer(f"{len(wrong)} cells of {week} differ, e.g. {wrong[:3]}")


async def _processed(pool: asyncpg.Pool) -> int:
    count: int = await pool.fetchval("SELECT count(*) FROM monitoring.processed_events")
    return count


async def _backends_cpu(dsn: str) -> dict[int, float]:
    """CPU seconds used so far by each backend serving the database (but the asking one)."""
    conn = await asyncpg.connect(dsn)
    try:
        rows = await conn.fetch(
            "SELECT pid FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    finally:
        await conn.close()
    return {row["pid"]: _cpu(row["pid"]) for row in rows}


def _cpu_since(now: dict[int, float], before: dict[int, float]) -> float:
    return sum(cpu - before.get(pid, 0.0) for pid, cpu in now.items())


async def _batch_metrics(url: str) -> tuple[float, float, float]:
    """The worker's own counts so far: batches, records in them, seconds spent processing them."""
    async with httpx.AsyncClient(timeout=5) as http:
        text = (await http.get(f"{url}/metrics")).text
    values = dict(line.split(" ", 1) for line in text.splitlines() if not line.startswith("#"))
    size = 'fugong_stream_batch_size_records_{}{{consumer="monitoring"}}'
    return (
        float(values.get(size.format("count"), 0)),
        float(values.get(size.format("sum"), 0)),
        float(values.get('fugong_stream_batch_duration_seconds_sum{consumer="monitoring"}', 0)),
    )


def _cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime and stime


def _peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc status")


async def replay(prefix: str, events: int, expected: dict[CellKey, CellFigures]) -> Run:
    """`python -m services.monitoring.rebuild`'s function on the backlog, into a fresh database."""
    name, dsn = await create_database()
    settings = MonitoringSettings(
        _env_file=None, database_url=dsn, **KAFKA.settings(), topic_prefix=prefix
    )
    try:
        cpu, started = process_time(), perf_counter()
        progress = await rebuild(settings)
        elapsed, cpu = perf_counter() - started, process_time() - cpu
        pool = await open_pool(dsn, max_size=1)
        try:
            await verify(pool, expected)
            recorded = await _processed(pool)
        finally:
            await pool.close()
        if recorded != events:
            raise FiguresDiffer(f"rebuild recorded {recorded} events of {events}")
        run = Run("rebuild (replay + switch)", 10_000, progress.records, elapsed, cpu)
        run.parts = {"replay": progress.seconds}
        return run
    finally:
        await drop(name)
