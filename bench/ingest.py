"""Bulk ingestion through the gateway, against a bare producer, and freshness end to end.

    make bench-ingest            # both; writes bench/results/ingest.json and freshness.json

1. **Ingest**: weekly reports posted to `POST /v1/submissions/batch` (1,000 entries a request,
   each with an idempotency key, as the city bureau passing on its districts' sheets) by a few
   concurrent clients over loopback HTTP, to a gateway in as many processes as cores, acks=all.
   In the same run and on the same broker, the same events (already encoded) are sent by a bare
   aiokafka idempotent producer, one `send` per event. Rounds alternate; medians are reported.
2. **Freshness**: with the monitoring worker running, reports arrive at a steady rate in small
   batches, each batch alone in its (week, district, industry section) cells; a poller reads
   `GET /v1/indicators/return-to-work` and notes when each batch's cells show its reports. The
   time from the batch's 207 to that moment is its freshness (the poll interval bounds the error).

Every figure is checked: every entry accepted, every report counted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import orjson
from aiokafka import AIOKafkaProducer

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.workload import delete_topics  # noqa: E402
from services.contracts.envelope import encode_event  # noqa: E402
from services.contracts.topics import ENTERPRISE_REPORTS, topic_name  # noqa: E402
from services.contracts.weekly_reports import (  # noqa: E402
    WEEKLY_REPORT_SUBMITTED,
    WeeklyReport,
)
from services.gateway.domain.access import Principal, PrincipalKind  # noqa: E402
from services.platform.kafka import idempotent_producer  # noqa: E402
from services.platform.topics import ensure_topics  # noqa: E402
from tests.support.data import credit_code, registration, weekly_report  # noqa: E402
from tests.support.infra import KAFKA, unique_name  # noqa: E402
from tests.support.stack import Stack, running_stack  # noqa: E402

RESULTS = REPO / "bench" / "results"
BATCH = "/v1/submissions/batch"
DISTRICTS = (
    "310101", "310104", "310105", "310106", "310107", "310109", "310110", "310112",
    "310113", "310114", "310115", "310116", "310117", "310118", "310120", "310151",
)  # fmt: skip
DIVISIONS = ("13", "52", "61", "84")  # sections C, F, H, Q


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=40_000, help="events per ingest round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", type=int, default=4, help="concurrent HTTP clients")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--rate", type=float, default=2000, help="freshness: events per second")
    parser.add_argument("--seconds", type=float, default=20, help="freshness: how long")
    parser.add_argument("--only", choices=("ingest", "freshness", "singles"))
    return parser.parse_args()


def _gateway_env(args: argparse.Namespace) -> dict[str, str]:
    # The rate limit is a counter per caller, not a cost: lifted so that one bench key and its
    # poller are not told to slow down.
    return {
        "FUGONG_HTTP_WORKERS": str(args.workers),
        "FUGONG_LOG_LEVEL": "WARNING",
        "FUGONG_RATE_LIMIT_PER_SECOND": "100000",
        "FUGONG_RATE_LIMIT_BURST": "100000",
    }


def _cpu_seconds(root_pid: int) -> float:
    """CPU time (user + system) of a process and its descendants, e.g. the gateway's workers."""
    total, pending = 0.0, [root_pid]
    tick = os.sysconf("SC_CLK_TCK")
    while pending:
        pid = pending.pop()
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            for task in Path(f"/proc/{pid}/task").iterdir():
                pending += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


