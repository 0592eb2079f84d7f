"""How fast the monitoring worker drains a backlog, on the real Kafka and PostgreSQL (`make bench`).

    .venv/bin/python bench/monitoring_throughput.py [--reports N] [--enterprises M]
        [--batch-sizes 2000,5000] [--replay-reports 1000000] [--profile]

Builds registrations and weekly reports, produces them under fresh topic prefixes, consumes them
several ways (bench/stages.py), checks the figures against a recomputation, prints a table,
appends a line to bench/results/monitoring_throughput.jsonl and writes the headline figures to
bench/results/monitoring.json. Then times a rebuild of a second, larger backlog
(--replay-reports). Leaves no topic or database behind.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import os
import platform
import pstats
import subprocess
import sys
import tempfile
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from time import perf_counter
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # `bench` and `tests.support` are imported from the repo root

from bench.stages import Run, bare_consumer, in_process, replay, worker  # noqa: E402
from bench.workload import BulkPublisher, build, delete_topics  # noqa: E402
from services.platform.topics import ensure_topics  # noqa: E402
from tests.support.infra import KAFKA, unique_name  # noqa: E402

RESULTS = REPO / "bench" / "results" / "monitoring_throughput.jsonl"
SUMMARY = REPO / "bench" / "results" / "monitoring.json"
# Where profiled time goes, by the file or built-in a function belongs to (first match wins).
PROFILE_PARTS = (
    ("waiting on sockets (Postgres, Kafka)", ("select.epoll",)),
    ("pydantic-core validation", ("pydantic_core",)),
    ("pydantic (Python side)", ("pydantic",)),
    ("contract validators (Python)", ("services/contracts",)),
    ("processor and store code", ("services/",)),
    ("asyncpg", ("asyncpg",)),
    ("aiokafka", ("aiokafka", "kafka/")),
    ("JSON (orjson)", ("orjson",)),
    ("asyncio event loop", ("asyncio",)),
)


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=50_000)
    parser.add_argument("--enterprises", type=int, default=2_000)
    parser.add_argument(
        "--batch-sizes", default="2000,5000", help="FUGONG_BATCH_MAX_RECORDS to try"
    )
    parser.add_argument(
        "--replay-reports", type=int, default=1_000_000, help="reports in the rebuild's backlog"
    )
    parser.add_argument("--seed", type=int, default=20200210)
    parser.add_argument("--profile", action="store_true", help="cProfile 30 s of the processor")
    return parser.parse_args()


async def main(args: argparse.Namespace) -> dict[str, object]:
    batch_sizes = [int(b) for b in args.batch_sizes.split(",")]
    load = os.getloadavg()[0]
    if load > 0.5:
        print(f"load average {load:.1f} before starting: other work will disturb the figures")
    publisher = BulkPublisher("bench.")
    started = perf_counter()
    await build(publisher, reports=args.reports, enterprises=args.enterprises, seed=args.seed)
    generated = len(publisher.outbox) / (perf_counter() - started)
    expected, events = publisher.expected_cells(), len(publisher.event_ids())
    records = len(publisher.outbox)
    print(
        f"workload: {records:,} records, {events:,} distinct events, {len(expected)} cells; "
        f"built at {generated:,.0f}/s"
    )
    prefixes: list[str] = []
    produced: list[float] = []
    runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="fugong-bench-") as logs:
        async with publisher:
            try:
                first = await fresh_backlog(publisher, prefixes, produced)
                runs.append(await bare_consumer(first, records))
                for batch in batch_sizes:
                    runs.append(await in_process(first, records, batch, expected))
                if args.profile:
                    profiler = cProfile.Profile()
                    await in_process(first, records, batch_sizes[0], expected, profiler)
                    print_profile(profiler)
                for i, batch in enumerate(batch_sizes):
                    prefix = first if i == 0 else await fresh_backlog(publisher, prefixes, produced)
                    runs.append(await worker(prefix, events, batch, expected, Path(logs)))
                    print(f"worker, batch {batch}: {runs[-1].rate:,.0f} events/s")
            finally:
                for prefix in prefixes:
                    await delete_topics(prefix)
    if args.replay_reports:
        runs.append(await replay_backlog(args))
    print("figures verified")
    print_table(runs)
    return {
        "load_average_at_start": load,
        "reports": args.reports,
        "enterprises": args.enterprises,
        "records": records,
        "events": events,
        "built_per_s": round(generated),
        "produced_per_s": [round(p) for p in produced],
        "runs": [{**asdict(r), "rate": round(r.rate)} for r in runs],
        "figures_verified": True,
    }


async def replay_backlog(args: argparse.Namespace) -> Run:
    """Build and produce a larger backlog, then time a rebuild of it (replay and switch-over)."""
    publisher = BulkPublisher("bench.")
    enterprises = max(args.enterprises, args.replay_reports // 50)
    await build(publisher, reports=args.replay_reports, enterprises=enterprises, seed=args.seed)
    expected, events = publisher.expected_cells(), len(publisher.event_ids())
    prefixes: list[str] = []
    async with publisher:
        try:
            prefix = await fresh_backlog(publisher, prefixes, [])
            run = await replay(prefix, events, expected)
        finally:
            for each in prefixes:
                await delete_topics(each)
    print(f"rebuild of {run.events:,} records: {run.seconds:.1f} s ({run.rate:,.0f}/s)")
    return run


async def fresh_backlog(publisher: BulkPublisher, prefixes: list[str], rates: list[float]) -> str:
    """Produce every record under a new prefix: a fresh backlog, and a fresh consumer group."""
    prefix = unique_name("bench-") + "."
    prefixes.append(prefix)
    await ensure_topics(KAFKA, prefix=prefix)
    seconds = await publisher.produce(prefix)
    rates.append(len(publisher.outbox) / seconds)
    print(
        f"produced to {prefix}*: {len(publisher.outbox):,} in {seconds:.2f} s, {rates[-1]:,.0f}/s"
    )
    return prefix


def print_table(runs: list[Run]) -> None:
    print(
        f"\n{'stage':<29}{'batch':>6}{'mean':>6}{'events':>7}{'s':>6}{'events/s':>9}"
        f"{'CPU s':>6}{'PG CPU s':>9}{'RSS MiB':>8}  wall time in parts"
    )
    for r in runs:
        mean, postgres, rss = (
            "-" if v is None else f"{v:.{digits}f}"
            for v, digits in ((r.mean_batch, 0), (r.postgres_cpu_seconds, 1), (r.peak_rss_mib, 0))
        )
        parts = ", ".join(f"{name} {s:.1f} s" for name, s in r.parts.items())
        print(
            f"{r.stage:<29}{r.batch:>6}{mean:>6}{r.events:>7}{r.seconds:>6.1f}{r.rate:>9,.0f}"
            f"{r.cpu_seconds:>6.1f}{postgres:>9}{rss:>8}  {parts}"
        )


def print_profile(profiler: cProfile.Profile) -> None:
    stats = pstats.Stats(profiler)
    own: dict[str, float] = {}
    for (file, _, function), (_, _, seconds, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        where = f"{file} {function}"
        part = next((n for n, marks in PROFILE_PARTS if any(m in where for m in marks)), "other")
        own[part] = own.get(part, 0.0) + seconds
    total = sum(own.values())
    print(f"\nprofile of the processor without faust ({total:.1f} s profiled), own time by part:")
    for part, seconds in sorted(own.items(), key=lambda item: -item[1]):
        print(f"  {part:<40}{seconds:>6.1f} s {seconds / total:>5.0%}")
    stats.sort_stats("tottime").print_stats(15)


def code_version() -> dict[str, object]:
    """The commit measured, and whether the services differed from it when the run started."""
    git = ["git", "-C", str(REPO)]
    commit = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    changed = subprocess.run([*git, "status", "--porcelain", "services"], capture_output=True)
    return {"commit": commit.stdout.strip(), "services_changed": bool(changed.stdout)}


def summarise(version: dict[str, object], result: dict[str, Any]) -> None:
    """The headline figures of this run, in bench/results/monitoring.json."""
    runs = result["runs"]
    bare = next(r for r in runs if r["stage"].startswith("bare consumer"))
    best = max((r for r in runs if r["stage"] == "worker"), key=lambda r: r["rate"])
    rebuilt = next((r for r in runs if r["stage"].startswith("rebuild")), None)
    summary = {
        "reports_per_s": best["rate"],
        "worker_batch": best["batch"],
        "bare_consume_parse_per_s": bare["rate"],
        "ratio": round(best["rate"] / bare["rate"], 3),
        "replay_records": rebuilt["events"] if rebuilt else None,
        "replay_1m_s": (
            round(rebuilt["seconds"] * 1_000_000 / rebuilt["events"], 1) if rebuilt else None
        ),
        "commit": version["commit"],
    }
    SUMMARY.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {SUMMARY.relative_to(REPO)}: {summary}")


def record(version: dict[str, object], result: dict[str, object]) -> None:
    cpu = next(
        line for line in Path("/proc/cpuinfo").read_text().splitlines() if "model name" in line
    )
    machine = {
        "cpus": os.cpu_count(),
        "cpu": cpu.split(":", 1)[1].strip(),
        "memory_gib": round(os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") / 2**30, 1),
        "python": platform.python_version(),
    }
    line = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        **version,
        "machine": machine,
        **result,
    }
    RESULTS.parent.mkdir(exist_ok=True)
    with RESULTS.open("a", encoding="utf-8") as results:
        results.write(json.dumps(line, ensure_ascii=False) + "\n")
    print(f"appended to {RESULTS.relative_to(REPO)}")


if __name__ == "__main__":
    version = code_version()
    result = asyncio.run(main(arguments()))
    record(version, result)
    summarise(version, result)
