"""The dead-letter tool on a real broker: it lists where letters came from, never what they hold,
and replays exactly the chosen record to its source topic."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import orjson
import pytest
import pytest_asyncio

from services.contracts.enterprises import ENTERPRISE_REGISTERED
from services.contracts.topics import ENTERPRISE_REPORTS, topic_name
from services.contracts.weekly_reports import WEEKLY_REPORT_SUBMITTED
from services.platform.dead_letters import (
    StoredDeadLetter,
    main,
    read_dead_letters,
    read_records,
)
from services.platform.kafka import DeadLetter, idempotent_producer
from services.platform.stream.dead_letter_sink import KafkaDeadLetterSink
from tests.support.data import credit_code, registration, weekly_report
from tests.support.infra import KAFKA

pytestmark = pytest.mark.integration

PHONE = "13812345678"
REPORTS = ENTERPRISE_REPORTS.name


def _event(event_type: str, code: str, data: dict[str, object]) -> bytes:
    return orjson.dumps(
        {
            "specversion": "1.0",
            "id": f"evt-{code}",
            "source": "/gateway",
            "type": event_type,
            "time": "2020-02-14T09:30:00+08:00",
            "subject": code,
            "data": data,
        }
    )


@pytest_asyncio.fixture
async def letters(topic_prefix: str, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[str]:
    """Two dead letters of the reports topic, the first carrying a contact's name and phone."""
    monkeypatch.setenv("FUGONG_TOPIC_PREFIX", topic_prefix)
    source = topic_name(ENTERPRISE_REPORTS, topic_prefix)
    pudong, xuhui = credit_code(1201, "310115"), credit_code(1202, "310104")
    misrouted = _event(ENTERPRISE_REGISTERED, pudong, registration(pudong))
    truncated = _event(WEEKLY_REPORT_SUBMITTED, xuhui, weekly_report(xuhui))[:80]
    producer = idempotent_producer(KAFKA, "test-dead-letter-tool")
    await producer.start()
    try:
        sink = KafkaDeadLetterSink(producer)
        await sink.send(
            DeadLetter(
                source_topic=source,
                partition=3,
                offset=41,
                key=pudong.encode(),
                value=misrouted,
                reason=f"unexpected event type {ENTERPRISE_REGISTERED!r}",
                consumer="monitoring",
            )
        )
        await sink.send(
            DeadLetter(
                source_topic=source,
                partition=7,
                offset=42,
                key=xuhui.encode(),
                value=truncated,
                reason="not a JSON CloudEvent: JSONDecodeError",
                consumer="monitoring",
            )
        )
    finally:
        await producer.stop()
    yield topic_prefix


async def _stored(prefix: str) -> list[StoredDeadLetter]:
    return await read_dead_letters(KAFKA, topic_name(ENTERPRISE_REPORTS.dead_letter_topic, prefix))


async def _phone_letter(prefix: str) -> StoredDeadLetter:
    (letter,) = [s for s in await _stored(prefix) if PHONE.encode() in s.value]
    return letter


async def test_dead_letters_are_read_back_with_their_source_coordinates(letters: str) -> None:
    stored = sorted(await _stored(letters), key=lambda s: s.source_offset or 0)

    assert [(s.source_partition, s.source_offset, s.consumer) for s in stored] == [
        (3, 41, "monitoring"),
        (7, 42, "monitoring"),
    ]
    assert {s.source_topic for s in stored} == {f"{letters}{REPORTS}"}
    assert stored[1].reason == "not a JSON CloudEvent: JSONDecodeError"
    assert stored[0].failed_at.startswith("20")
    assert PHONE not in repr(stored[0])


async def test_list_shows_reasons_and_sources_but_never_the_values(
    letters: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await asyncio.to_thread(main, ["list"]) == 0

    out = capsys.readouterr().out
    assert f"source={letters}{REPORTS}[3]@41" in out
    assert f"source={letters}{REPORTS}[7]@42" in out
    assert "reason=unexpected event type 'cn.fugong.enterprise.registered.v1'" in out
    assert "reason=not a JSON CloudEvent: JSONDecodeError" in out
    assert PHONE not in out
    assert "王芳" not in out
    assert f"{letters}{REPORTS}.dlq: 2 dead letter(s)" in out
    assert f"{letters}enterprise.registrations.dlq: 0 dead letter(s)" in out


async def test_list_stops_at_the_limit_and_says_so(
    letters: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await asyncio.to_thread(main, ["list", "--topic", REPORTS, "--limit", "1"]) == 0

    out = capsys.readouterr().out
    assert out.count("\tsource=") == 1
    assert "1 dead letter(s) (limit reached; more may remain)" in out
    assert "enterprise.registrations.dlq" not in out


async def test_replay_publishes_exactly_the_chosen_key_and_value(
    letters: str, capsys: pytest.CaptureFixture[str]
) -> None:
    chosen = await _phone_letter(letters)
    argv = ["replay", "--topic", REPORTS]
    argv += ["--partition", str(chosen.partition), "--offset", str(chosen.offset)]

    assert await asyncio.to_thread(main, argv) == 0

    arrived = await read_records(KAFKA, topic_name(ENTERPRISE_REPORTS, letters))
    assert [(r.key, r.value) for r in arrived] == [(chosen.key, chosen.value)]
    out = capsys.readouterr().out
    assert f"replayed {chosen.coordinates()} -> {letters}{REPORTS}[" in out
    assert PHONE not in out


async def test_dry_run_publishes_nothing(letters: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert await asyncio.to_thread(main, ["replay", "--topic", REPORTS, "--all", "--dry-run"]) == 0

    assert await read_records(KAFKA, topic_name(ENTERPRISE_REPORTS, letters)) == []
    out = capsys.readouterr().out
    assert out.count("would replay ") == 2
    assert "none published" in out


async def test_replaying_an_offset_with_no_dead_letter_fails_and_publishes_nothing(
    letters: str, capsys: pytest.CaptureFixture[str]
) -> None:
    chosen = await _phone_letter(letters)
    argv = ["replay", "--topic", REPORTS]
    argv += ["--partition", str(chosen.partition), "--offset", str(chosen.offset + 100)]

    assert await asyncio.to_thread(main, argv) == 1

    assert await read_records(KAFKA, topic_name(ENTERPRISE_REPORTS, letters)) == []
    assert "no dead letter at" in capsys.readouterr().err