def _pids_named(command: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if command in (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _cpu_split(gateway_pid: int) -> dict[str, float]:
    """CPU seconds so far of the gateway, the broker, the database and this benchmark."""
    return {
        "gateway": _cpu_seconds(gateway_pid),
        "broker": sum(_cpu_seconds(pid) for pid in _pids_named("kafka.Kafka")),
        "database": sum(_cpu_seconds(pid) for pid in _pids_named("postgres")),
        "bench client": sum(os.times()[:2]),  # this process alone, not the services it started
    }


def _weeks(count: int, year: int = 2021) -> list[str]:
    return [f"{year}-W{week:02d}" for week in range(1, count + 1)]


def _report_entries(codes: list[str], weeks: list[str]) -> list[dict[str, Any]]:
    return [
        {
            "id": f"{code}/{week}",
            "kind": "weekly_report",
            "idempotency_key": str(uuid.uuid4()),
            "data": weekly_report(code, week=week, employees=200 + i % 50, on_duty=120),
        }
        for week in weeks
        for i, code in enumerate(codes)
    ]


async def _post_all(
    client: httpx.AsyncClient, headers: dict[str, str], bodies: list[bytes], clients: int
) -> int:
    """Post every body with `clients` in flight; the number of entries accepted."""
    queue = list(reversed(bodies))
    accepted = 0

    async def one_client() -> None:
        nonlocal accepted
        while queue:
            body = queue.pop()
            response = await client.post(BATCH, content=body, headers=headers)
            if response.status_code != 207:
                raise RuntimeError(f"batch answered {response.status_code}: {response.text[:300]}")
            accepted += response.json()["accepted"]

    await asyncio.gather(*(one_client() for _ in range(clients)))
    return accepted


async def _raw_rate(entries: list[dict[str, Any]], topic: str) -> float:
    """The same events, encoded beforehand, through a bare idempotent producer (acks=all)."""
    encoded = [
        (
            entry["data"]["credit_code"].encode(),
            encode_event(
                event_type=WEEKLY_REPORT_SUBMITTED,
                source="/bench",
                subject=entry["data"]["credit_code"],
                data=WeeklyReport.model_validate(entry["data"]),
            )[1],
        )
        for entry in entries
    ]
    producer: AIOKafkaProducer = idempotent_producer(KAFKA, "fugong-bench-raw")
    await producer.start()
    try:
        await producer.partitions_for(topic)
        started = time.perf_counter()
        pending = [await producer.send(topic, value, key=key) for key, value in encoded]
        await asyncio.gather(*pending)
        return len(encoded) / (time.perf_counter() - started)
    finally:
        await producer.stop()


async def ingest(args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    raw_prefix = unique_name("bench-raw-") + "."
    await ensure_topics(KAFKA, prefix=raw_prefix)
    raw_topic = topic_name(ENTERPRISE_REPORTS, raw_prefix)
    env = _gateway_env(args)
    async with running_stack(tmp, with_monitoring=False, extra_env=env) as stack:
        city = await stack.key_for(Principal(PrincipalKind.OFFICIAL))
        headers = {**city, "content-type": "application/json"}
        codes = [credit_code(serial, DISTRICTS[serial % 16]) for serial in range(1, 2001)]
        weeks_per_round = max(1, args.events // len(codes))
        gateway_rates, raw_rates, cpu_us = [], [], []
        splits: list[dict[str, float]] = []
        limits = httpx.Limits(max_connections=args.clients)
        async with httpx.AsyncClient(
            base_url=stack.gateway.url, timeout=120, limits=limits
        ) as client:
            warm = _report_entries(codes[:1000], ["2020-W01"])
            await _post_all(client, headers, [orjson.dumps({"entries": warm})], 1)
            for round_ in range(args.rounds):
                weeks = _weeks(weeks_per_round, 2021 + round_)  # after the warm-up's 2020-W01
                entries = _report_entries(codes, weeks)
                bodies = [
                    orjson.dumps({"entries": entries[i : i + 1000]})
                    for i in range(0, len(entries), 1000)
                ]
                raw_rates.append(await _raw_rate(entries, raw_topic))
                assert stack.gateway.process is not None
                cpu_before = _cpu_split(stack.gateway.process.pid)
                started = time.perf_counter()
                accepted = await _post_all(client, headers, bodies, args.clients)
                gateway_rates.append(accepted / (time.perf_counter() - started))
                cpu_after = _cpu_split(stack.gateway.process.pid)
                split = {
                    part: round((cpu_after[part] - cpu_before[part]) / accepted * 1e6, 1)
                    for part in cpu_after
                }
                cpu_us.append(split["gateway"])
                splits.append(split)
                if accepted != len(entries):
                    raise RuntimeError(f"{accepted} of {len(entries)} entries accepted")
                print(
                    f"round {round_ + 1}: {len(entries)} events; gateway "
                    f"{gateway_rates[-1]:,.0f}/s, bare producer {raw_rates[-1]:,.0f}/s; "
                    f"CPU µs an event: {splits[-1]}"
                )
        await _events_on_topic(stack, len(codes) * weeks_per_round * args.rounds + 1000)
        await delete_topics(stack.prefix)
    await delete_topics(raw_prefix)
    gateway, raw = statistics.median(gateway_rates), statistics.median(raw_rates)
    return {
        "gateway_events_per_s": round(gateway),
        "raw_producer_events_per_s": round(raw),
        "ratio": round(gateway / raw, 3),
        "gateway_cpu_us_per_event": round(statistics.median(cpu_us), 1),
        "cpu_us_per_event": {
            part: statistics.median(split[part] for split in splits) for part in splits[0]
        },
        "events_per_round": len(codes) * weeks_per_round,
        "rounds": args.rounds,
        "gateway_workers": args.workers,
        "clients": args.clients,
        "entries_per_request": 1000,
    }


async def _events_on_topic(stack: Stack, expected: int) -> None:
    """Check the broker holds every accepted event: the end offsets add up."""
    from aiokafka import AIOKafkaConsumer

    topic = topic_name(ENTERPRISE_REPORTS, stack.prefix)
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=KAFKA, group_id=None)
    await consumer.start()
    try:
        for _ in range(100):
            if consumer.assignment():
                break
            await asyncio.sleep(0.1)
        ends = await consumer.end_offsets(list(consumer.assignment()))
        if sum(ends.values()) != expected:
            raise RuntimeError(f"topic holds {sum(ends.values())} events, {expected} accepted")
    finally:
        await consumer.stop()


@dataclass
class _Batch:
    week: str
    cells: list[tuple[str, str]]  # (district, division)
    size: int
    acknowledged: float = 0.0
    visible: float = 0.0
    retries: int = 0


@dataclass
class _Cells:
    codes: dict[tuple[str, str], list[str]] = field(default_factory=dict)


SECTION_OF = {"13": "C", "52": "F", "61": "H", "84": "Q"}


async def freshness(args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    # The services' own intervals, not the tests' one-second ones: periodic jobs are part of the
    # load a worker carries in production.
    env = {
        **_gateway_env(args),
        "FUGONG_LAG_INTERVAL_SECONDS": "15",
        "FUGONG_INDICATOR_GAUGES_INTERVAL_SECONDS": "30",
    }
    per_cell = 25
    cells = [(d, v) for d in DISTRICTS for v in DIVISIONS]
    codes = {
        cell: [credit_code(1 + i * len(cells) + n, cell[0]) for i in range(per_cell)]
        for n, cell in enumerate(cells)
    }
    async with running_stack(tmp, extra_env=env) as stack:
        city = await stack.key_for(Principal(PrincipalKind.OFFICIAL))
        headers = {**city, "content-type": "application/json"}
        async with httpx.AsyncClient(base_url=stack.gateway.url, timeout=60) as client:
            await _register(client, headers, codes)
            await _wait_registered(stack, sum(len(c) for c in codes.values()))
            batch_size = 100
            cells_per_batch = batch_size // per_cell
            total = int(args.rate * args.seconds)
            weeks = _weeks(-(-total // (len(cells) * per_cell)))
            batches = [
                _Batch(week, cells[i : i + cells_per_batch], batch_size)
                for week in weeks
                for i in range(0, len(cells), cells_per_batch)
            ][: total // batch_size]
            interval = batch_size / args.rate
            poller = asyncio.create_task(_poll_until_visible(client, headers, batches))
            started = time.perf_counter()
            sends = []
            for n, batch in enumerate(batches):
                delay = started + n * interval - time.perf_counter()
                if delay > 0:
                    await asyncio.sleep(delay)
                sends.append(asyncio.create_task(_send_batch(client, headers, batch, codes)))
            await asyncio.gather(*sends)
            sent_for = time.perf_counter() - started
            await asyncio.wait_for(poller, timeout=120)
        await delete_topics(stack.prefix)
    latencies = sorted(b.visible - b.acknowledged for b in batches)
    return {
        "rate_per_s": round(len(batches) * batch_size / sent_for),
        "p50_s": round(statistics.median(latencies), 3),
        "p99_s": round(latencies[max(0, int(len(latencies) * 0.99) - 1)], 3),
        "max_s": round(latencies[-1], 3),
        "batches_sent_again": sum(1 for b in batches if b.retries),
        "events": len(batches) * batch_size,
        "batches": len(batches),
        "entries_per_request": batch_size,
        "poll_interval_s": POLL_INTERVAL,
        "gateway_workers": args.workers,
    }


async def _register(
    client: httpx.AsyncClient, headers: dict[str, str], codes: dict[tuple[str, str], list[str]]
) -> None:
    entries = [
        {
            "id": code,
            "kind": "enterprise_registration",
            "data": registration(code, district=district, division=division),
        }
        for (district, division), cell_codes in codes.items()
        for code in cell_codes
    ]
    for i in range(0, len(entries), 1000):
        response = await client.post(
            BATCH, content=orjson.dumps({"entries": entries[i : i + 1000]}), headers=headers
        )
        if response.status_code != 207 or response.json()["refused"]:
            raise RuntimeError(f"registration refused: {response.text[:300]}")


async def _wait_registered(stack: Stack, count: int) -> None:
    import asyncpg

    connection = await asyncpg.connect(stack.database_url)
    try:
        for _ in range(600):
            if (
                await connection.fetchval("SELECT count(*) FROM monitoring.enterprise_registry_v")
                == count
            ):
                return
            await asyncio.sleep(0.1)
        raise RuntimeError("registrations not recorded within 60 s")
    finally:
        await connection.close()


async def _send_batch(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    batch: _Batch,
    codes: dict[tuple[str, str], list[str]],
) -> None:
    entries = [
        {
            "id": code,
            "kind": "weekly_report",
            "idempotency_key": str(uuid.uuid4()),
            "data": weekly_report(code, week=batch.week),
        }
        for cell in batch.cells
        for code in codes[cell]
    ]
    body = orjson.dumps({"entries": entries})
    for _ in range(5):  # as a client does: a 503 is sent again, with the same idempotency keys
        response = await client.post(BATCH, content=body, headers=headers)
        if response.status_code == 207 and response.json()["accepted"] == len(entries):
            batch.acknowledged = time.perf_counter()
            return
        batch.retries += 1
        await asyncio.sleep(float(response.headers.get("Retry-After", "1")))
    raise RuntimeError(f"batch not accepted after 5 tries: {response.text[:300]}")


POLL_INTERVAL = 0.02


async def _poll_until_visible(
    client: httpx.AsyncClient, headers: dict[str, str], batches: list[_Batch]
) -> None:
    waiting = list(batches)
    while waiting:
        weeks = sorted({b.week for b in waiting if b.acknowledged})
        for week in weeks[:2]:
            response = await client.get(
                "/v1/indicators/return-to-work", params={"week": week}, headers=headers
            )
            seen = time.perf_counter()
            reporting = {
                (c["district_code"], c["industry_section"]): c["enterprises_reporting"]
                for c in response.json()["cells"]
            }
            for batch in [b for b in waiting if b.week == week and b.acknowledged]:
                if all(reporting.get((d, SECTION_OF[v]), 0) >= 25 for d, v in batch.cells):
                    batch.visible = seen
                    waiting.remove(batch)
        await asyncio.sleep(POLL_INTERVAL)


def _commit() -> str:
    return subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()


def _write(name: str, figures: dict[str, Any]) -> None:
    figures = {
        **figures,
        "commit": _commit(),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    path = RESULTS / name
    path.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(REPO)}: {figures}")


def _ab(url: str, requests: int, concurrency: int, body: Path | None, key: str) -> float:
    """Requests per second by ApacheBench (keep-alive); every answer must be 2xx."""
    command = [
        "ab",
        "-q",
        "-k",
        "-n",
        str(requests),
        "-c",
        str(concurrency),
        "-H",
        f"X-API-Key: {key}",
    ]
    if body is not None:
        command += ["-p", str(body), "-T", "application/json"]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    if "Non-2xx responses" in out or "Failed requests:        0" not in out:
        raise RuntimeError(f"ab saw failures:\n{out}")
    return float(
        next(line for line in out.splitlines() if "Requests per second" in line).split()[3]
    )


async def singles(args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    """One POST per event, and /healthz, as `ab -c 64 -k` sees them, with the worker running."""
    results: dict[str, Any] = {}
    for workers in sorted({1, args.workers}):
        env = {**_gateway_env(args), "FUGONG_HTTP_WORKERS": str(workers)}
        async with running_stack(tmp, extra_env=env) as stack:
            key = (await stack.key_for(Principal(PrincipalKind.OFFICIAL)))["X-API-Key"]
            body = tmp / "report.json"
            body.write_bytes(orjson.dumps(weekly_report(credit_code(1, "310115"))))
            url = stack.gateway.url
            _ab(f"{url}/healthz", 2000, 64, None, key)  # warm-up
            results[f"single_post_per_s_{workers}_workers"] = round(
                _ab(f"{url}/v1/weekly-reports", 10_000, 64, body, key)
            )
            results[f"healthz_per_s_{workers}_workers"] = round(
                _ab(f"{url}/healthz", 20_000, 64, None, key)
            )
            await delete_topics(stack.prefix)
        print(results)
    return results


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="fugong-bench-") as tmp:
        if args.only in (None, "ingest"):
            figures = await ingest(args, Path(tmp))
            if shutil.which("ab"):
                figures |= await singles(args, Path(tmp))
            _write("ingest.json", figures)
        if args.only == "singles":
            print(await singles(args, Path(tmp)))
        if args.only in (None, "freshness"):
            _write("freshness.json", await freshness(args, Path(tmp)))


if __name__ == "__main__":
    asyncio.run(main(arguments()))
