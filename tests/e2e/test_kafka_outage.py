"""Kafka stopped mid-load: every answer is 2xx or 503, and after Kafka returns, every event that
got a 2xx is found downstream, once, and none that got a 503 and was never sent again.

"Got a 503" is made exact: a request sent after the broker had stopped and answered before it
was started again. A request that timed out while a broker was up (just before the stop, or
just after the restart on a busy machine) may have been stored all the same; no client can tell
from a timeout, which is what the idempotency key is for: those are all sent again, and each is
then found once, under the event id of its first acceptance.

The gateway and a monitoring worker run as processes on a private broker (tests/support/broker.py),
which is stopped under a load of single reports and batches from several clients and started
again on the same data. The gateway waits FUGONG_KAFKA_DELIVERY_TIMEOUT_MS for an ack (lowered
here, so the outage takes seconds, not minutes).

Why the last property can be asserted strictly. aiokafka's idempotent producer never expires a
batch it has sent once; it resends until a broker answers (aiokafka 0.14.0,
producer/sender.py `SendProduceReqHandler._can_retry`). A gateway that gave up waiting answered
503 for an event its producer delivered when the broker came back; this test found that, and the
gateway now discards a producer that let an event time out (services/platform/producers.py): its
sender is cancelled and its connections closed, so nothing it held is sent afterwards. What is
left is an event the broker stored whose ack was lost. With a controlled stop (SIGTERM, as here)
that does not happen: a KRaft broker first completes its controlled shutdown (the controller
takes leadership of its partitions away, and later produce requests are answered
NOT_LEADER_OR_FOLLOWER, which the producer retries), and only then stops its socket server; an
append made before leadership moved is answered at once (acks=all with a single in-sync replica),
while the network is still up. With SIGKILL a request could be stored and its answer lost; the
client cannot tell, which is why it retries with the same idempotency key and consumers count an
event id once. That case is not staged here.
"""

from __future__ import annotations

import asyncio
import random
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from aiokafka import AIOKafkaConsumer, TopicPartition

from services.contracts.topics import ENTERPRISE_REPORTS, topic_name
from services.gateway.domain.access import Principal, PrincipalKind
from tests.support.broker import PrivateBroker, private_broker
from tests.support.data import DISTRICTS, credit_code, registration, weekly_report
from tests.support.stack import Stack, running_stack
from tests.support.waiting import eventually

pytestmark = [pytest.mark.e2e, pytest.mark.integration, pytest.mark.timeout(300)]

ENTERPRISES = 200
WEEKS = tuple(f"2020-W{week:02d}" for week in range(2, 41))
CLIENTS = 6  # half send single reports, half batches
BATCH_SIZE = 10
PAUSE = 0.2  # between one client's requests: refusals are fast, the reports must last
DELIVERY_TIMEOUT_MS = 2000
ANSWER_BOUND = 12.0  # seconds: the delivery timeout and ample time to answer
NEVER_RETRIED_EVERY = 3  # every third submission refused with 503 is left alone
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


async def test_an_outage_answers_503_and_loses_or_adds_nothing(tmp_path: Path) -> None:
    env = {
        "FUGONG_KAFKA_DELIVERY_TIMEOUT_MS": str(DELIVERY_TIMEOUT_MS),
        "FUGONG_RATE_LIMIT_PER_SECOND": "100000",  # many clients share the city's key
        "FUGONG_RATE_LIMIT_BURST": "100000",
    }
    with private_broker(tmp_path / "kafka") as broker:
        async with (
            running_stack(tmp_path, extra_env=env, bootstrap=broker.bootstrap) as stack,
            httpx.AsyncClient(base_url=stack.gateway.url, timeout=ANSWER_BOUND) as http,
        ):
            load = await _prepared_load(stack, http)
            await _run_through_an_outage(broker, http, load)
            assert load.unexpected == [], (load.unexpected[:20], load.answers)

            refused = [s for s in load.sent if s.event_id is None]
            # Left alone: refusals of requests wholly within the outage, whose events never left
            # the gateway. A request that timed out while the broker was up (before the stop, or
            # after the restart on a busy machine) may have been stored all the same; that is
            # the client's uncertainty the idempotency key resolves, so those are all retried.
            down = [s for s in refused if s.refused_while_down]
            never_retried = {s.ident for s in down[::NEVER_RETRIED_EVERY]}
            retried = [s for s in refused if s.ident not in never_retried]
            assert retried, load.answers
            assert never_retried, load.answers
            retries = await _retry_until_accepted(http, load, retried)
            assert load.unexpected == [], load.unexpected[:20]

            accepted = {s.ident: s.event_id for s in load.sent if s.event_id is not None}
            on_topic = await _events_on_topic(
                broker.bootstrap, topic_name(ENTERPRISE_REPORTS, stack.prefix)
            )
            stored, answered = set(on_topic), set(accepted.values())
            assert (sorted(answered - stored), sorted(on_topic[e] for e in stored - answered)) == (
                [],
                [],
            ), "accepted but not stored; stored but answered 503 (enterprise, week)"
            assert never_retried.isdisjoint(on_topic.values())
            await eventually(
                lambda: _difference(http, load, accepted),
                lambda diff: not any(diff.values()),
                within=90,
                every=1,
                what="monitoring to record exactly the accepted reports",
            )
            recorded = await _recorded(http, load)
            print(  # the figures a report quotes (pytest -s)
                f"\nanswers {dict(load.answers)}; retries {retries}; "
                f"accepted {len(accepted)}; never retried {len(never_retried)}; "
                f"on the topic {len(on_topic)}; recorded {len(recorded)}"
            )
            assert never_retried.isdisjoint(recorded)
            await _assert_counted_once(http, load)


