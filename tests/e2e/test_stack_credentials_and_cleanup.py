"""The e2e stack as deployed on Kafka: each service is its own user, allowed the catalogue's
rights on the stack's own topics (notify's too, for a worker started beside it); when the stack
ends, its topics and those rights are gone (left behind, thousands of test topics once exhausted
the shared broker's memory)."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiokafka.admin import AIOKafkaAdminClient

from services.contracts.topics import services
from services.platform.kafka_acls import bindings_on_broker, principal, service_bindings, username
from tests.support.infra import KAFKA, shared_broker_as
from tests.support.stack import running_stack
from tests.support.waiting import eventually

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

SECURED = shared_broker_as(username("gateway")) is not None


async def _topics_under(prefix: str) -> list[str]:
    admin = AIOKafkaAdminClient(**KAFKA.client_options(), client_id="fugong-tests")
    await admin.start()
    try:
        return [topic for topic in await admin.list_topics() if topic.startswith(prefix)]
    finally:
        await admin.close()


async def test_a_stack_leaves_no_topic_and_no_right_behind(tmp_path: Path) -> None:
    async with running_stack(tmp_path) as stack:
        prefix = stack.prefix
        assert await _topics_under(prefix), "the stack's topics exist while it runs"
        for service, process in (("gateway", stack.gateway), ("monitoring", stack.monitoring)):
            user = process.env.get("FUGONG_KAFKA_SASL_USERNAME")
            if SECURED:
                assert user == username(service)
            else:
                assert KAFKA.security_protocol == "PLAINTEXT" or user == KAFKA.username
        if SECURED:
            assert stack.kafka_users.bindings == frozenset().union(
                *(service_bindings(service, prefix) for service in services())
            )
            for service in services():
                granted = await bindings_on_broker(KAFKA, principal(service))
                assert service_bindings(service, prefix) <= granted, service

    left = await eventually(
        lambda: _topics_under(prefix), lambda found: not found, what=f"no topic under {prefix}"
    )
    assert left == []
    for service in services():
        still = service_bindings(service, prefix) & await bindings_on_broker(KAFKA)
        assert not still, sorted(map(str, still))
