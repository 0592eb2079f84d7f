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
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import orjson
from aiokafka import AIOKafkaProducer

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.freshness import freshness  # noqa: E402
from bench.gateway_load import BATCH, DISTRICTS, gateway_env, iso_weeks  # noqa: E402
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
from tests.support.data import credit_code, weekly_report  # noqa: E402
from tests.support.infra import KAFKA, unique_name  # noqa: E402
from tests.support.stack import Stack, running_stack  # noqa: E402

RESULTS = REPO / "bench" / "results"


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
    env = gateway_env(args)
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
                weeks = iso_weeks(weeks_per_round, 2021 + round_)  # after the warm-up's 2020-W01
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
    consumer = AIOKafkaConsumer(topic, **KAFKA.client_options(), group_id=None)
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
        env = {**gateway_env(args), "FUGONG_HTTP_WORKERS": str(workers)}
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
