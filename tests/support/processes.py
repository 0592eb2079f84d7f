"""Run Fugong services as real processes (`python -m services.<name>`) for tests."""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from services.contracts.topics import services
from services.platform.kafka_acls import username as kafka_username
from services.platform.kafka_connection import KafkaConnection
from services.platform.migrate import services_with_migrations

REPO = Path(__file__).resolve().parents[2]


# Ports are drawn below Linux's ephemeral range (32768 and up), so no client's outgoing connection
# can take one between the check and the service's bind, and never handed out twice in a session:
# asking the kernel for "any free port" twice may answer the same one when nothing has bound it yet.
_PORT_RANGE = (20000, 32000)
_handed_out: set[int] = set()
_ports = random.Random()


def free_port() -> int:
    """A loopback port nothing listens on, not handed out before in this session."""
    return free_port_block(1)


def free_port_block(count: int) -> int:
    """The first of `count` consecutive such ports."""
    low, high = _PORT_RANGE
    for _ in range(500):
        base = _ports.randrange(low, high - count)
        block = range(base, base + count)
        if _handed_out.isdisjoint(block) and all(_port_free(port) for port in block):
            _handed_out.update(block)
            return base
    raise RuntimeError(f"no {count} consecutive free ports left between {low} and {high}")


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


@dataclass
class ServiceProcess:
    """A service as a process. `port` is its public port, or a stream worker's only one (its
    admin port); the gateway takes an `admin_port` of its own as well."""

    name: str
    port: int
    env: dict[str, str]
    log_path: Path
    process: subprocess.Popen[bytes] | None = None
    admin_port: int | None = None
    migrate: bool = True
    """Run the migration step for this service before its first start, as a deployment does:
    with FUGONG_MIGRATION_DATABASE_URL from `env` if given, else its FUGONG_DATABASE_URL."""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def admin_url(self) -> str:
        """Where /readyz and /metrics are: the admin port."""
        return f"http://127.0.0.1:{self.admin_port or self.port}"

    def start(self, ready_within: float = 60.0) -> ServiceProcess:
        if self.migrate and self.name in services_with_migrations():
            url = self.env.get("FUGONG_MIGRATION_DATABASE_URL", self.env["FUGONG_DATABASE_URL"])
            run_migration_step(url, self.name)
            self.migrate = False
        env = {
            **os.environ,
            **self.env,
            "FUGONG_HTTP_PORT": str(self.port),
            "FUGONG_ADMIN_PORT": str(self.admin_port or self.port),
        }
        if refusal := another_kafka_user(self.name, env):
            raise RuntimeError(refusal)
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", f"services.{self.name}"],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + ready_within
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited at start-up:\n{self.log_tail()}")
            try:
                if httpx.get(f"{self.admin_url}/readyz", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"{self.name} not ready in {ready_within} s:\n{self.log_tail()}")

    def kill(self, sig: signal.Signals = signal.SIGKILL) -> int:
        assert self.process is not None
        self.process.send_signal(sig)
        return self.process.wait(timeout=60)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def log_tail(self, lines: int = 40) -> str:
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


def another_kafka_user(service: str, env: dict[str, str]) -> str | None:
    """Why `service` may not start with `env`, or None. A service connects as its own Kafka user
    wherever the broker has users, so that a right the catalogue lacks fails the test as it would
    fail in production; as the admin (whose settings tests/conftest.py puts in every child's
    environment) it would pass."""
    from tests.support.infra import KAFKA, SHARED_BROKER_USERS

    if env.get("FUGONG_KAFKA_SECURITY_PROTOCOL", "SASL_SSL") == "PLAINTEXT":
        return None  # no users, no ACLs: a development broker
    user, own = env.get("FUGONG_KAFKA_SASL_USERNAME"), kafka_username(service)
    shared = env.get("FUGONG_KAFKA_BOOTSTRAP_SERVERS") == KAFKA.bootstrap_servers
    if shared and user == KAFKA.username and not SHARED_BROKER_USERS:
        return None  # a broker given in the environment: the suite knows none of its users
    if service in services() and user != own:
        return (
            f"{service} would connect to Kafka as {user}, not as {own}:"
            " give service_env its own user (tests/support/kafka_users.py)"
        )
    return None


def run_migration_step(database_url: str, *services: str, role_prefix: str = "") -> str:
    """`python -m services.platform.migrate` as its own process; its output, or an error."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "services.platform.migrate",
            *services,
            "--role-prefix",
            role_prefix,
        ],
        cwd=REPO,
        env={**os.environ, "FUGONG_MIGRATION_DATABASE_URL": database_url, "FUGONG_ENV": "test"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"migration step failed ({done.returncode}):\n{done.stderr[-4000:]}")
    return done.stdout


def service_env(
    database_url: str, topic_prefix: str, data_dir: Path, *, kafka: KafkaConnection
) -> dict[str, str]:
    """The environment of a service under test, reaching Kafka as `kafka`: on a broker with
    users, the service's own (`ServiceUsers.connection`, tests/support/kafka_users.py), never
    the admin's (`ServiceProcess.start` refuses it)."""
    return {
        "FUGONG_ENV": "test",
        "FUGONG_DATABASE_URL": database_url,
        **kafka.environment(),
        "FUGONG_TOPIC_PREFIX": topic_prefix,
        "FUGONG_DATA_DIR": str(data_dir),
        "FUGONG_LOG_LEVEL": "INFO",
    }
