"""docker-compose's Kafka, run on this machine without Docker: its `secrets` and `kafka-format`
one-shots' scripts, then a broker with the settings the apache/kafka image renders from the
compose file's KAFKA_* variables. Only addresses change (free loopback ports, `localhost` for
the service name `kafka`, a temporary directory for the volumes); what is checked is that the
configuration holds together: TLS with the one-shot's CA, the SCRAM users made at format time,
the loopback controller listener, the ACLs, and the broker's health check."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import pytest_asyncio
from aiokafka import AIOKafkaClient
from aiokafka.errors import KafkaError, TopicAuthorizationFailedError
from pydantic import SecretStr

from services.contracts.topics import catalogue, topic_name
from services.platform.kafka import idempotent_producer
from services.platform.kafka_acls import all_bindings, apply_acls, service_bindings, username
from services.platform.kafka_connection import KafkaConnection
from services.platform.topics import ensure_topics
from tests.support.processes import REPO, free_port
from tests.unit.deploy.manifests import compose_environment, compose_services

pytestmark = [pytest.mark.integration, pytest.mark.timeout(300)]

COMPOSE_DIR = REPO / "deploy" / "compose"
LIBS = REPO / "deploy" / "kafka" / "libs"
JAVA = ("java", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", f"{LIBS}/*")
IMAGE_EXCLUDES = {
    "KAFKA_VERSION",
    "KAFKA_HEAP_OPT",
    "KAFKA_LOG4J_OPTS",
    "KAFKA_OPTS",
    "KAFKA_JMX_OPTS",
    "KAFKA_JVM_PERFORMANCE_OPTS",
    "KAFKA_GC_LOG_OPTS",
    "KAFKA_LOG4J_ROOT_LOGLEVEL",
    "KAFKA_LOG4J_LOGGERS",
    "KAFKA_TOOLS_LOG4J_LOGLEVEL",
}
"""Variables the image does not render into server.properties (its kafka-propertiesSpec.json)."""


def property_name(variable: str) -> str:
    """The image's rule: KAFKA_ dropped; `___` is `-`, `__` is `_`, `_` is `.`; lower case."""
    separators = {"_": ".", "__": "_", "___": "-"}
    name = variable.removeprefix("KAFKA_")
    return re.sub(r"_{1,3}", lambda m: separators[m.group(0)], name).lower()


