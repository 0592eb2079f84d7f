"""Services under test as their own Kafka users, as deployed.

On a broker with users (the shared one as kafka.sh made it, a private broker or cluster), each
service a test starts connects as `fugong-<service>`, allowed exactly what the catalogue allows it
(`services/platform/kafka_acls.py`) on the test's prefixed topics and its prefixed group, granted
before it starts and removed when the test ends. So a service reading a topic, or writing one,
the catalogue never granted it fails here as it would in production. The test's own set-up,
checks, and producers or consumers that play another service are the admin. A PLAINTEXT broker has
no users and no ACLs: there every service gets the test's one connection.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass

from services.contracts.topics import services
from services.platform.kafka_acls import AclBinding, apply_acls, remove_acls, service_bindings
from services.platform.kafka_acls import username as kafka_username
from services.platform.kafka_connection import KafkaConnection
from tests.support.infra import KAFKA, shared_broker_as

KafkaUsers = Callable[[str], KafkaConnection | None]
"""A broker's connection as one of its users (`fugong-gateway`, ...), or None if it has none."""


def no_users(_user: str) -> KafkaConnection | None:
    """A broker without users (PLAINTEXT)."""
    return None


@dataclass(frozen=True)
class ServiceUsers:
    """What each granted service connects as, and the rights granted for it."""

    connections: Mapping[str, KafkaConnection]
    bindings: frozenset[AclBinding]

    def connection(self, service: str) -> KafkaConnection:
        """`service`'s own user (the broker's one connection if it has no users)."""
        if service not in self.connections:
            raise KeyError(
                f"{service} was granted no Kafka rights here ({sorted(self.connections)})"
            )
        return self.connections[service]


def ungranted_user(service: str) -> KafkaConnection:
    """`service`'s own user of the shared broker, granted nothing: for a service that must stop
    before it reaches Kafka (the broker's one connection if it has no users)."""
    return shared_broker_as(kafka_username(service)) or KAFKA


@asynccontextmanager
async def granted_service_users(
    prefix: str,
    granted: Iterable[str] | None = None,
    *,
    kafka: KafkaConnection = KAFKA,
    users: KafkaUsers | None = None,
) -> AsyncIterator[ServiceUsers]:
    """The services (default: every one of the catalogue) as their own users of `kafka`, with the
    catalogue's rights on `prefix`'s topics and groups until the block ends; `kafka` is the admin
    who grants them. Users come from `users` (default: kafka.sh's on the shared broker)."""
    if users is None:
        users = shared_broker_as if kafka is KAFKA else no_users
    own = {service: users(kafka_username(service)) for service in granted or services()}
    bindings: frozenset[AclBinding] = frozenset().union(
        *(service_bindings(service, prefix) for service, user in own.items() if user is not None)
    )
    try:
        if bindings:
            await apply_acls(kafka, bindings)
        yield ServiceUsers({s: user or kafka for s, user in own.items()}, bindings)
    finally:
        await remove_acls(kafka, bindings)
