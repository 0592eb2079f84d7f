"""The gateway as a real process, on a raw socket: what a hostile client costs it.

A request that announces a 200 MB body with a wrong key is answered from its headers, and the
bytes that follow never reach the application; a client with a good key that trickles its body
is cut off with 408 once the body deadline passes.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from services.gateway.adapters.api_keys import ApiKeyStore
from services.gateway.app import SCHEMA
from services.gateway.domain.access import Principal, PrincipalKind
from services.gateway.settings import DEV_PEPPER
from services.platform.migrations import migrate
from services.platform.postgres import open_pool
from tests.support.data import credit_code
from tests.support.kafka_users import ServiceUsers
from tests.support.processes import ServiceProcess, free_port, service_env

pytestmark = pytest.mark.integration

PUDONG_FOOD = credit_code(1, "310115")
ANNOUNCED = 200 * 1024 * 1024
BODY_DEADLINE_SECONDS = 2


@pytest.fixture
def gateway(
    database: str, topic_prefix: str, kafka_users: ServiceUsers, tmp_path: Path
) -> Iterator[ServiceProcess]:
    env = {
        **service_env(database, topic_prefix, tmp_path, kafka=kafka_users.connection("gateway")),
        "FUGONG_BODY_READ_TIMEOUT_SECONDS": str(BODY_DEADLINE_SECONDS),
        "FUGONG_BATCH_MAX_BODY_BYTES": str(64 * 1024 * 1024),
    }
    process = ServiceProcess(
        "gateway", free_port(), env, tmp_path / "gateway.log", admin_port=free_port()
    ).start()
    yield process
    process.stop()


def _resident_kib(process: ServiceProcess) -> int:
    assert process.process is not None
    status = Path(f"/proc/{process.process.pid}/status").read_text()
    line = next(line for line in status.splitlines() if line.startswith("VmRSS:"))
    return int(line.split()[1])


def _headers(port: int, key: str, length: int) -> bytes:
    return (
        f"POST /v1/submissions/batch HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"X-API-Key: {key}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {length}\r\n\r\n"
    ).encode()


def _read_answer(client: socket.socket, within: float) -> bytes:
    client.settimeout(within)
    answer = b""
    while b"\r\n\r\n" not in answer:
        chunk = client.recv(65536)
        if not chunk:
            break
        answer += chunk
    return answer


def _rest_of(client: socket.socket) -> bytes:
    """What else the server sends before it closes (or goes quiet for a second)."""
    client.settimeout(1)
    rest = b""
    try:
        while chunk := client.recv(65536):
            rest += chunk
    except OSError:
        pass
    return rest


async def _issue_key(database: str) -> str:
    pool = await open_pool(database, max_size=1)
    try:
        await migrate(pool, SCHEMA, "services.gateway")
        store = ApiKeyStore(pool, DEV_PEPPER, cache_seconds=0)
        return await store.issue(
            Principal(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD), "浦江食品 HR"
        )
    finally:
        await pool.close()


def test_a_large_body_with_a_wrong_key_is_refused_before_it_is_read(
    gateway: ServiceProcess,
) -> None:
    before = _resident_kib(gateway)
    with socket.create_connection(("127.0.0.1", gateway.port)) as client:
        client.sendall(_headers(gateway.port, "fg_not-a-key-anyone-issued", ANNOUNCED))
        answer = _read_answer(client, within=5)  # no body byte sent yet
        sent = 0
        try:  # what a client sends anyway goes nowhere (the server closes, or discards it)
            client.settimeout(5)
            while sent < 32 * 1024 * 1024:
                client.sendall(b"x" * 65536)
                sent += 65536
        except OSError:
            pass
    time.sleep(0.5)

    assert answer.startswith(b"HTTP/1.1 401"), answer[:200]
    assert b"application/problem+json" in answer
    grown_kib = _resident_kib(gateway) - before
    assert grown_kib < 16 * 1024, f"the gateway grew by {grown_kib} KiB"


async def test_a_client_that_sends_its_body_slowly_is_cut_off(
    gateway: ServiceProcess, database: str
) -> None:
    key = await _issue_key(database)
    with socket.create_connection(("127.0.0.1", gateway.port)) as client:
        client.sendall(_headers(gateway.port, key, 10_000))
        started = time.monotonic()
        client.settimeout(0.5)
        answer = b""
        while not answer and time.monotonic() - started < BODY_DEADLINE_SECONDS + 10:
            try:
                client.sendall(b" ")  # a byte every half second: never the whole body
            except OSError:
                break
            try:
                answer = client.recv(65536)
            except TimeoutError:
                continue
        elapsed = time.monotonic() - started
        answer += _rest_of(client)

    assert answer.startswith(b"HTTP/1.1 408"), answer[:300]
    assert b"did not arrive in time" in answer
    assert BODY_DEADLINE_SECONDS - 0.5 < elapsed < BODY_DEADLINE_SECONDS + 5
