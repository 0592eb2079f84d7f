"""Guard: the services' Kafka ACLs are the catalogue's producers and consumers, nothing more."""

from __future__ import annotations

from services.contracts.topics import (
    OPERATIONS,
    SOURCE_TOPICS,
    catalogue,
    consumer_group,
    services,
    topic_name,
)
from services.platform.kafka_acls import AclBinding, all_bindings, principal, service_bindings


def _topics(service: str, operation: str, prefix: str = "") -> set[str]:
    return {
        b.resource_name
        for b in service_bindings(service, prefix)
        if b.resource_type == "TOPIC" and b.operation == operation
    }


def test_every_topic_has_a_producer_and_every_service_a_principal() -> None:
    assert all(spec.producers for spec in catalogue())
    assert services() == {"gateway", "monitoring", "notify", "matching"}
    assert {b.principal for b in all_bindings()} == {principal(s) for s in services()}


def test_each_service_writes_exactly_what_the_catalogue_says_it_produces() -> None:
    for service in services():
        produced = {spec.name for spec in catalogue() if service in spec.producers}
        assert _topics(service, "WRITE") == produced, service


def test_each_service_reads_exactly_what_it_consumes_and_describes_only_its_own_topics() -> None:
    for service in services():
        consumed = {spec.name for spec in catalogue() if service in spec.consumers}
        assert _topics(service, "READ") == consumed, service
        assert _topics(service, "DESCRIBE") == consumed | _topics(service, "WRITE")


def test_consumers_may_write_the_dead_letters_of_what_they_read() -> None:
    for spec in SOURCE_TOPICS:
        if spec.has_dead_letters:
            for service in spec.consumers:
                assert spec.dead_letter_topic.name in _topics(service, "WRITE")
    # Dead letters are read by people (the operations tool, as admin), never by a service.
    assert not any(
        b.resource_name.endswith(".dlq") and b.operation == "READ" for b in all_bindings()
    )
    assert OPERATIONS not in services()


def test_a_service_joins_only_its_own_group_and_the_gateway_none() -> None:
    groups = {b.principal: b.resource_name for b in all_bindings() if b.resource_type == "GROUP"}
    assert groups == {
        principal("monitoring"): consumer_group("monitoring"),
        principal("notify"): consumer_group("notify"),
        principal("matching"): consumer_group("matching"),
    }
    assert _topics("gateway", "READ") == set()


def test_no_wildcard_and_no_grant_outside_the_catalogue() -> None:
    names = {topic_name(spec) for spec in catalogue()} | {consumer_group(s) for s in services()}
    for binding in all_bindings():
        assert "*" not in binding.resource_name
        assert binding.resource_name in names, binding


def test_a_topic_prefix_is_part_of_every_name_granted() -> None:
    prefixed = all_bindings("staging.")

    assert len(prefixed) == len(all_bindings())
    assert all(b.resource_name.startswith("staging.") for b in prefixed)
    assert (
        AclBinding(principal("gateway"), "TOPIC", "staging.enterprise.registrations", "WRITE")
        in prefixed
    )
