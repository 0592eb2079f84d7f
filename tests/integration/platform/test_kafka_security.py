"""A private broker set up as `make infra` sets up the shared one: SASL/SCRAM over TLS, the
catalogue's topics and ACLs. Each service's credentials reach only what the catalogue gives it;
a client without credentials, with a wrong password or not trusting the CA does not get in."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import pytest_asyncio
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.errors import (
    GroupAuthorizationFailedError,
    KafkaConnectionError,
    TopicAuthorizationFailedError,
)
from pydantic import SecretStr

from services.contracts.topics import (
    COMMUNITY_REPORTS,
    DEFAULT_PARTITIONS,
    DEMAND_CHANGES,
    EARLY_WARNINGS,
    ENTERPRISE_REGISTRATIONS,
    ENTERPRISE_REPORTS,
    NOTIFY_REQUESTS,
    POSTINGS,
    consumer_group,
    services,
)
from services.platform.kafka import idempotent_producer
from services.platform.kafka_acls import (
    all_bindings,
    apply_acls,
    bindings_on_broker,
    remove_acls,
    service_bindings,
    username,
)
from services.platform.kafka_connection import KafkaConnection
from services.platform.topics import ensure_topics
from tests.support.broker import PrivateBroker, private_broker

pytestmark = [pytest.mark.integration, pytest.mark.timeout(300)]


@pytest.fixture(scope="module")
def broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrivateBroker]:
    with private_broker(tmp_path_factory.mktemp("kafka-sasl-ssl"), security="sasl_ssl") as started:
        yield started


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def secured(broker: PrivateBroker) -> AsyncIterator[PrivateBroker]:
    """Topics and ACLs in place, as `make infra` leaves them (applied twice: idempotent)."""
    await ensure_topics(broker.connection)
    await apply_acls(broker.connection, all_bindings())
    await apply_acls(broker.connection, all_bindings())
    yield broker


def _as(broker: PrivateBroker, service: str) -> KafkaConnection:
    return broker.connection_as(username(service))


async def _send(kafka: KafkaConnection, topic: str) -> None:
    producer = idempotent_producer(kafka, "fugong-security-test")
    await producer.start()
    try:
        await asyncio.wait_for(producer.send_and_wait(topic, b"{}", key=b"91310115MA1K4LXX6T"), 30)
    finally:
        await producer.stop()


async def _read_without_group(kafka: KafkaConnection, topic: str) -> int:
    """Records read from the start of every partition within 3 s (no group: topic rights only)."""
    consumer = AIOKafkaConsumer(**kafka.client_options(), group_id=None, request_timeout_ms=5000)
    await consumer.start()
    try:
        consumer.assign([TopicPartition(topic, p) for p in range(DEFAULT_PARTITIONS)])
        await consumer.seek_to_beginning()
        batches = await asyncio.wait_for(consumer.getmany(timeout_ms=3000), 30)
        return sum(len(batch) for batch in batches.values())
    finally:
        await consumer.stop()


async def _start_and_poll(consumer: AIOKafkaConsumer) -> None:
    await consumer.start()
    await asyncio.wait_for(consumer.getmany(timeout_ms=3000), 30)


async def test_the_acls_on_the_broker_are_exactly_the_catalogues(secured: PrivateBroker) -> None:
    assert await bindings_on_broker(secured.connection) == set(all_bindings())


async def test_a_service_writes_what_it_produces_and_reads_what_it_consumes_in_its_group(
    secured: PrivateBroker,
) -> None:
    await _send(_as(secured, "gateway"), ENTERPRISE_REGISTRATIONS.name)

    consumer = AIOKafkaConsumer(
        ENTERPRISE_REGISTRATIONS.name,
        **_as(secured, "monitoring").client_options(),
        group_id=consumer_group("monitoring"),
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    try:
        records: list[object] = []
        async with asyncio.timeout(60):
            while not records:
                batches = await consumer.getmany(timeout_ms=1000)
                records = [r for batch in batches.values() for r in batch]
        await consumer.commit()
    finally:
        await consumer.stop()
    assert records


@pytest.mark.parametrize(
    ("service", "topic"),
    [
        ("gateway", EARLY_WARNINGS.name),  # monitoring's
        ("notify", NOTIFY_REQUESTS.name),  # it consumes it, it does not produce it
        ("monitoring", ENTERPRISE_REPORTS.name),
        ("matching", ENTERPRISE_REGISTRATIONS.name),  # it reads registrations; the gateway writes
    ],
)
async def test_a_service_cannot_write_a_topic_it_does_not_produce(
    secured: PrivateBroker, service: str, topic: str
) -> None:
    with pytest.raises(TopicAuthorizationFailedError):
        await _send(_as(secured, service), topic)


@pytest.mark.parametrize(
    ("service", "topic"),
    [
        ("gateway", ENTERPRISE_REGISTRATIONS.name),  # it writes registrations, never reads them
        ("monitoring", NOTIFY_REQUESTS.name),  # it asks for notices; notify reads them
        ("gateway", POSTINGS.name),
        ("matching", DEMAND_CHANGES.name),  # it announces demand changes; nobody reads them yet
    ],
)
async def test_a_service_cannot_read_a_topic_it_only_writes(
    secured: PrivateBroker, service: str, topic: str
) -> None:
    """It may see the topic's metadata (it writes there): its fetch is refused."""
    with pytest.raises(TopicAuthorizationFailedError):
        await _read_without_group(_as(secured, service), topic)


