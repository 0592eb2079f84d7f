"""`make bench-notify`: one campaign of N recipients (default 1,000,000) through notify and the
provider simulator, on the real local stack; writes bench/results/notify.json.

The recipients go into notify's tables through its bulk path (one COPY per 50,000), with the
must-show mix of channels (most SMS only, a quarter WeChat first, landlines by voice) unless
`--sms-only`, as one return-date campaign's messages (progress reported per campaign, as a
campaign's is) unless `--bulk-send` (outside any campaign: one delivery event each). Then the
simulator and `--workers` notify processes start, and the clock runs until every recipient is
in a final status (an SMS counted once Tencent's receipt is in). The simulator's ledger then
says how many recipients were accepted more than once (`duplicates`) and how many notify
recorded as sent that no provider accepted (`missing`).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import tempfile
import time
from contextlib import AsyncExitStack
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import asyncpg
import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.stages import _backends_cpu, _cpu, _cpu_since  # noqa: E402
from bench.workload import delete_topics  # noqa: E402
from services.notify.adapters.bulk_messages import NewMessage, add_messages  # noqa: E402
from services.notify.domain.routing import Channel  # noqa: E402
from services.notify.domain.segments import segments  # noqa: E402
from services.platform.kafka_connection import KafkaConnection  # noqa: E402
from services.platform.migrations import migrate  # noqa: E402
from services.platform.postgres import open_pool  # noqa: E402
from services.platform.topics import ensure_topics  # noqa: E402
from tests.support.broker import private_broker  # noqa: E402
from tests.support.infra import KAFKA, create_database, drop_database, unique_name  # noqa: E402
from tests.support.kafka_users import KafkaUsers, granted_service_users  # noqa: E402
from tests.support.notify_campaign import recipient, statuses, tally, unsettled  # noqa: E402
from tests.support.processes import ServiceProcess, free_port, service_env  # noqa: E402

RESULTS = REPO / "bench" / "results"
CAMPAIGN = "bench:campaign"
CHUNK = 50_000


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--recipients", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=2, help="notify processes")
    parser.add_argument("--latency", type=float, default=0.005, help="simulator's, per request")
    parser.add_argument("--sms-only", action="store_true", help="every recipient by SMS only")
    parser.add_argument("--within", type=float, default=3600, help="give up after (s)")
    parser.add_argument(
        "--bulk-send", action="store_true", help="outside any campaign: one delivery event each"
    )
    parser.add_argument(
        "--private-broker", action="store_true", help="a Kafka of its own, not the shared one"
    )
    return parser.parse_args()


# The campaign the messages belong to: an enterprise's return-date notice, as notify records
# one when it expands a roster (adapters/campaigns_sql.py).
_NEW_CAMPAIGN = """
INSERT INTO notify.campaigns (campaign_id, credit_code, template, body, segments, send_at,
                              requested_by, requested_at, recipients)
