"""docker-compose.yml trusts no one by default: Kafka is SASL/SCRAM over TLS with ACLs, each
service connects as its own Kafka user and its own PostgreSQL role, and only the one-shots hold
the admin's or the owner's credentials. Read offline (no Docker engine is needed)."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from services.contracts.topics import services
from services.contracts.views import DATABASE_SERVICES
from services.platform.kafka_acls import ADMIN_USER, username

from .manifests import REPO_ROOT, Document, compose_depends_on, compose_environment

SERVICES = ("gateway", "monitoring", "notify", "matching")
OWNER = "fugong"
CREDENTIALS_DIR = PurePosixPath("/run/fugong/credentials")
WRAPPER = "./deploy/compose/with-credentials.sh"
PRIVILEGED_VOLUMES = {
    # volume: the services that may mount it
    "kafka-pki": {"secrets"},
    "kafka-scram": {"secrets", "kafka-format"},
    "kafka-broker": {"secrets", "kafka"},
    "postgres-roles": {"secrets", "postgres"},
    "credentials-topics": {"secrets", "topics"},
    "credentials-migrate": {"secrets", "migrate"},
}
"""Volumes holding the admin's, the owner's, the CA's or every user's secrets."""


def mounts(service: Document) -> dict[str, PurePosixPath]:
    """Source (a volume's name, or a ./path) -> where it is mounted."""
    found = {}
    for volume in service.get("volumes", []):
        source, target, *_ = str(volume).split(":")
        found[source] = PurePosixPath(target)
    return found


def runs_fugong(service: Document) -> bool:
    return str(service.get("image", "")).startswith("fugong:") and "build" in service


def test_the_users_and_roles_are_the_catalogues(compose: dict[str, Document]) -> None:
    identities = compose_environment(compose["secrets"])
    kafka_users = set(identities["KAFKA_USERS"].split())
    assert kafka_users == {ADMIN_USER, "broker", *(username(s) for s in services())}
    assert tuple(identities["DATABASE_ROLES"].split()) == DATABASE_SERVICES
    postgres = compose_environment(compose["postgres"])
    assert postgres["DATABASE_ROLES"] == identities["DATABASE_ROLES"]


@pytest.mark.parametrize("name", SERVICES)
def test_each_service_connects_as_its_own_kafka_user_and_database_role(
    compose: dict[str, Document], name: str
) -> None:
    service = compose[name]
    env = compose_environment(service)
    assert env["FUGONG_KAFKA_SASL_USERNAME"] == username(name)
    assert env["FUGONG_DATABASE_USER"] == name
    # Its passwords come from its own volume, and only from there.
    assert mounts(service)[f"credentials-{name}"] == CREDENTIALS_DIR
    others = {f"credentials-{other}" for other in SERVICES if other != name}
    assert not others & set(mounts(service)), f"{name} mounts another's credentials"
    assert compose_environment(compose["secrets"])["DATABASE_ROLES"].split().count(name) == 1


def test_only_the_one_shots_hold_the_admins_or_the_owners_credentials(
    compose: dict[str, Document],
) -> None:
    kafka_admins = {
        name
        for name, service in compose.items()
        if compose_environment(service).get("FUGONG_KAFKA_SASL_USERNAME") == ADMIN_USER
    }
    owners = {
        name
        for name, service in compose.items()
        if compose_environment(service).get("FUGONG_DATABASE_USER") == OWNER
    }
    assert kafka_admins == {"topics"}
    assert owners == {"migrate"}
    for name in ("topics", "migrate"):
        assert compose[name].get("restart") == "no", f"{name} is a one-shot"
    for volume, allowed in PRIVILEGED_VOLUMES.items():
        holders = {name for name, service in compose.items() if volume in mounts(service)}
        assert holders == allowed, volume


def test_no_password_is_written_in_the_compose_file(compose: dict[str, Document]) -> None:
    for name, service in compose.items():
        for key, value in compose_environment(service).items():
            if "PASSWORD" in key or "SECRET" in key:
                assert key.endswith("_FILE"), f"{name} sets {key} in the open"
            assert "://" not in value or "@" not in value, f"{name}: {key} carries credentials"


@pytest.mark.parametrize("name", [*SERVICES, "topics", "migrate"])
def test_fugong_processes_read_their_settings_from_their_credentials_volume(
    compose: dict[str, Document], name: str
) -> None:
    service = compose[name]
    assert runs_fugong(service)
    assert service["entrypoint"] == ["/bin/sh", "/opt/fugong/with-credentials.sh"]
    assert mounts(service)[WRAPPER] == PurePosixPath("/opt/fugong/with-credentials.sh")
    assert mounts(service)[f"credentials-{name}"] == CREDENTIALS_DIR
    assert compose_depends_on(service)["secrets"]["condition"] == "service_completed_successfully"


@pytest.mark.parametrize("name", [*SERVICES, "topics"])
def test_kafka_clients_verify_the_broker_against_the_compose_ca(
    compose: dict[str, Document], name: str
) -> None:
    env = compose_environment(compose[name])
    assert env["FUGONG_KAFKA_SECURITY_PROTOCOL"] == "SASL_SSL"
    assert env["FUGONG_KAFKA_SASL_MECHANISM"] == "SCRAM-SHA-512"
    cafile = PurePosixPath(env["FUGONG_KAFKA_SSL_CAFILE"])
    assert mounts(compose[name])["kafka-ca"] == cafile.parent


def test_the_broker_speaks_only_sasl_ssl_to_clients_and_authorises_by_acl(
    compose: dict[str, Document],
) -> None:
    env = compose_environment(compose["kafka"])
    protocols = dict(
        pair.split(":") for pair in env["KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"].split(",")
    )
    listeners = dict(item.split("://", 1) for item in env["KAFKA_LISTENERS"].split(","))
    advertised = dict(item.split("://", 1) for item in env["KAFKA_ADVERTISED_LISTENERS"].split(","))
    assert set(listeners) == set(protocols)
    for name, address in listeners.items():
        if name == env["KAFKA_CONTROLLER_LISTENER_NAMES"]:
            # No credentials there: only the broker itself, on its container's loopback.
            assert address.rsplit(":", 1)[0] == "localhost", address
            assert name not in advertised
        else:
            assert protocols[name] == "SASL_SSL", name
    assert set(advertised) == {"SASL_SSL"}
    assert env["KAFKA_INTER_BROKER_LISTENER_NAME"] == "SASL_SSL"
    assert env["KAFKA_SASL_ENABLED_MECHANISMS"] == "SCRAM-SHA-512"
    assert env["KAFKA_SASL_MECHANISM_INTER_BROKER_PROTOCOL"] == "SCRAM-SHA-512"
    assert env["KAFKA_AUTHORIZER_CLASS_NAME"].endswith("StandardAuthorizer")
    assert env["KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND"] == "false"
    assert set(env["KAFKA_SUPER_USERS"].split(";")) == {
        f"User:{ADMIN_USER}",
        "User:broker",
        "User:ANONYMOUS",  # the loopback controller listener's, the broker's alone
    }
    assert mounts(compose["kafka"])["kafka-broker"] == PurePosixPath("/etc/kafka/secrets")
    assert "client.properties" in " ".join(compose["kafka"]["healthcheck"]["test"])


def test_the_storage_is_formatted_with_the_users_before_the_broker_starts(
    compose: dict[str, Document],
) -> None:
    formatter = compose_environment(compose["kafka-format"])
    broker = compose_environment(compose["kafka"])
    assert formatter == {key: broker[key] for key in formatter}, "the same KRaft settings"
    assert compose["kafka-format"]["image"] == compose["kafka"]["image"]
    assert mounts(compose["kafka-format"])["kafka-data"] == PurePosixPath(broker["KAFKA_LOG_DIRS"])
    assert compose_depends_on(compose["kafka"]) == {
        "kafka-format": {"condition": "service_completed_successfully"}
    }
    assert compose_depends_on(compose["kafka-format"]) == {
        "secrets": {"condition": "service_completed_successfully"}
    }


def test_postgres_makes_the_roles_at_first_start_with_an_owner_password_from_a_file(
    compose: dict[str, Document],
) -> None:
    postgres = compose["postgres"]
    env = compose_environment(postgres)
    assert "POSTGRES_PASSWORD" not in env
    password_file = PurePosixPath(env["POSTGRES_PASSWORD_FILE"])
    assert mounts(postgres)["postgres-roles"] == password_file.parent
    assert password_file.name == f"{env['POSTGRES_USER']}.password"
    init = mounts(postgres)["./deploy/compose/postgres-roles.sh"]
    assert init.parent == PurePosixPath("/docker-entrypoint-initdb.d")


def test_every_mounted_file_of_the_repository_exists(compose: dict[str, Document]) -> None:
    for name, service in compose.items():
        for source in mounts(service):
            if source.startswith("./"):
                assert (REPO_ROOT / source).exists(), f"{name} mounts missing {source}"