@pytest.mark.parametrize(
    ("service", "topic"),
    [
        ("notify", ENTERPRISE_REPORTS.name),  # enterprises' reports are monitoring's
        ("notify", COMMUNITY_REPORTS.name),
        ("gateway", EARLY_WARNINGS.name),
        ("matching", ENTERPRISE_REPORTS.name),
        ("monitoring", POSTINGS.name),  # monitoring reads matching's published view, not its topic
    ],
)
async def test_a_service_cannot_even_see_a_topic_it_has_no_part_in(
    secured: PrivateBroker, service: str, topic: str, caplog: pytest.LogCaptureFixture
) -> None:
    await _send(secured.connection, topic)  # the admin puts a record there to be read

    with caplog.at_level(logging.ERROR, logger="aiokafka"):
        read = await _read_without_group(_as(secured, service), topic)

    assert read == 0
    assert f"Topic {topic} is not authorized for this client" in caplog.text


@pytest.mark.parametrize(
    ("service", "group_of"), [("notify", "monitoring"), ("matching", "notify")]
)
async def test_a_service_cannot_join_another_services_group(
    secured: PrivateBroker, service: str, group_of: str
) -> None:
    # Both may read registrations: only the group is refused.
    consumer = AIOKafkaConsumer(
        ENTERPRISE_REGISTRATIONS.name,
        **_as(secured, service).client_options(),
        group_id=consumer_group(group_of),
    )
    try:
        with pytest.raises(GroupAuthorizationFailedError):
            await _start_and_poll(consumer)
    finally:
        await consumer.stop()


def _refused_clients(broker: PrivateBroker) -> dict[str, tuple[KafkaConnection, str]]:
    own = _as(broker, "gateway")
    assert own.username is not None
    return {
        "no credentials, no TLS": (KafkaConnection.plaintext(own.bootstrap_servers), "closed"),
        "a wrong password": (
            own.as_user(own.username, SecretStr("not-the-password")),
            "SaslAuthenticationFailed",
        ),
        "not trusting the local CA": (
            KafkaConnection(own.bootstrap_servers, username=own.username, password=own.password),
            "CERTIFICATE_VERIFY_FAILED",
        ),
    }


@pytest.mark.parametrize(
    "client", ["no credentials, no TLS", "a wrong password", "not trusting the local CA"]
)
async def test_a_client_cannot_connect_with(
    secured: PrivateBroker, client: str, caplog: pytest.LogCaptureFixture
) -> None:
    kafka, reason = _refused_clients(secured)[client]
    producer = AIOKafkaProducer(**kafka.client_options(), request_timeout_ms=5000)
    try:
        with (
            caplog.at_level(logging.ERROR, logger="aiokafka"),
            pytest.raises(KafkaConnectionError),
        ):
            await asyncio.wait_for(producer.start(), 30)
    finally:
        await producer.stop()
    assert reason in caplog.text


def test_every_users_secrets_stay_private_to_the_state_dir(secured: PrivateBroker) -> None:
    security = secured.state_dir / "kafka" / "security"
    clients = secured.state_dir / "kafka" / "clients"
    private = [security / "ca.key", security / "broker.pem", *clients.glob("*.env")]
    private += list((security / "users").glob("*.password"))
    assert {p.stem for p in clients.glob("*.env")} == {"admin"} | {username(s) for s in services()}
    assert {oct(Path(p).stat().st_mode & 0o077) for p in private} == {"0o0"}


async def test_a_test_prefixs_bindings_come_and_go_and_the_catalogues_stay(
    secured: PrivateBroker,
) -> None:
    """What tests/support/stack.py does for each stack: rights on its own topics, then none."""
    extra = service_bindings("monitoring", "e2e-acl-test.")
    await apply_acls(secured.connection, extra)
    assert extra <= await bindings_on_broker(secured.connection)

    await remove_acls(secured.connection, extra)

    left = await bindings_on_broker(secured.connection)
    assert not extra & left
    assert all_bindings() <= left
    await remove_acls(secured.connection, extra)  # gone already: no error
