"""The topic catalogue guard: every topic is produced, consumed and deployed.

Deployed services are read from deploy/k8s (the name label of each Deployment and Job). The
dead-letter topics are read by people (OPERATIONS); the tool they use is not checked here.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from services.contracts import topics
from services.contracts.enterprises import ENTERPRISE_REGISTERED
from services.contracts.topics import (
    ENTERPRISE_REGISTRATIONS,
    ENTERPRISE_REPORTS,
    OPERATIONS,
    TopicSpec,
    catalogue,
    topic_name,
)
from services.contracts.weekly_reports import WEEKLY_REPORT_SUBMITTED
from services.matching.app import stream_spec as matching_stream_spec
from services.monitoring.app import stream_spec as monitoring_stream_spec
from services.notify.app import stream_spec as notify_stream_spec
from services.platform.stream.worker import StreamSpec
from tests.unit.deploy.manifests import NAME_LABEL, containers, deployed_services, workloads

TOPICS = catalogue()


def _ids(spec: TopicSpec) -> str:
    return spec.name


@pytest.mark.parametrize("spec", TOPICS, ids=_ids)
def test_every_topic_has_a_producer_and_a_consumer(spec: TopicSpec) -> None:
    assert spec.producers, f"{spec.name} has no producer"
    assert spec.consumers or spec.consumers_to_come, f"{spec.name} has no consumer"


@pytest.mark.parametrize("spec", [t for t in TOPICS if t.consumers_to_come], ids=_ids)
def test_a_consumer_to_come_does_not_consume_the_topic_yet(spec: TopicSpec) -> None:
    """Once a consumer reads the topic, the catalogue must say it consumes (and the guards apply).

    A consumer to come is either not deployed at all, or a deployed stream processor (notify
    is one) whose routes do not include the topic yet.
    """
    for service in spec.consumers_to_come:
        if service in STREAM_SPECS:
            routed = {t.name for t in STREAM_SPECS[service].routes}
            assert spec.name not in routed, f"{spec.name}: {service} consumes it: move to consumers"
        else:
            assert service not in deployed_services(), f"{spec.name}: {service} deployed"
    assert spec.retention is not None, f"{spec.name}: waiting events need a retention"


@pytest.mark.parametrize("spec", TOPICS, ids=_ids)
def test_every_producer_and_consumer_is_deployed_or_operations_on_a_dead_letter_topic(
    spec: TopicSpec,
) -> None:
    deployed = deployed_services()
    is_dead_letter_topic = spec.name.endswith(".dlq")
    undeployed = {
        party
        for party in spec.producers | spec.consumers
        if party not in deployed and not (party == OPERATIONS and is_dead_letter_topic)
    }

    assert not undeployed, f"{spec.name}: {sorted(undeployed)} not deployed in deploy/k8s"


def test_dead_letter_topics_are_consumed_by_operations_and_produced_by_the_consumers() -> None:
    for source in (ENTERPRISE_REGISTRATIONS, ENTERPRISE_REPORTS):
        dead_letters = source.dead_letter_topic
        assert dead_letters.consumers == frozenset({OPERATIONS})
        assert dead_letters.producers == source.consumers


@pytest.mark.parametrize(
    "spec", [t for t in TOPICS if t.has_dead_letters and not t.name.endswith(".dlq")], ids=_ids
)
def test_topic_with_dead_letters_has_its_dead_letter_topic_in_the_catalogue(
    spec: TopicSpec,
) -> None:
    assert f"{spec.name}.dlq" in {t.name for t in TOPICS}


def test_dead_letter_topics_have_no_dead_letters_of_their_own() -> None:
    dead_letter_topics = [t for t in TOPICS if t.name.endswith(".dlq")]

    assert dead_letter_topics
    assert not any(t.has_dead_letters for t in dead_letter_topics)
    with pytest.raises(ValueError, match=r"has no dead-letter topic"):
        _ = dead_letter_topics[0].dead_letter_topic


def test_topic_names_are_unique() -> None:
    names = [t.name for t in TOPICS]

    assert len(names) == len(set(names))


def test_source_topics_name_the_event_types_they_carry() -> None:
    assert ENTERPRISE_REGISTRATIONS.event_types == (ENTERPRISE_REGISTERED,)
    assert ENTERPRISE_REPORTS.event_types == (WEEKLY_REPORT_SUBMITTED,)


def test_every_registration_is_kept_for_400_days_for_rebuilds() -> None:
    assert ENTERPRISE_REGISTRATIONS.config() == {
        "cleanup.policy": "delete",
        "retention.ms": str(400 * 24 * 3600 * 1000),
    }


def test_reports_are_deleted_after_two_years() -> None:
    two_years_ms = str(730 * 24 * 60 * 60 * 1000)

    assert ENTERPRISE_REPORTS.config() == {"cleanup.policy": "delete", "retention.ms": two_years_ms}


def test_dead_letters_are_kept_thirty_days() -> None:
    config = ENTERPRISE_REPORTS.dead_letter_topic.config()

    assert ENTERPRISE_REPORTS.dead_letter_topic.retention == timedelta(days=30)
    assert config == {"cleanup.policy": "delete", "retention.ms": "2592000000"}


def test_prefix_separates_environments_on_one_cluster() -> None:
    assert topic_name(ENTERPRISE_REPORTS, "staging.") == "staging.monitoring.enterprise-reports"
    assert topic_name(ENTERPRISE_REPORTS) == "monitoring.enterprise-reports"


def test_every_topic_is_created_by_the_deployed_topics_job() -> None:
    # `python -m services.platform.topics` creates the whole catalogue, so deploying it deploys
    # every topic.
    assert "topics" in deployed_services()
    commands = [
        container.get("command", []) + container.get("args", [])
        for workload in workloads()
        if workload.labels.get(NAME_LABEL, workload.name) == "topics"
        for container in containers(workload)
    ]
    assert ["python", "-m", "services.platform.topics"] in commands


SOURCE_TOPIC_CONSTANTS = {
    spec.name: name for name, spec in vars(topics).items() if isinstance(spec, TopicSpec)
}


def _source_of(service: str) -> str:
    root = Path(__file__).resolve().parents[3] / "services" / service
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(root.rglob("*.py")))


@pytest.mark.parametrize("spec", [t for t in TOPICS if not t.name.endswith(".dlq")], ids=_ids)
def test_the_code_of_each_producer_and_consumer_names_the_topic(spec: TopicSpec) -> None:
    """The catalogue's declarations match what the services' code does, not only each other."""
    constant = SOURCE_TOPIC_CONSTANTS[spec.name]
    for service in spec.producers | spec.consumers:
        assert constant in _source_of(service), f"services/{service} never uses {constant}"


STREAM_SPECS: dict[str, StreamSpec[Any]] = {
    "monitoring": monitoring_stream_spec(),
    "notify": notify_stream_spec(),
    "matching": matching_stream_spec(),
}


def test_consumers_write_their_dead_letters_and_operations_read_them() -> None:
    deployed = deployed_services()
    for spec in TOPICS:
        if spec.name.endswith(".dlq"):
            for service in spec.producers & deployed:
                # Stream processors dead-letter through the stream worker's sink.
                assert service in STREAM_SPECS or "dead_letter_topic_name" in _source_of(service)
    sink = Path(__file__).resolve().parents[3] / "services/platform/stream/dead_letter_sink.py"
    assert "dead_letter_topic_name" in sink.read_text(encoding="utf-8")
    operations_tool = Path(__file__).resolve().parents[3] / "services/platform/dead_letters.py"
    assert ".dead_letter_topic" in operations_tool.read_text(encoding="utf-8")


@pytest.mark.parametrize("service", sorted(STREAM_SPECS))
def test_each_stream_processor_consumes_exactly_what_the_catalogue_says(service: str) -> None:
    consumed = {spec.name for spec in TOPICS if service in spec.consumers}
    consumed -= {spec.name for spec in TOPICS if spec.name.endswith(".dlq")}
    assert {spec.name for spec in STREAM_SPECS[service].routes} == consumed
