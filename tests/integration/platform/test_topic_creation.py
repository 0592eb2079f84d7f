"""Topics are created on the broker as the catalogue describes them."""

from __future__ import annotations

import pytest
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType

from services.contracts.topics import (
    COMMUNITY_POINTS,
    ENTERPRISE_REGISTRATIONS,
    ENTERPRISE_REPORTS,
    topic_name,
)
from services.platform.topics import drift, ensure_topics
from tests.support.infra import KAFKA
from tests.support.waiting import eventually

pytestmark = pytest.mark.integration


async def _configs(admin: AIOKafkaAdminClient, topic: str) -> dict[str, str]:
    [response] = await admin.describe_configs(
        [
            ConfigResource(
                ConfigResourceType.TOPIC, topic, dict.fromkeys(["cleanup.policy", "retention.ms"])
            )
        ]
    )
    [(_, _, _, _, entries)] = response.resources
    return {name: value for name, value, *_ in entries}


async def test_catalogue_topics_exist_with_their_partitions_and_retention(
    topic_prefix: str,
) -> None:
    admin = AIOKafkaAdminClient(**KAFKA.client_options())
    await admin.start()
    try:
        registrations = topic_name(ENTERPRISE_REGISTRATIONS, topic_prefix)
        reports = topic_name(ENTERPRISE_REPORTS, topic_prefix)
        dead_letters = topic_name(ENTERPRISE_REPORTS.dead_letter_topic, topic_prefix)
        [described] = await admin.describe_topics([reports])
        assert len(described["partitions"]) == ENTERPRISE_REPORTS.partitions == 12
        assert (await _configs(admin, registrations))["cleanup.policy"] == "delete"
        points = topic_name(COMMUNITY_POINTS, topic_prefix)
        assert (await _configs(admin, points))["cleanup.policy"] == "compact"
        assert (await _configs(admin, reports))["retention.ms"] == str(730 * 24 * 3600 * 1000)
        assert (await _configs(admin, dead_letters))["retention.ms"] == str(30 * 24 * 3600 * 1000)
    finally:
        await admin.close()


async def test_creating_topics_again_changes_nothing(topic_prefix: str) -> None:
    assert await ensure_topics(KAFKA, prefix=topic_prefix) == []


async def test_an_existing_topic_is_left_alone_and_its_drift_reported(topic_prefix: str) -> None:
    admin = AIOKafkaAdminClient(**KAFKA.client_options())
    await admin.start()
    try:
        reports = topic_name(ENTERPRISE_REPORTS, topic_prefix)
        [altered] = await admin.alter_configs(
            [ConfigResource(ConfigResourceType.TOPIC, reports, {"retention.ms": "3600000"})]
        )
        assert [code for code, *_ in altered.resources] == [0], altered
        # The broker applies a configuration change a moment after acknowledging it.
        await eventually(
            lambda: _configs(admin, reports),
            lambda configs: configs.get("retention.ms") == "3600000",
            what="the altered retention on the broker",
        )
        assert await ensure_topics(KAFKA, prefix=topic_prefix) == []
        assert (await _configs(admin, reports))["retention.ms"] == "3600000"
        assert await drift(KAFKA, prefix=topic_prefix) == [
            f"{reports}: retention.ms is 3600000, the catalogue says {730 * 24 * 3600 * 1000}"
        ]
    finally:
        await admin.close()
