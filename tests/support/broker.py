"""A private Kafka (KRaft) for one test: the broker others share must never be stopped.

A single node (`private_broker`) or a three-node cluster (`private_cluster`), started with the
project's own `deploy/local/kafka.sh` on free loopback ports and a state directory of its own, so
a test may stop a node (SIGTERM: controlled shutdown), kill it (SIGKILL) and start it again on the
same data, as an outage would.

Security follows the shared broker's (`tests.support.infra.KAFKA`): SASL_SSL when it is, with
kafka.sh's own CA, users and client settings; `connection` is the test's admin connection and
`service_user(user)` a service's, None on a plaintext broker: what `running_stack` takes as
`kafka_users`, so each service runs as its own user with the catalogue's ACLs, as deployed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import KafkaError
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_delay, wait_fixed

from services.platform.kafka_connection import KafkaConnection
from tests.support.infra import KAFKA, connection_from_file
from tests.support.processes import REPO, free_port, free_port_block
from tests.support.waiting import eventually

KAFKA_SH = REPO / "deploy" / "local" / "kafka.sh"
# A test's broker lives a minute: the C1 compiler alone starts it sooner on a busy machine, where
# C2 compiling hot code would compete with three JVMs and the platform for two cores.
JVM_OPTS = "-XX:TieredStopAtLevel=1"
SHARED_SECURITY = "plaintext" if KAFKA.security_protocol == "PLAINTEXT" else "sasl_ssl"


class BrokerFailed(RuntimeError):
    """The private broker did not do what it was asked; the message ends with its log."""


@dataclass
class PrivateBroker:
    state_dir: Path
    port: int
    controller_port: int
    security: str = SHARED_SECURITY
    """kafka.sh's FUGONG_KAFKA_SECURITY: sasl_ssl or plaintext."""

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def connection(self) -> KafkaConnection:
        """As the admin user (a super user): what a test's own set-up and checks use."""
        return self.connection_as("admin")

    def connection_as(self, user: str) -> KafkaConnection:
        return _connection(self.state_dir / "kafka", user)

    def service_user(self, user: str) -> KafkaConnection | None:
        """As one of the services' users (`fugong-gateway`, ...); None on a plaintext broker."""
        return _service_user(self.state_dir / "kafka", self.security, user)

    @property
    def log_path(self) -> Path:
        return self.state_dir / "logs" / "kafka.log"

    @property
    def pid_path(self) -> Path:
        return self.state_dir / "run" / "kafka.pid"

    def start(self) -> None:
        """Start (formatting the storage the first time) and wait until clients can connect."""
        self._run("start", timeout=150)

    def stop(self) -> None:
        """SIGTERM and wait: a controlled shutdown, as an operator's stop or a rolling restart."""
        self._run("stop", timeout=60)

    def kill(self) -> None:
        """SIGKILL: the machine lost power. The next start waits out the old broker session."""
        _kill(self.pid_path)

    def log_tail(self, lines: int = 40) -> str:
        return _tail(self.log_path, lines)

    def _run(self, command: str, *, timeout: float) -> None:
        env = {
            "FUGONG_STATE_DIR": str(self.state_dir),
            "FUGONG_KAFKA_PORT": str(self.port),
            "FUGONG_KAFKA_CONTROLLER_PORT": str(self.controller_port),
            "FUGONG_KAFKA_SECURITY": self.security,
        }
        _kafka_sh([command], env, timeout=timeout, log_path=self.log_path)


def _connection(kafka_root: Path, user: str) -> KafkaConnection:
    """`user`'s connection, from the settings kafka.sh wrote (PLAINTEXT: anyone's the same)."""
    clients = kafka_root / "clients"
    user_file = clients / f"{user}.env"
    return connection_from_file(user_file if user_file.exists() else clients / "admin.env")


def _service_user(kafka_root: Path, security: str, user: str) -> KafkaConnection | None:
    """A service user's connection; a plaintext broker has no users (and no ACLs)."""
    if security == "plaintext":
        return None
    user_file = kafka_root / "clients" / f"{user}.env"
    if not user_file.is_file():
        raise BrokerFailed(f"kafka.sh wrote no client settings for {user} ({user_file})")
    return connection_from_file(user_file)


