"""A load of weekly reports sent through the gateway by several clients, and what came of it.

Shared by the tests that take Kafka away under load (a single broker stopped, cluster nodes killed
or restarted): half the clients send single reports, half batches, each report with its own
idempotency key, and every answer is kept; afterwards the same helpers read what the topic holds,
what monitoring recorded and the city's figures, to show what was accepted is there once.
"""

from __future__ import annotations

import asyncio
import random
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
import orjson
from aiokafka import AIOKafkaConsumer, TopicPartition

from services.contracts.topics import ENTERPRISE_REPORTS
from services.gateway.domain.access import Principal, PrincipalKind
from services.platform.kafka_connection import KafkaConnection
from tests.support.data import DISTRICTS, credit_code, registration, weekly_report
from tests.support.stack import Stack
from tests.support.waiting import eventually

WEEKS = tuple(f"2020-W{week:02d}" for week in range(2, 41))
CLIENTS = 6  # half send single reports, half batches
BATCH_SIZE = 10
PAUSE = 0.2  # between one client's requests: refusals are fast, the reports must last
REPORTS = "/v1/weekly-reports"
BATCH = "/v1/submissions/batch"


@dataclass
class Submission:
    """One weekly report, the only one for its enterprise and week, and what it was answered."""

    code: str
    week: str
    report: dict[str, Any]
    in_batch: bool = False
    idempotency_key: str = field(default_factory=lambda: str(uuid.uuid4()))
    answers: list[int] = field(default_factory=list)
    event_id: str | None = None
    refused_while_down: bool = False
    """Answered 503 to a request sent after the broker had stopped, before it was started again."""

    @property
    def ident(self) -> tuple[str, str]:
        return self.code, self.week


@dataclass
class Load:
    """Shared by the clients: what to send next, what was answered, when to stop."""

    pending: Iterator[Submission]
    city: dict[str, str]
    keys: dict[str, dict[str, str]]
    sent: list[Submission] = field(default_factory=list)
    answers: Counter[str] = field(default_factory=Counter)
    unexpected: list[str] = field(default_factory=list)
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    pause: float = PAUSE
    """Between one client's requests: lower the rate when a test outlasts the reports."""
    down_since: float | None = None
    up_again_from: float | None = None

    def while_down(self, sent_at: float) -> bool:
        """Whether a request sent at `sent_at` and answered now was wholly within the outage."""
        return (
            self.down_since is not None
            and sent_at >= self.down_since
            and self.up_again_from is None
        )

    def take(self, count: int) -> list[Submission]:
        taken = [submission for _, submission in zip(range(count), self.pending, strict=False)]
        self.sent.extend(taken)
        return taken

    def accepted(self) -> int:
        return sum(1 for s in self.sent if s.event_id is not None)

    def note(self, what: str, response: httpx.Response | None, submission: Submission) -> None:
        """Count an answer; keep anything but 2xx and 503 (with Retry-After) as unexpected."""
        status = response.status_code if response is not None else 0
        self.answers[f"{what} {status or 'no answer'}"] += 1
        retry_after = response is None or what == "entry" or "Retry-After" in response.headers
        if status not in (202, 207, 503) or (status == 503 and not retry_after):
            self.unexpected.append(f"{what} {submission.ident}: {status or 'no answer in time'}")


