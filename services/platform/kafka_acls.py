"""Each service's Kafka ACLs, derived from the topic catalogue.

A service may write the topics the catalogue says it produces (dead-letter topics of what it
consumes included), read the topics it consumes, and use its own consumer group; nothing else,
and never by wildcard. The same bindings are applied to the local broker at set-up
(`apply`, idempotent) and rendered as Strimzi `KafkaUser` resources (`services.platform.strimzi`).

Idempotent producers need no cluster-wide IDEMPOTENT_WRITE: since Kafka 2.8 (KIP-679) WRITE on a
topic allows a producer id. Operations tools (topics, dead letters) run as the admin principal.

    python -m services.platform.kafka_acls users   # the services' SCRAM user names, one a line
    python -m services.platform.kafka_acls apply   # create the bindings, report any extra ones
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from aiokafka import AIOKafkaClient

from services.contracts.topics import catalogue, consumer_group, services, topic_name
from services.platform.kafka_acl_requests import (
    ANY_HOST,
    OPERATIONS,
    PATTERN_TYPES,
    PERMISSION_ALLOW,
    RESOURCE_TYPES,
    CreateAcls,
    Creation,
    DeleteAcls,
    DescribeAcls,
)
from services.platform.kafka_connection import KafkaConnection
from services.platform.topics import TopicSettings

APPLIED_WITHIN_SECONDS = 30.0
ADMIN_USER = "fugong-admin"
"""Strimzi's super user for tooling (locally kafka.sh's `admin`): topics, ACLs, dead letters."""

ResourceType = Literal["TOPIC", "GROUP"]
Operation = Literal["READ", "WRITE", "DESCRIBE"]


@dataclass(frozen=True, order=True)
class AclBinding:
    """ALLOW `operation` on one resource, named exactly (LITERAL), to one principal, any host."""

    principal: str
    resource_type: ResourceType
    resource_name: str
    operation: Operation

    def __str__(self) -> str:
        return f"{self.principal} {self.operation} {self.resource_type} {self.resource_name}"


class AclRefused(RuntimeError):
    """The broker did not create a binding (authorisation off, or the caller not an admin)."""


def username(service: str) -> str:
    """The SCRAM user (and Strimzi `KafkaUser`) a service connects as."""
    return f"fugong-{service}"


def principal(service: str) -> str:
    return f"User:{username(service)}"


def service_bindings(service: str, prefix: str = "") -> frozenset[AclBinding]:
    """What the catalogue allows `service`: its topics, read or written, and its group."""
    who = principal(service)
    bindings: set[AclBinding] = set()
    for spec in catalogue():
        name = topic_name(spec, prefix)
        if service in spec.producers:
            bindings |= {AclBinding(who, "TOPIC", name, op) for op in ("WRITE", "DESCRIBE")}
        if service in spec.consumers:
            bindings |= {AclBinding(who, "TOPIC", name, op) for op in ("READ", "DESCRIBE")}
    if any(b.operation == "READ" for b in bindings):
        bindings.add(AclBinding(who, "GROUP", consumer_group(service, prefix), "READ"))
    return frozenset(bindings)


def all_bindings(prefix: str = "") -> frozenset[AclBinding]:
    return frozenset().union(*(service_bindings(s, prefix) for s in services()))


def _wire(binding: AclBinding) -> Creation:
    """The binding as CreateAcls takes it, and as a DeleteAcls filter matching it alone."""
    return (
        RESOURCE_TYPES[binding.resource_type],
        binding.resource_name,
        PATTERN_TYPES["LITERAL"],
        binding.principal,
        ANY_HOST,
        OPERATIONS[binding.operation],
        PERMISSION_ALLOW,
        {},
    )


async def apply_acls(kafka: KafkaConnection, bindings: frozenset[AclBinding]) -> None:
    """Create the bindings (those already there are left as they are); the caller is an admin."""
    creations = [_wire(b) for b in sorted(bindings)]
    response = await _send(kafka, CreateAcls(creations))
    failures = [
        f"{binding}: error {code} {message or ''}".strip()
        for binding, (code, message, _) in zip(sorted(bindings), response.results, strict=True)
        if code != 0
    ]
    if failures:
        raise AclRefused("; ".join(failures))
    # The controller has them now; a broker's authorizer learns them from the metadata log a
    # moment later. Return only once clients would be allowed what was just granted.
    deadline = asyncio.get_running_loop().time() + APPLIED_WITHIN_SECONDS
    while not bindings <= await bindings_on_broker(kafka):
        if asyncio.get_running_loop().time() > deadline:
            raise AclRefused(f"bindings not in effect after {APPLIED_WITHIN_SECONDS} s")
        await asyncio.sleep(0.2)


async def remove_acls(kafka: KafkaConnection, bindings: frozenset[AclBinding]) -> None:
    """Delete exactly these bindings (those not there are no error); the caller is an admin.
    Returns once the broker no longer lists them."""
    if not bindings:
        return
    response = await _send(kafka, DeleteAcls([_wire(b) for b in sorted(bindings)]))
    failures = [
        f"{binding}: error {result[0]} {result[1] or ''}".strip()
        for binding, result in zip(sorted(bindings), response.filter_results, strict=True)
        if result[0] != 0
    ]
    if failures:
        raise AclRefused("; ".join(failures))
    deadline = asyncio.get_running_loop().time() + APPLIED_WITHIN_SECONDS
    while bindings & await bindings_on_broker(kafka):
        if asyncio.get_running_loop().time() > deadline:
            raise AclRefused(f"bindings still in effect after {APPLIED_WITHIN_SECONDS} s")
        await asyncio.sleep(0.2)


async def bindings_on_broker(kafka: KafkaConnection, who: str | None = None) -> set[AclBinding]:
    """The broker's ALLOW bindings on named topics and groups, of one principal or everyone's."""
    response = await _send(kafka, DescribeAcls(who))
    if response.error_code != 0:
        raise AclRefused(f"describing ACLs: error {response.error_code} {response.error_message}")
    kinds = {number: name for name, number in RESOURCE_TYPES.items()}
    operations = {number: name for name, number in OPERATIONS.items()}
    found = set()
    for resource_type, name, _pattern, acls, _ in response.resources:
        for acl_principal, _host, operation, permission, _ in acls:
            if permission == PERMISSION_ALLOW:
                found.add(
                    AclBinding(acl_principal, kinds[resource_type], name, operations[operation])  # type: ignore[arg-type]
                )
    return found


async def _send(kafka: KafkaConnection, request: Any) -> Any:
    client = AIOKafkaClient(**kafka.client_options(), client_id="fugong-acls")
    await client.bootstrap()
    try:
        return await client.send(client.get_random_node(), request)
    finally:
        await client.close()


async def _apply_command(kafka: KafkaConnection, prefix: str) -> int:
    if kafka.security_protocol == "PLAINTEXT":
        print("acls: none applied (a PLAINTEXT development broker has no authorizer)")
        return 0
    wanted = all_bindings(prefix)
    await apply_acls(kafka, wanted)
    print(f"acls: {len(wanted)} bindings for {len(services())} services in place")
    service_principals = {principal(s) for s in services()}
    extra = {
        b for b in await bindings_on_broker(kafka) if b.principal in service_principals
    } - wanted
    for binding in sorted(extra):
        print(f"  ! {binding} is not in the catalogue (left as it is: remove it by hand)")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    cli = argparse.ArgumentParser(prog="python -m services.platform.kafka_acls")
    cli.add_argument("command", choices=["users", "apply"])
    args = cli.parse_args(argv)
    if args.command == "users":
        print("\n".join(sorted(username(s) for s in services())))
        return 0
    settings = TopicSettings()
    return asyncio.run(_apply_command(settings.kafka_connection(), settings.topic_prefix))


if __name__ == "__main__":
    sys.exit(main())