class ComposeBroker:
    """The compose stack's Kafka in a temporary directory: `volume(name)` is a named volume."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.port, self.controller_port = free_port(), free_port()
        compose = compose_services()
        self.identities = compose_environment(compose["secrets"])
        self.kraft = self._local(compose_environment(compose["kafka-format"]))
        self.broker_env = self._local(compose_environment(compose["kafka"]))
        self.process: subprocess.Popen[bytes] | None = None

    def volume(self, name: str) -> Path:
        return self.root / "volumes" / name

    @property
    def log(self) -> Path:
        return self.root / "kafka.log"

    def _local(self, env: dict[str, str]) -> dict[str, str]:
        """Compose's values with this machine's addresses and paths."""
        local = {}
        for key, value in env.items():
            value = value.replace("SASL_SSL://:9092", f"SASL_SSL://localhost:{self.port}")
            value = value.replace("kafka:9092", f"localhost:{self.port}")
            value = value.replace("localhost:9093", f"localhost:{self.controller_port}")
            value = value.replace("/var/lib/kafka/data", str(self.volume("kafka-data")))
            value = value.replace("/etc/kafka/secrets", str(self.volume("kafka-broker")))
            local[key] = value
        return local

    def make_secrets(self) -> None:
        """The `secrets` one-shot's script, each volume where compose mounts it in that one-shot."""
        for volume in compose_services()["secrets"]["volumes"]:
            source, target, *_ = str(volume).split(":")
            if source.startswith("./"):
                continue
            self.volume(source).mkdir(parents=True, exist_ok=True)
            mount_point = self.root / "mounts" / Path(target).name
            if not mount_point.exists():
                mount_point.parent.mkdir(exist_ok=True)
                mount_point.symlink_to(self.volume(source))
        uid = str(os.getuid())
        self._script(
            "secrets.sh",
            {
                **self.identities,
                "SECRETS_ROOT": str(self.root / "mounts"),
                "KAFKA_OWNER": uid,
                "POSTGRES_OWNER": uid,
                "FUGONG_OWNER": uid,
            },
        )

    def format_storage(self) -> str:
        bin_dir = self.root / "bin"
        bin_dir.mkdir(exist_ok=True)
        storage = bin_dir / "kafka-storage.sh"
        storage.write_text(f'#!/bin/sh\nexec java -cp "{LIBS}/*" kafka.tools.StorageTool "$@"\n')
        storage.chmod(0o755)
        return self._script(
            "kafka-format.sh",
            {**self.kraft, "SCRAM_DIR": str(self.volume("kafka-scram")), "KAFKA_BIN": str(bin_dir)},
        )

    def image_start_up_format(self) -> str:
        """The image's own start-up format (its `launch` script), which must find the storage
        formatted, and say so in the words that script looks for."""
        done = subprocess.run(
            [
                *(*JAVA, "kafka.tools.StorageTool", "format"),
                *(f"--cluster-id={self.kraft['CLUSTER_ID']}", "-c", str(self.server_properties())),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        return done.stdout + done.stderr

    def server_properties(self) -> Path:
        """server.properties as the image writes it: every KAFKA_* variable, and the key store's
        location and passwords its configure script derives from the *_FILENAME and *_CREDENTIALS
        variables (files in /etc/kafka/secrets, the kafka-broker volume)."""
        secrets = self.volume("kafka-broker")
        env = dict(self.broker_env)
        env["KAFKA_SSL_KEYSTORE_LOCATION"] = str(secrets / env["KAFKA_SSL_KEYSTORE_FILENAME"])
        env["KAFKA_SSL_KEYSTORE_PASSWORD"] = (
            secrets / env["KAFKA_SSL_KEYSTORE_CREDENTIALS"]
        ).read_text()
        env["KAFKA_SSL_KEY_PASSWORD"] = (secrets / env["KAFKA_SSL_KEY_CREDENTIALS"]).read_text()
        lines = [
            f"{property_name(key)}={value}"
            for key, value in env.items()
            if key.startswith("KAFKA_") and key not in IMAGE_EXCLUDES
        ]
        path = self.root / "server.properties"
        path.write_text("\n".join(lines) + "\n")
        return path

    def start(self) -> None:
        properties = self.server_properties()
        options = self.broker_env["KAFKA_OPTS"].split()
        self.process = subprocess.Popen(
            [*JAVA, *options, "kafka.Kafka", str(properties)],
            stdout=self.log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"the broker exited:\n{self.log_tail()}")
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.5)
        raise AssertionError(f"the broker's port did not open in 120 s:\n{self.log_tail()}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def connection_as(self, user: str, credentials_volume: str) -> KafkaConnection:
        password = (self.volume(credentials_volume) / "FUGONG_KAFKA_SASL_PASSWORD").read_text()
        return KafkaConnection(
            f"localhost:{self.port}",
            username=user,
            password=SecretStr(password),
            cafile=str(self.volume("kafka-ca") / "ca.pem"),
        )

    def health_check_connection(self) -> KafkaConnection:
        """What the compose healthcheck connects as: its client config (client.properties, in the
        broker's volume), read into a connection (the image runs it with its own tools)."""
        config = dict(
            line.split("=", 1)
            for line in (self.volume("kafka-broker") / "client.properties").read_text().splitlines()
        )
        login = re.search(r'username="([^"]+)" password="([^"]+)"', config["sasl.jaas.config"])
        assert login is not None
        assert (config["security.protocol"], config["sasl.mechanism"]) == (
            "SASL_SSL",
            "SCRAM-SHA-512",
        )
        assert config["ssl.truststore.type"] == "PEM"
        truststore = config["ssl.truststore.location"]
        return KafkaConnection(
            f"localhost:{self.port}",
            username=login.group(1),
            password=SecretStr(login.group(2)),
            cafile=truststore.replace("/etc/kafka/secrets", str(self.volume("kafka-broker"))),
        )

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def _script(self, name: str, env: dict[str, str]) -> str:
        done = subprocess.run(
            ["bash", str(COMPOSE_DIR / name)],
            env={**os.environ, **env},
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        assert done.returncode == 0, f"{name} failed:\n{done.stdout}\n{done.stderr}"
        return done.stdout + done.stderr


@pytest.fixture(scope="module")
def broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ComposeBroker]:
    subprocess.run([str(REPO / "deploy" / "local" / "kafka.sh"), "fetch"], check=True, timeout=600)
    started = ComposeBroker(tmp_path_factory.mktemp("compose-kafka"))
    started.make_secrets()
    started.make_secrets()  # a restart of the stack runs it again: nothing changes
    assert "formatting" in started.format_storage()
    assert "formatted already" in started.format_storage()
    assert "already formatted" in started.image_start_up_format()
    started.start()
    try:
        yield started
    finally:
        started.stop()


@pytest_asyncio.fixture(scope="module")
async def secured(broker: ComposeBroker) -> ComposeBroker:
    """What the `topics` one-shot does, as the admin, over TLS."""
    admin = broker.connection_as("fugong-admin", "credentials-topics")
    await ensure_topics(admin)
    await apply_acls(admin, all_bindings())
    return broker


async def test_a_service_writes_only_what_the_catalogue_lets_it(secured: ComposeBroker) -> None:
    broker = secured
    gateway = broker.connection_as(username("gateway"), "credentials-gateway")
    written = {b.resource_name for b in service_bindings("gateway") if b.operation == "WRITE"}
    allowed = sorted(written)[0]
    (refused, *_) = [topic_name(t) for t in catalogue() if topic_name(t) not in written]
    producer = idempotent_producer(gateway, "compose-broker-test")
    await producer.start()
    try:
        await producer.send_and_wait(allowed, b"{}", key=b"91310115MA1K4LXX6T")
        with pytest.raises(TopicAuthorizationFailedError):
            await producer.send_and_wait(refused, b"{}", key=b"91310115MA1K4LXX6T")
    finally:
        await producer.stop()


async def test_a_wrong_password_is_refused(broker: ComposeBroker) -> None:
    stranger = KafkaConnection(
        f"localhost:{broker.port}",
        username=username("gateway"),
        password=SecretStr("not-the-password"),
        cafile=str(broker.volume("kafka-ca") / "ca.pem"),
    )
    producer = idempotent_producer(stranger, "compose-broker-test")
    with pytest.raises(KafkaError):
        await producer.start()
    await producer.stop()


async def test_the_brokers_health_check_connects_with_its_client_config(
    broker: ComposeBroker,
) -> None:
    client = AIOKafkaClient(**broker.health_check_connection().client_options())
    await client.bootstrap()
    try:
        # Authenticated over TLS, the broker answered its metadata: itself, as advertised.
        assert {b.port for b in client.cluster.brokers()} == {broker.port}
    finally:
        await client.close()