async def prepared_load(stack: Stack, http: httpx.AsyncClient, enterprises: int = 200) -> Load:
    """Register the enterprises as the city bureau, wait for monitoring, and deal the reports."""
    city = await stack.key_for(Principal(PrincipalKind.OFFICIAL))
    codes = [
        credit_code(serial, DISTRICTS[serial % len(DISTRICTS)]) for serial in range(enterprises)
    ]
    entries = [
        {
            "id": code,
            "kind": "enterprise_registration",
            "data": registration(code, district=code[2:8]),
        }
        for code in codes
    ]
    registered = await http.post(BATCH, json={"entries": entries}, headers=city)
    assert registered.status_code == 207, registered.text
    assert registered.json()["accepted"] == enterprises, registered.text
    officials = {
        district: await stack.key_for(Principal(PrincipalKind.OFFICIAL, district_code=district))
        for district in DISTRICTS
    }
    await eventually(
        lambda: known_to_their_districts(http, officials, codes),
        lambda known: known == enterprises,
        what=f"monitoring to know the {enterprises} enterprises",
    )
    # One at a time: each issue opens its own connection to the server other tests share.
    keys = [await stack.key_for(Principal(PrincipalKind.ENTERPRISE, credit_code=c)) for c in codes]
    rng = random.Random(20200210)
    submissions = [
        Submission(code, week, report_of(rng, code, week)) for code in codes for week in WEEKS
    ]
    rng.shuffle(submissions)
    return Load(iter(submissions), city, dict(zip(codes, keys, strict=True)))


async def known_to_their_districts(
    http: httpx.AsyncClient, officials: dict[str, dict[str, str]], codes: list[str]
) -> int:
    """How many enterprises their district's official may read: monitoring has registered them."""
    answers = await asyncio.gather(
        *(
            http.get(f"/v1/enterprises/{code}/weekly-reports", headers=officials[code[2:8]])
            for code in codes
        )
    )
    return sum(1 for answer in answers if answer.status_code == 200)


def report_of(rng: random.Random, code: str, week: str) -> dict[str, Any]:
    employees = rng.randint(5, 800)
    on_duty = rng.randint(0, employees)
    return weekly_report(
        code,
        week=week,
        employees=employees,
        on_duty=on_duty,
        remote=rng.randint(0, employees - on_duty),
        resumed=on_duty > 0,
    )


async def until(load: Load, reached: Callable[[], bool], what: str) -> None:
    async def answers() -> dict[str, int]:
        if load.unexpected:  # no point waiting: the test fails on these
            raise AssertionError(f"unexpected answers: {load.unexpected[:20]}")
        return dict(load.answers)

    await eventually(answers, lambda _: reached(), within=90, every=0.1, what=what)


@asynccontextmanager
async def clients_sending(http: httpx.AsyncClient, load: Load) -> AsyncIterator[None]:
    """CLIENTS clients send reports while the block runs; on leaving, each finishes its request."""
    clients = [
        asyncio.create_task(client(http, load, in_batch=index % 2 == 1)) for index in range(CLIENTS)
    ]
    try:
        yield
    finally:
        load.stop.set()
        await asyncio.gather(*clients)


async def client(http: httpx.AsyncClient, load: Load, *, in_batch: bool) -> None:
    while not load.stop.is_set():
        taken = load.take(BATCH_SIZE if in_batch else 1)
        if not taken:
            raise AssertionError("the reports ran out before the load was over")
        for submission in taken:
            submission.in_batch = in_batch
        await (send_batch(http, load, taken) if in_batch else send_single(http, load, taken[0]))
        await asyncio.sleep(load.pause)


async def send_single(http: httpx.AsyncClient, load: Load, submission: Submission) -> None:
    headers = {**load.keys[submission.code], "Idempotency-Key": submission.idempotency_key}
    sent_at = time.monotonic()
    response = await post(http, REPORTS, submission.report, headers)
    load.note("single", response, submission)
    status = response.status_code if response is not None else 0
    submission.answers.append(status)
    submission.refused_while_down |= status == 503 and load.while_down(sent_at)
    if status == 202 and response is not None:
        submission.event_id = response.json()["event_id"]