VALUES ($1, '91310115MA1H7GXQ2B', $2, $3, $4, now(), $5, now(), $6)
"""


async def _campaign(pool: asyncpg.Pool, args: argparse.Namespace) -> UUID | None:
    if args.bulk_send:
        return None
    campaign_id = uuid4()
    text = recipient(0, CAMPAIGN)
    await pool.execute(
        _NEW_CAMPAIGN, campaign_id, text.template.value, text.body, segments(text.body),
        CAMPAIGN, args.recipients,
    )  # fmt: skip
    return campaign_id


def _recipients(
    args: argparse.Namespace, campaign_id: UUID | None, start: int, stop: int
) -> list[NewMessage]:
    made = [
        replace(recipient(serial, CAMPAIGN), campaign_id=campaign_id)
        for serial in range(start, stop)
    ]
    if args.sms_only:  # every one of the N a mobile (landlines get one of their own), no opt-outs
        return [
            NewMessage(**{
                **m.__dict__, "channels": (Channel.SMS,), "wechat_openid": None,
                "opted_out": frozenset(), "phone": f"+86138{serial:08d}"
                if m.phone and m.phone.startswith("+8621") else m.phone,
            })
            for serial, m in zip(range(start, stop), made, strict=True)
        ]  # fmt: skip
    return made


def _env(
    database: str, prefix: str, tmp: Path, args: argparse.Namespace, kafka: KafkaConnection
) -> dict[str, str]:
    return {
        **service_env(database, prefix, tmp, kafka=kafka),
        "FUGONG_LOG_LEVEL": "WARNING",
        "FUGONG_SEND_INTERVAL_SECONDS": "0.1",
        "FUGONG_SEND_BATCH_SIZE": "200",
        "FUGONG_SEND_BATCHES_PER_TICK": "20",
        "FUGONG_SEND_TIMEOUT_SECONDS": "2",
        "FUGONG_RESOLVE_AFTER_SECONDS": "5",
        "FUGONG_RECEIPT_OVERDUE_SECONDS": "60",
        "FUGONG_RETRY_BACKOFF_SECONDS": "1",
        "FUGONG_WECHAT_CONCURRENCY": "32",
        "FUGONG_VOICE_CONCURRENCY": "8",
        "FUGONG_SIM_LATENCY_SECONDS": str(args.latency),
        # A campaign waits out quiet hours (21:00-08:00 in Shanghai); the bench runs at any hour.
        "FUGONG_QUIET_HOURS_START": "00:00",
        "FUGONG_QUIET_HOURS_END": "00:00",
    }


def _commit() -> str:
    return subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()


async def run(
    args: argparse.Namespace, tmp: Path, kafka: KafkaConnection, users: KafkaUsers | None = None
) -> dict[str, Any]:
    """`kafka` is the admin; notify runs as its own user (from `users`, default the shared
    broker's), granted the catalogue's rights on the run's topics."""
    name, database = await create_database()
    prefix = unique_name("bench-notify-") + "."
    await ensure_topics(kafka, prefix=prefix)
    pool = await open_pool(database, max_size=2)
    processes: list[ServiceProcess] = []
    grants = AsyncExitStack()
    try:
        await migrate(pool, "notify", "services.notify")
        started = time.monotonic()
        campaign_id = await _campaign(pool, args)
        total = 0
        for start in range(0, args.recipients, CHUNK):
            stop = min(start + CHUNK, args.recipients)
            total += await add_messages(pool, _recipients(args, campaign_id, start, stop))
        insert_s = time.monotonic() - started
        print(f"{total} recipients inserted in {insert_s:.1f} s")

        granted = granted_service_users(prefix, ["notify"], kafka=kafka, users=users)
        notify_user = (await grants.enter_async_context(granted)).connection("notify")
        env = _env(database, prefix, tmp, args, notify_user)
        simulator = ServiceProcess("notify.simulator", free_port(), env, tmp / "simulator.log")
        processes.append(simulator)
        await asyncio.to_thread(simulator.start)
        host = f"127.0.0.1:{simulator.port}"
        env |= {
            "FUGONG_SMS_ENDPOINT": host,
            "FUGONG_ALIYUN_ENDPOINT": host,
            "FUGONG_VOICE_ENDPOINT": host,
            "FUGONG_WECHAT_API_BASE": f"http://{host}/cgi-bin/",
        }
        started = time.monotonic()
        own = set(await _own_backends(pool))
        postgres_before = await _backends_cpu(database)
        for index in range(args.workers):
            worker = ServiceProcess("notify", free_port(), env, tmp / f"notify-{index}.log")
            processes.append(worker)
            await asyncio.to_thread(worker.start)
        await _until_final(pool, campaign_id, total, started, args.within)
        elapsed_s = time.monotonic() - started
        if left := await unsettled(pool, CAMPAIGN):  # counted anew: the kept counts checked
            raise AssertionError(f"{left} recipients not final once the campaign said so")
        # CPU each part spent, whatever else ran on the machine: what the send costs, per
        # recipient, where wall time depends on the neighbours.
        postgres_now = await _backends_cpu(database)
        cpu: dict[str, float] = {
            "notify": sum(_process_cpu(p) for p in processes[1:]),
            "simulator": _process_cpu(simulator),
            "postgres": _cpu_since(
                {pid: s for pid, s in postgres_now.items() if pid not in own}, postgres_before
            ),
        }
        async with httpx.AsyncClient(base_url=simulator.url, timeout=300) as client:
            received = (await client.get("/_sim/received")).json()
        counts = await tally(pool, CAMPAIGN, received)
        return {
            "recipients": total,
            "elapsed_s": round(elapsed_s, 1),
            "per_s": round(total / elapsed_s, 1),
            "duplicates": counts.duplicates,
            "missing": counts.missing,
            "missing_by": counts.missing_by,  # provider and reason, where any went missing
            "workers": args.workers,
            "mix": "sms-only" if args.sms_only else "sms, wechat, voice",
            "shape": "bulk send" if args.bulk_send else "campaign",
            "simulator_latency_s": args.latency,
            "insert_s": round(insert_s, 1),
            "cpu_s": {part: round(seconds, 1) for part, seconds in cpu.items()},
            "cpu_ms_per_recipient": {
                part: round(1000 * seconds / total, 3) for part, seconds in cpu.items()
            },
            "statuses": await statuses(pool, CAMPAIGN),
            "requests": {p: ledger["requests"] for p, ledger in received.items()},
        }
    finally:
        for process in reversed(processes):
            process.stop()
        await grants.aclose()
        await pool.close()
        await drop_database(name)
        if kafka is KAFKA:
            await delete_topics(prefix)


# The campaign as notify reports it: settled once its final progress event is out; how far it is
# from the counts notify keeps (migration 009). Neither counts the million messages again.
_FINAL = "SELECT final FROM notify.campaign_reports WHERE campaign_id = $1"
_SETTLED = """
SELECT coalesce(sum(messages) FILTER (WHERE status IN
    ('delivered', 'permanent_failure', 'technical_failure', 'cancelled', 'unsendable')), 0)::bigint
FROM notify.campaign_progress_v WHERE campaign_id = $1
"""


async def _until_final(
    pool: asyncpg.Pool, campaign_id: UUID | None, total: int, started: float, within: float
) -> None:
    while True:
        elapsed = time.monotonic() - started
        if campaign_id is None:  # a bulk send: no campaign reports it, count the messages
            left = await unsettled(pool, CAMPAIGN)
            if left == 0:
                return
            settled = total - left
        else:
            if await pool.fetchval(_FINAL, campaign_id):
                return
            settled = await pool.fetchval(_SETTLED, campaign_id)
        if elapsed > within:
            raise TimeoutError(f"{total - settled} recipients not final after {elapsed:.0f} s")
        print(f"{elapsed:6.0f} s  {settled:>9} of {total} final", flush=True)
        # A count over a million rows takes a core for a while: look now and then.
        await asyncio.sleep(2 if campaign_id is not None or total <= 100_000 else 10)


def _process_cpu(service: ServiceProcess) -> float:
    return _cpu(service.process.pid) if service.process is not None else 0.0


async def _own_backends(pool: asyncpg.Pool) -> list[int]:
    """The bench's own connections: its counting is not the send's cost."""
    async with pool.acquire() as first, pool.acquire() as second:
        return [await c.fetchval("SELECT pg_backend_pid()") for c in (first, second)]


def main() -> None:
    args = arguments()
    with tempfile.TemporaryDirectory(prefix="bench-notify-") as tmp:
        if args.private_broker:
            with private_broker(Path(tmp) / "kafka") as broker:
                figures = asyncio.run(run(args, Path(tmp), broker.connection, broker.service_user))
        else:
            figures = asyncio.run(run(args, Path(tmp), KAFKA))
    figures |= {"commit": _commit(), "date": datetime.now(UTC).isoformat(timespec="seconds")}
    path = RESULTS / "notify.json"
    path.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(REPO)}: {figures}")


if __name__ == "__main__":
    main()
