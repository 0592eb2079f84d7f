"""Monitoring on the stream worker's batch processor: Kafka records in, store records and dead
letters out, store failures retried."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

import orjson
import pytest

from services.contracts.enterprises import ENTERPRISE_REGISTERED, EnterpriseRegistration
from services.contracts.envelope import new_event
from services.contracts.identifiers import SHANGHAI
from services.contracts.topics import ENTERPRISE_REGISTRATIONS, ENTERPRISE_REPORTS
from services.contracts.weekly_reports import WEEKLY_REPORT_SUBMITTED, WeeklyReport
from services.monitoring.adapters.memory_store import InMemoryMonitoringStore
from services.monitoring.app import SERVICE
from services.monitoring.domain.figures import CellFigures, CellKey
from services.monitoring.domain.records import Record
from services.monitoring.events import ROUTES
from services.platform.kafka import DeadLetter
from services.platform.stream.batches import BatchProcessor, RetryPolicy
from services.platform.stream.events import IncomingRecord, Routes
from services.platform.stream.store import RecordsRejected, StoreUnavailable
from tests.support.data import credit_code, registration, weekly_report

REGISTRATIONS = ENTERPRISE_REGISTRATIONS.name
REPORTS = ENTERPRISE_REPORTS.name
PUDONG_FOOD = credit_code(1, "310115")
XUHUI_SUPERMARKET = credit_code(3, "310104")
FRIDAY = datetime(2020, 2, 14, 17, 30, tzinfo=SHANGHAI)
PUDONG_FOOD_W07 = CellKey("2020-W07", "310115", "C")
XUHUI_RETAIL_W07 = CellKey("2020-W07", "310104", "F")


class RecordingDeadLetterSink:
    def __init__(self) -> None:
        self.letters: list[DeadLetter] = []

    async def send(self, letter: DeadLetter) -> None:
        self.letters.append(letter)

    @property
    def reasons(self) -> list[str]:
        return [letter.reason for letter in self.letters]


class BrieflyUnavailableStore(InMemoryMonitoringStore):
    """Refuses the first `outages` calls as if Postgres were restarting."""

    def __init__(self, outages: int) -> None:
        super().__init__()
        self.outages = outages
        self.calls = 0

    async def record(self, records: Sequence[Record]) -> int:
        self.calls += 1
        if self.calls <= self.outages:
            raise StoreUnavailable("connection refused")
        return await super().record(records)


class RefusingStore(InMemoryMonitoringStore):
    """Refuses, as a constraint would, every batch that holds one particular event."""

    def __init__(self, refused_event_id: str) -> None:
        super().__init__()
        self.refused_event_id = refused_event_id

    async def record(self, records: Sequence[Record]) -> int:
        if any(record.event_id == self.refused_event_id for record in records):
            raise RecordsRejected("value out of range for column on_duty")
        return await super().record(records)


def _incoming(topic: str, value: bytes, offset: int, key: str = PUDONG_FOOD) -> IncomingRecord:
    return IncomingRecord(topic=topic, partition=3, offset=offset, key=key.encode(), value=value)


def _event_json(
    event_type: str,
    data: EnterpriseRegistration | WeeklyReport,
    *,
    event_id: str,
    at: datetime,
    subject: str | None = None,
) -> bytes:
    return new_event(
        event_type=event_type,
        source="/gateway",
        subject=subject or data.credit_code,
        data=data,
        event_id=event_id,
        time=at,
    ).to_json()


def _raw_event_json(event_type: str, data: dict[str, Any], *, event_id: str) -> bytes:
    """An envelope around data no model would accept, as a faulty producer might send it."""
    return orjson.dumps(
        {
            "specversion": "1.0",
            "id": event_id,
            "source": "/gateway",
            "type": event_type,
            "time": FRIDAY.isoformat(),
            "subject": data.get("credit_code", PUDONG_FOOD),
            "datacontenttype": "application/json",
            "data": data,
        }
    )


def _registered(
    code: str, *, offset: int, district: str = "310115", division: str = "13"
) -> IncomingRecord:
    data = EnterpriseRegistration.model_validate(
        registration(code, district=district, division=division)
    )
    value = _event_json(
        ENTERPRISE_REGISTERED, data, event_id=f"reg-{code}", at=FRIDAY - timedelta(days=10)
    )
    return _incoming(REGISTRATIONS, value, offset, key=code)


def _reported(
    code: str, *, offset: int, event_id: str, at: datetime = FRIDAY, **report: Any
) -> IncomingRecord:
    data = WeeklyReport.model_validate(weekly_report(code, **report))
    value = _event_json(WEEKLY_REPORT_SUBMITTED, data, event_id=event_id, at=at)
    return _incoming(REPORTS, value, offset, key=code)


def _processor(
    store: InMemoryMonitoringStore, sink: RecordingDeadLetterSink
) -> BatchProcessor[Record]:
    routes = Routes({spec.name: routes for spec, routes in ROUTES.items()})
    return BatchProcessor(SERVICE, routes, store, sink, RetryPolicy(first_backoff_seconds=0.05))


async def _cells(store: InMemoryMonitoringStore) -> dict[CellKey, CellFigures]:
    return await store.cells("2020-W07")


async def test_registration_and_report_are_recorded_into_the_weeks_figures() -> None:
    store, sink = InMemoryMonitoringStore(), RecordingDeadLetterSink()
    batch = [
        _registered(PUDONG_FOOD, offset=0),
        _reported(PUDONG_FOOD, offset=0, event_id="r1", employees=200, on_duty=120, remote=20),
    ]

    new = await _processor(store, sink).process(batch)

    cells = await _cells(store)
    assert new == 2
    assert sink.letters == []
    assert list(cells) == [PUDONG_FOOD_W07]
    assert cells[PUDONG_FOOD_W07].on_duty == 120
    assert cells[PUDONG_FOOD_W07].employees_before_holiday == 200


async def test_redelivered_batch_changes_nothing() -> None:
    store, sink = InMemoryMonitoringStore(), RecordingDeadLetterSink()
    processor = _processor(store, sink)
    batch = [_registered(PUDONG_FOOD, offset=0), _reported(PUDONG_FOOD, offset=0, event_id="r1")]
    await processor.process(batch)
    before = await _cells(store)

    again = await processor.process(batch)

    assert again == 0
    assert await _cells(store) == before
    assert before[PUDONG_FOOD_W07].enterprises_reporting == 1


async def test_corrected_report_replaces_the_earlier_one() -> None:
    store, sink = InMemoryMonitoringStore(), RecordingDeadLetterSink()
    processor = _processor(store, sink)
    await processor.process([_registered(PUDONG_FOOD, offset=0)])
    await processor.process([_reported(PUDONG_FOOD, offset=0, event_id="r1", on_duty=120)])

    await processor.process(
        [
            _reported(
                PUDONG_FOOD, offset=1, event_id="r2", at=FRIDAY + timedelta(hours=1), on_duty=150
            )
        ]
    )

    cell = (await _cells(store))[PUDONG_FOOD_W07]
    assert (cell.enterprises_reporting, cell.on_duty) == (1, 150)


async def test_earlier_report_arriving_after_its_correction_does_not_replace_it() -> None:
    store, sink = InMemoryMonitoringStore(), RecordingDeadLetterSink()
    processor = _processor(store, sink)
    correction = _reported(
        PUDONG_FOOD, offset=0, event_id="r2", at=FRIDAY + timedelta(hours=1), on_duty=150
    )
    original = _reported(PUDONG_FOOD, offset=1, event_id="r1", at=FRIDAY, on_duty=120)

    await processor.process([_registered(PUDONG_FOOD, offset=0), correction, original])

    assert (await _cells(store))[PUDONG_FOOD_W07].on_duty == 150


def _garbage() -> IncomingRecord:
    return _incoming(REPORTS, b"\x00\x01not json", offset=7)


def _schema_invalid_report() -> IncomingRecord:
    body = weekly_report(PUDONG_FOOD, employees=200, on_duty=120, remote=0)
    body |= {"on_duty": 250, "not_yet_returned": {}}
    return _incoming(REPORTS, _raw_event_json(WEEKLY_REPORT_SUBMITTED, body, event_id="bad"), 7)


def _report_with_the_registration_type() -> IncomingRecord:
    data = WeeklyReport.model_validate(weekly_report(PUDONG_FOOD))
    value = _event_json(ENTERPRISE_REGISTERED, data, event_id="bad", at=FRIDAY)
    return _incoming(REPORTS, value, offset=7)


def _report_about_another_enterprise() -> IncomingRecord:
    data = WeeklyReport.model_validate(weekly_report(PUDONG_FOOD))
    value = _event_json(
        WEEKLY_REPORT_SUBMITTED, data, event_id="bad", at=FRIDAY, subject=XUHUI_SUPERMARKET
    )
    return _incoming(REPORTS, value, offset=7, key=XUHUI_SUPERMARKET)


def _record_from_an_unread_topic() -> IncomingRecord:
    good = _reported(PUDONG_FOOD, offset=7, event_id="bad")
    return _incoming("placement.vacancies", good.value, offset=7)


@pytest.mark.parametrize(
    ("bad_record", "reason"),
    [
        (_garbage, "not a JSON CloudEvent: MalformedEvent"),
        (_schema_invalid_report, "invalid event: data.on_duty: on_duty (250) must not exceed"),
        (_report_with_the_registration_type, f"unexpected event type '{ENTERPRISE_REGISTERED}'"),
        (_report_about_another_enterprise, "subject differs from credit_code in its data"),
        (_record_from_an_unread_topic, "topic placement.vacancies is not consumed here"),
    ],
)
async def test_unusable_record_goes_to_dead_letters_and_the_rest_of_the_batch_is_recorded(
    bad_record: Callable[[], IncomingRecord], reason: str
) -> None:
    store, sink = InMemoryMonitoringStore(), RecordingDeadLetterSink()
    bad = bad_record()
    batch = [
        _registered(PUDONG_FOOD, offset=0),
        _registered(XUHUI_SUPERMARKET, offset=1, district="310104", division="52"),
        bad,
        _reported(PUDONG_FOOD, offset=8, event_id="r1"),
        _reported(XUHUI_SUPERMARKET, offset=9, event_id="r2"),
    ]

    new = await _processor(store, sink).process(batch)

    (letter,) = sink.letters
    assert reason in letter.reason
    assert (letter.source_topic, letter.offset, letter.value) == (bad.topic, 7, bad.value)
    assert letter.consumer == "monitoring"
    assert new == 4
    assert set(await _cells(store)) == {PUDONG_FOOD_W07, XUHUI_RETAIL_W07}


def _registration_body(**changes: Any) -> dict[str, Any]:
    return registration(PUDONG_FOOD) | changes


@pytest.mark.parametrize(
    "data",
    [
        # 闸北区 is retired; the valid phone must not follow the district into the reason
        _registration_body(district_code="310108"),
        _registration_body(contact={"name": "王芳", "phone": "1381234567", "title": "人事经理"}),
        _registration_body(contact={"name": "王芳", "phone": 13812345678}),
        _registration_body(contact={"name": "王芳", "phone": "13812345678", "微信": "13812345678"}),
        _registration_body(contact="王芳 13812345678"),
    ],
    ids=["invalid-district", "invalid-phone", "phone-as-number", "unknown-field", "contact-text"],
)
async def test_dead_letter_reason_never_contains_the_contacts_phone_or_name(
    data: dict[str, Any],
) -> None:
    sink = RecordingDeadLetterSink()
    value = _raw_event_json(ENTERPRISE_REGISTERED, data, event_id="reg-1")

    await _processor(InMemoryMonitoringStore(), sink).process([_incoming(REGISTRATIONS, value, 0)])

    (reason,) = sink.reasons
    assert reason.startswith("invalid event: data")
    for personal in ("1381234567", "138 1234", "王芳"):
        assert personal not in reason


async def test_briefly_unavailable_store_is_retried_until_the_batch_is_recorded() -> None:
    store, sink = BrieflyUnavailableStore(outages=2), RecordingDeadLetterSink()
    batch = [_registered(PUDONG_FOOD, offset=0), _reported(PUDONG_FOOD, offset=0, event_id="r1")]

    # Backoff of 0.05 s then 0.1 s.
    new = await _processor(store, sink).process(batch)

    assert store.calls == 3
    assert new == 2
    assert sink.letters == []
    assert PUDONG_FOOD_W07 in await _cells(store)


async def test_record_the_store_refuses_goes_to_dead_letters_and_the_others_are_recorded() -> None:
    store, sink = RefusingStore(refused_event_id="r-refused"), RecordingDeadLetterSink()
    refused = _reported(XUHUI_SUPERMARKET, offset=5, event_id="r-refused")
    batch = [
        _registered(PUDONG_FOOD, offset=0),
        _registered(XUHUI_SUPERMARKET, offset=1, district="310104", division="52"),
        _reported(PUDONG_FOOD, offset=4, event_id="r1"),
        refused,
    ]

    new = await _processor(store, sink).process(batch)

    (letter,) = sink.letters
    assert (letter.offset, letter.value) == (5, refused.value)
    assert letter.reason == "value out of range for column on_duty"
    assert new == 3
    assert set(await _cells(store)) == {PUDONG_FOOD_W07}
