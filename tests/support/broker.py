"""A private single-node Kafka (KRaft) for one test: the broker others share must never be stopped.

Started with the project's own `deploy/local/kafka.sh` on free loopback ports and a state
directory of its own, so a test may stop it (SIGTERM: controlled shutdown), kill it (SIGKILL)
and start it again on the same data, as an outage would.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.support.processes import REPO, free_port

KAFKA_SH = REPO / "deploy" / "local" / "kafka.sh"


class BrokerFailed(RuntimeError):
    """The private broker did not do what it was asked; the message ends with its log."""


@dataclass
class PrivateBroker:
    state_dir: Path
    port: int
    controller_port: int

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

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
        pid = int(self.pid_path.read_text())
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while _alive(pid):
            if time.monotonic() > deadline:
                raise BrokerFailed(f"broker pid {pid} still alive 30 s after SIGKILL")
            time.sleep(0.1)

    def log_tail(self, lines: int = 40) -> str:
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def _run(self, command: str, *, timeout: float) -> None:
        env = {
            **os.environ,
            "FUGONG_STATE_DIR": str(self.state_dir),
            "FUGONG_KAFKA_PORT": str(self.port),
            "FUGONG_KAFKA_CONTROLLER_PORT": str(self.controller_port),
            "FUGONG_KAFKA_HEAP": "256m",
        }
        try:
            done = subprocess.run(
                [str(KAFKA_SH), command],
                env=env,
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise BrokerFailed(
                f"kafka.sh {command} did not finish in {timeout:g} s; log:\n{self.log_tail()}"
            ) from exc
        if done.returncode != 0:
            raise BrokerFailed(
                f"kafka.sh {command} failed ({done.returncode}):\n{done.stdout}{done.stderr}\n"
                f"broker log ({self.log_path}):\n{self.log_tail()}"
            )


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@contextmanager
def private_broker(state_dir: Path) -> Iterator[PrivateBroker]:
    """A started broker, stopped (or killed, if it will not stop) however the test ends."""
    port = free_port()
    controller_port = free_port()
    while controller_port == port:
        controller_port = free_port()
    broker = PrivateBroker(state_dir, port, controller_port)
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
