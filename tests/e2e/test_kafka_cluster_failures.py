"""Kafka's promise tested where it means something: three brokers, every topic with three replicas
and min.insync.replicas 2, the gateway's producer on acks=all. A broker dies, a busy partition's
leader dies, all three restart one by one, each under a load of single and batch reports
(tests/support/report_load.py), and every report that got a 2xx is on the topic and recorded by
monitoring once, none twice, and nothing is answered 503 while two replicas remain in sync.

Why no 503 is expected. With one node of three down, every partition keeps two in-sync replicas,
which min.insync.replicas accepts; acks=all then waits for both. A killed node stays in the ISRs
until the controller fences it (broker.session.timeout.ms: 3 s, deploy/kafka/cluster.properties.in),
and a partition it led has no leader until then: writes wait those seconds, well inside the
gateway's delivery timeout (15 s), and the idempotent producer retries them to the new leader.
An event the gateway answers 2xx for was acknowledged by every replica in the ISR, at least two.

The cluster is private to this module (tests/support/broker.py) and shared by its tests: each
starts any node an earlier one left down and waits for whole ISRs before it begins.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
from aiokafka import AIOKafkaConsumer, TopicPartition

from services.contracts.topics import ENTERPRISE_REPORTS, topic_name
from services.platform.kafka_acls import username
from services.platform.kafka_connection import KafkaConnection
from tests.support.broker import CLUSTER_NODES, PrivateCluster, private_cluster
from tests.support.report_load import (
    Load,
    assert_counted_once,
    clients_sending,
    difference,
    prepared_load,
    recorded,
    records_on_topic,
    until,
)
from tests.support.stack import Stack, running_stack
from tests.support.waiting import eventually

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.integration,
    pytest.mark.cluster,
    pytest.mark.timeout(240),
]

ENTERPRISES = 200
PAUSE = 0.5  # between one client's requests: three JVMs share the cores with the load
ANSWER_BOUND = 30.0  # seconds: twice the gateway's delivery timeout, so no answer is cut short
ENV = {
    "FUGONG_RATE_LIMIT_PER_SECOND": "100000",  # many clients share the city's key
    "FUGONG_RATE_LIMIT_BURST": "100000",
}


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrivateCluster]:
    with private_cluster(tmp_path_factory.mktemp("kafka-cluster")) as running:
        yield running


async def test_a_broker_killed_under_load_loses_and_doubles_nothing(
    cluster: PrivateCluster, tmp_path: Path
) -> None:
    async with _platform(cluster, tmp_path) as (stack, http, topic):
        load = await _prepared_load(stack, http)
        victim = await cluster.leader(topic, 0)
        async with clients_sending(http, load):
            await _accepted_more(load, 150, "with 3 nodes up")
            await asyncio.to_thread(cluster.kill, victim)
            await _until_out_of_every_isr(cluster, topic, victim)
            await _accepted_more(load, 300, f"with node {victim} killed")
            await _back_in_every_isr(cluster, topic, victim)
            await _accepted_more(load, 100, "with all 3 back")
        await _assert_each_accepted_report_recorded_once(
            cluster, stack, http, load, f"node {victim} killed"
        )


async def test_a_busy_partitions_leader_killed_and_restarted_the_worker_catches_up(
    cluster: PrivateCluster, tmp_path: Path
) -> None:
    async with _platform(cluster, tmp_path) as (stack, http, topic):
        load = await _prepared_load(stack, http)
        worker_pid = stack.monitoring.process.pid if stack.monitoring.process else None
        async with clients_sending(http, load):
            await _accepted_more(load, 200, "with 3 nodes up")
            busy = await _busiest_partition(cluster.connection, topic)
            victim = await cluster.leader(topic, busy)
            await asyncio.to_thread(cluster.kill, victim)
            await eventually(
                lambda: cluster.leader(topic, busy),
                lambda leader: leader not in (victim, -1),
                within=30,
                what=f"a new leader of partition {busy} after node {victim} was killed",
            )
            await _accepted_more(load, 200, f"with partition {busy}'s leader (node {victim}) dead")
            await _back_in_every_isr(cluster, topic, victim)
            await _accepted_more(load, 100, "with all 3 back")
        lag = await eventually(
            lambda: _lag_gauge(stack, topic),
            lambda lag: lag == 0,
            within=60,
            every=1,
            what="the monitoring worker's lag on the reports topic back to 0",
        )
        assert stack.monitoring.process is not None
        assert stack.monitoring.process.pid == worker_pid, "the worker was not restarted"
        counts = await _assert_each_accepted_report_recorded_once(
            cluster, stack, http, load, f"partition {busy}'s leader (node {victim}) killed"
        )
        print(f"lag after the restart: {lag}; {counts}")


async def test_a_rolling_restart_under_load_loses_nothing(
    cluster: PrivateCluster, tmp_path: Path
) -> None:
    async with _platform(cluster, tmp_path) as (stack, http, topic):
        load = await _prepared_load(stack, http)
        async with clients_sending(http, load):
            await _accepted_more(load, 100, "with 3 nodes up")
            for node in CLUSTER_NODES:
                began = time.monotonic()
                await asyncio.to_thread(cluster.stop, node)
                stopped = time.monotonic()
                await _accepted_more(load, 100, f"with node {node} stopped")
                restarting = time.monotonic()
                await _back_in_every_isr(cluster, topic, node)
                print(
                    f"\nnode {node}: stopped in {stopped - began:.1f} s, 100 accepted in "
                    f"{restarting - stopped:.1f} s, started and in every ISR "
                    f"{time.monotonic() - restarting:.1f} s later"
                )
            await _accepted_more(load, 100, "after the rolling restart")
        await _assert_each_accepted_report_recorded_once(
            cluster, stack, http, load, "rolling restart of nodes 1, 2, 3"
        )


@asynccontextmanager
async def _platform(
    cluster: PrivateCluster, tmp: Path
) -> AsyncIterator[tuple[Stack, httpx.AsyncClient, str]]:
    """Gateway and monitoring worker on the whole cluster, topics with 3 replicas, min ISR 2,
    each as its own Kafka user with the catalogue's ACLs on the stack's topics."""
    await asyncio.to_thread(cluster.start)  # a node an earlier failed test left down
    async with (
        running_stack(
            tmp,
            extra_env=ENV,
            kafka=cluster.connection,
            kafka_users=cluster.service_user,
            replication_factor=3,
            min_insync_replicas=2,
        ) as stack,
        httpx.AsyncClient(base_url=stack.gateway.url, timeout=ANSWER_BOUND) as http,
    ):
        if cluster.security == "sasl_ssl":
            assert stack.kafka_usernames == {s: username(s) for s in ("gateway", "monitoring")}
        topic = topic_name(ENTERPRISE_REPORTS, stack.prefix)
        await cluster.wait_in_sync(topic)
        yield stack, http, topic


async def _prepared_load(stack: Stack, http: httpx.AsyncClient) -> Load:
    load = await prepared_load(stack, http, ENTERPRISES)
    load.pause = PAUSE
    return load


async def _accepted_more(load: Load, count: int, when: str) -> None:
    """Until `count` more reports than now were accepted: each phase ends on answers, not time."""
    target = load.accepted() + count
    await until(load, lambda: load.accepted() >= target, f"{count} more reports accepted {when}")


async def _back_in_every_isr(cluster: PrivateCluster, topic: str, node: int) -> None:
    """Start the node again and wait until it has caught up: the next may then go down."""
    await asyncio.to_thread(cluster.start, node)
    await cluster.wait_in_sync(topic)


async def _until_out_of_every_isr(cluster: PrivateCluster, topic: str, node: int) -> None:
    """The controller fenced the node: each partition is left with exactly min ISR (2)."""
    partitions = await eventually(
        lambda: cluster.partitions(topic),
        lambda parts: all(node not in p.isr for p in parts.values()),
        within=30,
        what=f"node {node} out of every ISR of {topic}",
    )
    assert {len(p.isr) for p in partitions.values()} == {2}, partitions


async def _busiest_partition(kafka: KafkaConnection, topic: str) -> int:
    """The partition holding the most records so far."""
    consumer = AIOKafkaConsumer(**kafka.client_options(), enable_auto_commit=False)
    await consumer.start()
    try:
        partitions = [TopicPartition(topic, p) for p in range(ENTERPRISE_REPORTS.partitions)]
        ends = await consumer.end_offsets(partitions)
    finally:
        await consumer.stop()
    busiest: int = max(ends, key=lambda tp: ends[tp]).partition
    return busiest


async def _lag_gauge(stack: Stack, topic: str) -> float | None:
    """fugong_stream_consumer_lag_records of the topic on the worker's /metrics; None if absent.

    The gauge is labelled by the catalogue's name, without the deployment's prefix."""
    async with httpx.AsyncClient(base_url=stack.monitoring.admin_url, timeout=10) as http:
        text = (await http.get("/metrics")).text
    label = topic.removeprefix(stack.prefix)
    wanted = f'fugong_stream_consumer_lag_records{{consumer="monitoring",topic="{label}"}}'
    for line in text.splitlines():
        if line.startswith(wanted):
            return float(line.rsplit(" ", 1)[1])
    return None


async def _assert_each_accepted_report_recorded_once(
    cluster: PrivateCluster, stack: Stack, http: httpx.AsyncClient, load: Load, what: str
) -> dict[str, int]:
    """Every 2xx on the topic and in monitoring's records once, nothing else; the counts printed."""
    assert load.unexpected == [], (load.unexpected[:20], load.answers)
    accepted = {s.ident: s.event_id for s in load.sent if s.event_id is not None}
    records = await records_on_topic(
        cluster.connection, topic_name(ENTERPRISE_REPORTS, stack.prefix)
    )
    copies = Counter(ident for _, ident in records)
    await eventually(
        lambda: difference(http, load, accepted),
        lambda diff: not any(diff.values()),
        within=90,
        every=1,
        what="monitoring to record exactly the accepted reports",
    )
    counts = {
        "accepted": len(accepted),
        "refused (503)": sum(n for key, n in load.answers.items() if key.endswith(" 503")),
        "on the topic": len(records),
        "recorded": len(await recorded(http, load)),
        "duplicates": sum(n - 1 for n in copies.values()),
    }
    print(f"\n{what}: {counts}; answers {dict(load.answers)}")  # pytest -s
    assert counts["refused (503)"] == 0, f"503 with two replicas in sync: {counts}"
    assert counts["duplicates"] == 0, counts
    assert {event_id for event_id, _ in records} == set(accepted.values()), counts
    assert counts["recorded"] == counts["accepted"], counts
    await assert_counted_once(http, load)
    return counts
