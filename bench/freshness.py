"""Freshness: how long from a batch's 207 until its reports show in the figures through the API
(`make bench-ingest` runs it after the ingest rounds; see bench/README.md)."""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import orjson

from bench.gateway_load import BATCH, DISTRICTS, DIVISIONS, gateway_env, iso_weeks
from bench.workload import delete_topics
from services.gateway.domain.access import Principal, PrincipalKind
from tests.support.data import credit_code, registration, weekly_report
from tests.support.stack import Stack, running_stack


@dataclass
class _Batch:
    week: str
    cells: list[tuple[str, str]]  # (district, division)
    size: int
    acknowledged: float = 0.0
    visible: float = 0.0
    retries: int = 0


SECTION_OF = {"13": "C", "52": "F", "61": "H", "84": "Q"}


async def freshness(args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    # The services' own intervals, not the tests' one-second ones: periodic jobs are part of the
    # load a worker carries in production.
    env = {
        **gateway_env(args),
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
            weeks = iso_weeks(-(-total // (len(cells) * per_cell)))
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