async def send_batch(http: httpx.AsyncClient, load: Load, taken: list[Submission]) -> None:
    entries = [
        {
            "id": f"{s.code}/{s.week}",
            "kind": "weekly_report",
            "idempotency_key": s.idempotency_key,
            "data": s.report,
        }
        for s in taken
    ]
    sent_at = time.monotonic()
    response = await post(http, BATCH, {"entries": entries}, load.city)
    load.note("batch", response, taken[0])
    down = load.while_down(sent_at)
    if response is None or response.status_code != 207:
        for submission in taken:
            submission.answers.append(response.status_code if response is not None else 0)
            submission.refused_while_down |= submission.answers[-1] == 503 and down
        return
    for submission, result in zip(taken, response.json()["entries"], strict=True):
        load.answers[f"entry {result['status']}"] += 1
        submission.answers.append(result["status"])
        if result["status"] == 202:
            submission.event_id = result["event_id"]
        elif result["status"] == 503:
            submission.refused_while_down |= down
        else:
            load.unexpected.append(f"entry {submission.ident}: {result['status']}")


async def post(
    http: httpx.AsyncClient, path: str, body: dict[str, Any], headers: dict[str, str]
) -> httpx.Response | None:
    """The answer, or None when none came within the client's timeout (counted as unexpected)."""
    try:
        return await http.post(path, json=body, headers=headers)
    except httpx.HTTPError:
        return None


async def recorded(http: httpx.AsyncClient, load: Load) -> dict[tuple[str, str], str]:
    """(enterprise, week) → event id of every report monitoring has recorded."""
    codes = sorted(load.keys)
    answers = await asyncio.gather(
        *(http.get(f"/v1/enterprises/{code}/weekly-reports", headers=load.city) for code in codes)
    )
    recorded: dict[tuple[str, str], str] = {}
    for code, answer in zip(codes, answers, strict=True):
        assert answer.status_code == 200, answer.text
        for report in answer.json()["reports"]:
            recorded[code, report["week"]] = report["event_id"]
    return recorded


async def difference(
    http: httpx.AsyncClient, load: Load, accepted: dict[tuple[str, str], str]
) -> dict[str, list[Any]]:
    """What monitoring recorded that was not accepted, or not as accepted, and what it lacks."""
    found = await recorded(http, load)
    changed = sorted(k for k in set(found) & set(accepted) if found[k] != accepted[k])
    return {
        "missing": sorted(set(accepted) - set(found))[:10],
        "not accepted": sorted(set(found) - set(accepted))[:10],
        "another event": changed[:10],
    }


async def records_on_topic(kafka: KafkaConnection, topic: str) -> list[tuple[str, tuple[str, str]]]:
    """(event id, (enterprise, week)) of every record the broker holds on the topic, in order:
    a list, not a dict, so that a report stored twice shows as two records."""
    consumer = AIOKafkaConsumer(**kafka.client_options(), enable_auto_commit=False)
    await consumer.start()
    records: list[tuple[str, tuple[str, str]]] = []
    try:
        partitions = [TopicPartition(topic, p) for p in range(ENTERPRISE_REPORTS.partitions)]
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends = await consumer.end_offsets(partitions)
        async with asyncio.timeout(60):
            while [tp for tp in partitions if await consumer.position(tp) < ends[tp]]:
                for batch in (await consumer.getmany(timeout_ms=500)).values():
                    for record in batch:
                        event = orjson.loads(record.value)
                        ident = (event["data"]["credit_code"], event["data"]["week"])
                        records.append((event["id"], ident))
    finally:
        await consumer.stop()
    return records


async def assert_counted_once(http: httpx.AsyncClient, load: Load) -> None:
    """The city's figures of each week are the sums over that week's accepted reports."""
    for week in WEEKS:
        reports = [s.report for s in load.sent if s.event_id is not None and s.week == week]
        expected = {
            "enterprises_reporting": len(reports),
            "on_duty": sum(r["on_duty"] for r in reports),
            "employees_before_holiday": sum(r["employees_before_holiday"] for r in reports),
        }
        total = await city_figures(http, load.city, week)
        assert {name: total[name] for name in expected} == expected, week


async def city_figures(http: httpx.AsyncClient, city: dict[str, str], week: str) -> Any:
    response = await http.get("/v1/indicators/return-to-work", params={"week": week}, headers=city)
    assert response.status_code == 200, response.text
    return response.json()["total"]