def _kafka_sh(args: list[str], env: dict[str, str], *, timeout: float, log_path: Path) -> None:
    """Run kafka.sh with a small heap; on failure raise `BrokerFailed` with the node's log."""
    try:
        done = subprocess.run(
            [str(KAFKA_SH), *args],
            env={
                **os.environ,
                "FUGONG_KAFKA_HEAP": "256m",
                "FUGONG_KAFKA_JVM_OPTS": JVM_OPTS,
                # kafka.sh asks the catalogue for the services' users.
                "FUGONG_PYTHON": sys.executable,
                **env,
            },
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise BrokerFailed(
            f"kafka.sh {' '.join(args)} did not finish in {timeout:g} s; log:\n{_tail(log_path)}"
        ) from exc
    if done.returncode != 0:
        raise BrokerFailed(
            f"kafka.sh {' '.join(args)} failed ({done.returncode}):\n{done.stdout}{done.stderr}\n"
            f"broker log ({log_path}):\n{_tail(log_path)}"
        )


def _tail(log_path: Path, lines: int = 40) -> str:
    text = log_path.read_text(errors="replace") if log_path.exists() else ""
    return "\n".join(text.splitlines()[-lines:])


def _kill(pid_path: Path) -> None:
    """SIGKILL the pid in `pid_path` and wait until it is gone."""
    pid = int(pid_path.read_text())
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        return  # already gone
    deadline = time.monotonic() + 30
    while _alive(pid):
        if time.monotonic() > deadline:
            raise BrokerFailed(f"broker pid {pid} still alive 30 s after SIGKILL")
        time.sleep(0.1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@contextmanager
def private_broker(state_dir: Path, *, security: str = SHARED_SECURITY) -> Iterator[PrivateBroker]:
    """A started broker, stopped (or killed, if it will not stop) however the test ends."""
    port, controller_port = free_port(), free_port()
    broker = PrivateBroker(state_dir, port, controller_port, security)
    broker.start()
    try:
        yield broker
    finally:
        try:
            broker.stop()
        except BrokerFailed:
            if broker.pid_path.exists():
                broker.kill()
            raise


CLUSTER_NODES = (1, 2, 3)
OFFSETS_TOPIC = "__consumer_offsets"


@dataclass(frozen=True)
class PartitionState:
    """One partition as the cluster's metadata describes it: node ids."""

    leader: int
    replicas: tuple[int, ...]
    isr: tuple[int, ...]


@dataclass
class PrivateCluster:
    """Three combined controller+broker nodes, kafka.sh's FUGONG_KAFKA_NODES=3 layout: node N
    listens on base_port + 2(N-1) and its controller on the port above. Its node ids are 1..3,
    the ids partition metadata names leaders and replicas by."""

    state_dir: Path
    base_port: int
    security: str = SHARED_SECURITY

    def port(self, node: int) -> int:
        return self.base_port + 2 * (node - 1)

    @property
    def bootstrap(self) -> str:
        return ",".join(f"127.0.0.1:{self.port(node)}" for node in CLUSTER_NODES)

    @property
    def connection(self) -> KafkaConnection:
        """As the admin user, to every node."""
        return _connection(self.state_dir / "kafka-cluster", "admin")

    def service_user(self, user: str) -> KafkaConnection | None:
        """As one of the services' users, to every node; None on a plaintext cluster."""
        return _service_user(self.state_dir / "kafka-cluster", self.security, user)

    def log_path(self, node: int) -> Path:
        return self.state_dir / "logs" / f"kafka-{node}.log"

    def pid_path(self, node: int) -> Path:
        return self.state_dir / "run" / f"kafka-{node}.pid"

    def start(self, node: int | None = None) -> None:
        """Start one node, or every node not running, and wait until clients can connect."""
        self._run("start", node, timeout=150)

    def stop(self, node: int | None = None) -> None:
        """SIGTERM and wait: a controlled shutdown hands the node's leaderships over first."""
        self._run("stop", node, timeout=90)

    def kill(self, node: int) -> None:
        """SIGKILL: the node's machine lost power; it leaves the ISRs when its session expires."""
        _kill(self.pid_path(node))

    async def partitions(self, topic: str) -> dict[int, PartitionState]:
        """Partition → its leader, replicas and in-sync replicas, from any node still up.

        The admin client asks a node its metadata names, which may be one just killed: a node
        that cannot be reached is retried for a while, as another is then chosen."""
        async for attempt in AsyncRetrying(
            retry=retry_if_exception_type(KafkaError),
            stop=stop_after_delay(30),
            wait=wait_fixed(0.5),
            reraise=True,
        ):
            with attempt:
                description = await self._describe(topic)
        if description["error_code"] != 0:
            raise BrokerFailed(f"describing {topic}: error {description['error_code']}")
        return {
            p["partition"]: PartitionState(p["leader"], tuple(p["replicas"]), tuple(p["isr"]))
            for p in description["partitions"]
        }

    async def _describe(self, topic: str) -> Any:
        admin = AIOKafkaAdminClient(**self.connection.client_options(), client_id="fugong-tests")
        await admin.start()
        try:
            (description,) = await admin.describe_topics([topic])
        finally:
            await admin.close()
        return description

    async def leader(self, topic: str, partition: int) -> int:
        return (await self.partitions(topic))[partition].leader

    async def wait_in_sync(self, *topics: str, within: float = 60) -> None:
        """Until every partition of the topics (and of the group offsets) has all three nodes in
        its ISR: a node restarted has caught up, and the next may go down without loss."""

        async def lagging() -> list[str]:
            late = []
            for topic in (*topics, OFFSETS_TOPIC):
                for number, state in (await self.partitions(topic)).items():
                    if sorted(state.isr) != list(CLUSTER_NODES) or state.leader < 0:
                        late.append(f"{topic}-{number}: {state}")
            return late

        await eventually(
            lagging, lambda late: not late, within=within, every=0.5, what="every ISR whole"
        )

    def log_tail(self, node: int, lines: int = 40) -> str:
        return _tail(self.log_path(node), lines)

    def _run(self, command: str, node: int | None, *, timeout: float) -> None:
        env = {
            "FUGONG_STATE_DIR": str(self.state_dir),
            "FUGONG_KAFKA_NODES": str(len(CLUSTER_NODES)),
            "FUGONG_KAFKA_PORT": str(self.base_port),
            "FUGONG_KAFKA_CONTROLLER_PORT": str(self.base_port + 1),
            "FUGONG_KAFKA_SECURITY": self.security,
        }
        args = [command] if node is None else [command, str(node)]
        _kafka_sh(args, env, timeout=timeout, log_path=self.log_path(node or 1))


@contextmanager
def private_cluster(state_dir: Path) -> Iterator[PrivateCluster]:
    """A started three-node cluster, stopped (or killed, node by node) however the test ends."""
    cluster = PrivateCluster(state_dir, free_port_block(2 * len(CLUSTER_NODES)))
    cluster.start()
    try:
        yield cluster
    finally:
        try:
            cluster.stop()
        except BrokerFailed:
            for node in CLUSTER_NODES:
                if cluster.pid_path(node).exists():
                    cluster.kill(node)
            raise
