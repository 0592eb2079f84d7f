"""`fugong` against the real broker and database: migrations, keys, dead letters, status."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner, Result

from services.cli.app import app
from services.contracts.topics import ENTERPRISE_REPORTS, topic_name
from services.platform.dead_letters import read_records
from tests.integration.platform.test_dead_letter_tool import PHONE, REPORTS, letters
from tests.support.infra import KAFKA, ServiceRoles
from tests.support.processes import REPO

pytestmark = pytest.mark.integration

__all__ = ["letters"]  # the dead-letter tool's fixture: two letters, one holding a phone number


async def fugong(*argv: str, env: dict[str, str] | None = None) -> Result:
    """`fugong argv...` in a thread (each command runs its own event loop)."""
    runner = CliRunner()
    wide = {"COLUMNS": "200", **(env or {})}  # rich tables: no wrapped cells to search through
    return await asyncio.to_thread(runner.invoke, app, list(argv), env=wide, terminal_width=200)


async def test_migrate_then_issue_list_and_revoke_a_key(roles: ServiceRoles, database: str) -> None:
    migrated = await fugong(
        "migrate", "gateway", "--role-prefix", roles.prefix,
        env={"FUGONG_MIGRATION_DATABASE_URL": database, "FUGONG_ENV": "test"},
    )  # fmt: skip
    assert migrated.exit_code == 0, migrated.output
    assert "gateway: 001" in migrated.output
    env = {"FUGONG_DATABASE_URL": database, "FUGONG_ENV": "test"}

    issued = await fugong(
        "keys", "issue", "--district", "310115", "--label", "Pudong bureau", env=env
    )
    assert issued.exit_code == 0, issued.output
    key = issued.stdout.splitlines()[0]
    assert key.startswith("fg_")
    key_id = issued.stderr.split("key id ")[1].split()[0]

    listed = await fugong("keys", "list", env=env)
    assert listed.exit_code == 0, listed.output
    assert key_id in listed.output
    assert "310115" in listed.output
    assert "Pudong bureau" in listed.output
    assert key not in listed.output
    assert "1 key(s)" in listed.output

    revoked = await fugong("keys", "revoke", "--id", key_id, env=env)
    assert revoked.exit_code == 0, revoked.output
    again = await fugong("keys", "revoke", "--id", key_id, env=env)
    assert again.exit_code == 1
    assert "no such active key" in again.stderr
    assert "0 key(s)" in (await fugong("keys", "list", env=env)).output
    assert key_id in (await fugong("keys", "list", "--all", env=env)).output


async def test_dead_letters_are_listed_without_values_and_replayed_all(letters: str) -> None:
    env = {"FUGONG_TOPIC_PREFIX": letters, **KAFKA.environment()}

    listed = await fugong("dead-letters", "list", "--topic", REPORTS, env=env)
    assert listed.exit_code == 0, listed.output
    assert f"{letters}{REPORTS}[3]@41" in listed.output
    assert f"{letters}{REPORTS}[7]@42" in listed.output
    assert "JSONDecodeError" in listed.output
    assert PHONE not in listed.output
    assert "2 dead letter(s)" in listed.output

    replayed = await fugong("dead-letters", "replay", "--topic", REPORTS, "--all", env=env)
    assert replayed.exit_code == 0, replayed.output
    assert "2 dead letter(s) replayed" in replayed.stdout
    assert "2/2" in replayed.stderr  # the progress bar, finished
    arrived = await read_records(KAFKA, topic_name(ENTERPRISE_REPORTS, letters))
    assert len(arrived) == 2
    assert sum(PHONE.encode() in (record.value or b"") for record in arrived) == 1


async def test_status_reports_a_service_that_does_not_answer_and_fails(topic_prefix: str) -> None:
    env = {
        "FUGONG_TOPIC_PREFIX": topic_prefix,
        **KAFKA.environment(),
        "FUGONG_ADMIN_URLS": '{"gateway": "http://127.0.0.1:9"}',
    }

    status = await fugong("status", env=env)

    assert status.exit_code == 1, status.output
    assert "gateway" in status.output
    assert "no answer (ConnectError)" in status.output
    assert f"{topic_prefix}monitoring.enterprise-reports" in status.output
    assert "consumer lag" in status.output


async def test_topics_created_by_the_command_show_no_drift(topic_prefix: str) -> None:
    env = {"FUGONG_TOPIC_PREFIX": topic_prefix, **KAFKA.environment()}

    created = await fugong("topics", "create", env=env)
    drift = await fugong("topics", "drift", env=env)

    assert created.exit_code == 0, created.output
    assert "0 created" in created.output
    assert drift.exit_code == 0, drift.output
    assert "0 setting(s) differ" in drift.output


@pytest.mark.parametrize(
    ("argv", "setting", "error"),
    [
        (["topics", "drift"], {"FUGONG_KAFKA_BOOTSTRAP_SERVERS": "127.0.0.1:1"}, "KafkaConnection"),
    ],
)
def test_an_unreachable_broker_is_one_line_and_exit_1(
    argv: list[str], setting: dict[str, str], error: str
) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "services.cli", *argv],
        cwd=REPO,
        env={**os.environ, **setting, "FUGONG_ENV": "test"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    (line,) = [line for line in done.stderr.splitlines() if line.startswith("fugong: ")]
    assert error in line