async def _prepared_load(stack: Stack, http: httpx.AsyncClient) -> Load:
    """Register the enterprises as the city bureau, wait for monitoring, and deal the reports."""
    city = await stack.key_for(Principal(PrincipalKind.OFFICIAL))
    codes = [
        credit_code(serial, DISTRICTS[serial % len(DISTRICTS)]) for serial in range(ENTERPRISES)
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
    assert registered.json()["accepted"] == ENTERPRISES, registered.text
    officials = {
        district: await stack.key_for(Principal(PrincipalKind.OFFICIAL, district_code=district))
        for district in DISTRICTS
    }
    await eventually(
        lambda: _known_to_their_districts(http, officials, codes),
        lambda known: known == ENTERPRISES,
        what=f"monitoring to know the {ENTERPRISES} enterprises",
    )
    # One at a time: each issue opens its own connection to the server other tests share.
    keys = [await stack.key_for(Principal(PrincipalKind.ENTERPRISE, credit_code=c)) for c in codes]
    rng = random.Random(20200210)
    submissions = [
        Submission(code, week, _report(rng, code, week)) for code in codes for week in WEEKS
    ]
    rng.shuffle(submissions)
    return Load(iter(submissions), city, dict(zip(codes, keys, strict=True)))


async def _known_to_their_districts(
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


def _report(rng: random.Random, code: str, week: str) -> dict[str, Any]:
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


async def _run_through_an_outage(
    broker: PrivateBroker, http: httpx.AsyncClient, load: Load
) -> None:
    """Load before, during and after the broker's stop; each phase ends on what was answered."""
    clients = [
        asyncio.create_task(_client(http, load, in_batch=index % 2 == 1))
        for index in range(CLIENTS)
    ]
    try:
        await _until(load, lambda: load.accepted() >= 100, "100 reports accepted before the stop")
        await asyncio.to_thread(broker.stop)
        load.down_since = time.monotonic()
        # Refusals of requests sent after the stop completed, answered before the restart: a
        # busy machine may answer the first ones only for requests sent while it was stopping.
        await _until(
            load,
            lambda: (
                sum(s.refused_while_down for s in load.sent if not s.in_batch) >= 10
                and sum(s.refused_while_down for s in load.sent if s.in_batch) >= 20
            ),
            "singles and batch entries refused with 503 while the broker is down",
        )
        before_restart = load.accepted()
        load.up_again_from = time.monotonic()
        await asyncio.to_thread(broker.start)
        await _until(
            load,
            lambda: load.accepted() >= before_restart + 100,
            "100 more reports accepted once the broker is back",
        )
    finally:
        load.stop.set()
        await asyncio.gather(*clients)


async def _until(load: Load, reached: Callable[[], bool], what: str) -> None:
    async def answers() -> dict[str, int]:
        if load.unexpected:  # no point waiting: the test fails on these
            raise AssertionError(f"unexpected answers: {load.unexpected[:20]}")
        return dict(load.answers)

    await eventually(answers, lambda _: reached(), within=90, every=0.1, what=what)


async def _client(http: httpx.AsyncClient, load: Load, *, in_batch: bool) -> None:
    while not load.stop.is_set():
        taken = load.take(BATCH_SIZE if in_batch else 1)
        if not taken:
            raise AssertionError("the reports ran out before the load was over")
        for submission in taken:
            submission.in_batch = in_batch
        await (_send_batch(http, load, taken) if in_batch else _send_single(http, load, taken[0]))
        await asyncio.sleep(PAUSE)


async def _send_single(http: httpx.AsyncClient, load: Load, submission: Submission) -> None:
    headers = {**load.keys[submission.code], "Idempotency-Key": submission.idempotency_key}
    sent_at = time.monotonic()
    response = await _post(http, REPORTS, submission.report, headers)
    load.note("single", response, submission)
    status = response.status_code if response is not None else 0
    submission.answers.append(status)
    submission.refused_while_down |= status == 503 and load.while_down(sent_at)
    if status == 202 and response is not None:
        submission.event_id = response.json()["event_id"]


async def _send_batch(http: httpx.AsyncClient, load: Load, taken: list[Submission]) -> None:
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
    response = await _post(http, BATCH, {"entries": entries}, load.city)
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


async def _post(
    http: httpx.AsyncClient, path: str, body: dict[str, Any], headers: dict[str, str]
) -> httpx.Response | None:
    """The answer, or None when none came within ANSWER_BOUND (a hang, counted as unexpected)."""
    try:
        return await http.post(path, json=body, headers=headers)
    except httpx.HTTPError:
        return None


async def _retry_until_accepted(
    http: httpx.AsyncClient, load: Load, retried: list[Submission]
) -> int:
    """Send each again, by the route it first took and with its key, until all are accepted."""
    rounds: Counter[str] = Counter()

    async def one_round() -> int:
        waiting = [s for s in retried if s.event_id is None]
        singles = [s for s in waiting if not s.in_batch]
        batched = [s for s in waiting if s.in_batch]
        await asyncio.gather(
            *(_send_single(http, load, s) for s in singles),
            *(
                _send_batch(http, load, batched[i : i + BATCH_SIZE])
                for i in range(0, len(batched), BATCH_SIZE)
            ),
        )
        rounds["requests"] += len(singles) + -(-len(batched) // BATCH_SIZE)
        return sum(1 for s in retried if s.event_id is None)

    await eventually(one_round, lambda left: left == 0, within=60, every=1, what="retries accepted")
    return rounds["requests"]


async def _recorded(http: httpx.AsyncClient, load: Load) -> dict[tuple[str, str], str]:
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


async def _difference(
    http: httpx.AsyncClient, load: Load, accepted: dict[tuple[str, str], str]
) -> dict[str, list[Any]]:
    """What monitoring recorded that was not accepted, or not as accepted, and what it lacks."""
    recorded = await _recorded(http, load)
    return {
        "missing": sorted(set(accepted) - set(recorded))[:10],
        "not accepted": sorted(set(recorded) - set(accepted))[:10],
        "another event": sorted(
            k for k in set(recorded) & set(accepted) if recorded[k] != accepted[k]
        )[:10],
    }


async def _events_on_topic(bootstrap: str, topic: str) -> dict[str, tuple[str, str]]:
    """Event id → (enterprise, week) of every record the broker holds on the topic."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    events: dict[str, tuple[str, str]] = {}
    try:
        partitions = [TopicPartition(topic, p) for p in range(ENTERPRISE_REPORTS.partitions)]
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends = await consumer.end_offsets(partitions)
        async with asyncio.timeout(60):
            while [tp for tp in partitions if await consumer.position(tp) < ends[tp]]:
                for records in (await consumer.getmany(timeout_ms=500)).values():
                    for record in records:
                        event = orjson.loads(record.value)
                        events[event["id"]] = (event["data"]["credit_code"], event["data"]["week"])
    finally:
        await consumer.stop()
    return events


async def _assert_counted_once(http: httpx.AsyncClient, load: Load) -> None:
    """The city's figures of each week are the sums over that week's accepted reports."""
    for week in WEEKS:
        reports = [s.report for s in load.sent if s.event_id is not None and s.week == week]
        expected = {
            "enterprises_reporting": len(reports),
            "on_duty": sum(r["on_duty"] for r in reports),
            "employees_before_holiday": sum(r["employees_before_holiday"] for r in reports),
        }
        total = await _city_figures(http, load.city, week)
        assert {name: total[name] for name in expected} == expected, week


async def _city_figures(http: httpx.AsyncClient, city: dict[str, str], week: str) -> Any:
    response = await http.get("/v1/indicators/return-to-work", params={"week": week}, headers=city)
    assert response.status_code == 200, response.text
    return response.json()["total"]
