"""The CloudEvents 1.0 envelope: what goes onto a topic comes back off it unchanged."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson
import pytest
from pydantic import ValidationError

from services.contracts.envelope import (
    CloudEvent,
    MalformedEvent,
    encode_event,
    new_event,
    parse_event,
)
from services.contracts.identifiers import SHANGHAI
from services.contracts.weekly_reports import WEEKLY_REPORT_SUBMITTED, WeeklyReport
from tests.support.data import credit_code, weekly_report

MINHANG_ELECTRONICS = credit_code(2, "310112")
SUBMITTED_AT = datetime(2020, 2, 14, 17, 30, tzinfo=SHANGHAI)


def _event() -> CloudEvent[WeeklyReport]:
    return new_event(
        event_type=WEEKLY_REPORT_SUBMITTED,
        source="/gateway",
        subject=MINHANG_ELECTRONICS,
        data=WeeklyReport.model_validate(weekly_report(MINHANG_ELECTRONICS)),
        event_id="0b7e5c1e-6a43-4f0e-9a53-3c1b1f6b2a10",
        time=SUBMITTED_AT,
    )


def _as_json(**changes: Any) -> bytes:
    body = orjson.loads(_event().to_json())
    for name, value in changes.items():
        if value is None:
            del body[name]
        else:
            body[name] = value
    return orjson.dumps(body)


def test_event_read_back_from_its_json_equals_the_event_written() -> None:
    event = _event()

    parsed = parse_event(event.to_json(), WeeklyReport)

    assert parsed == event
    assert parsed.time == SUBMITTED_AT
    assert parsed.data.not_yet_returned == event.data.not_yet_returned


def test_an_event_encoded_in_bulk_reads_back_as_the_event_built_as_a_model() -> None:
    event = _event()

    event_id, encoded = encode_event(
        event_type=event.type,
        source=event.source,
        subject=event.subject,
        data=event.data,
        event_id=event.id,
        time=event.time,
    )

    assert event_id == event.id
    assert parse_event(encoded, WeeklyReport) == event
    assert orjson.loads(encoded) == orjson.loads(event.to_json())


def test_new_event_gets_an_id_and_an_aware_time_when_none_is_given() -> None:
    data = WeeklyReport.model_validate(weekly_report(MINHANG_ELECTRONICS))

    first = new_event(event_type=WEEKLY_REPORT_SUBMITTED, source="/gateway", subject="x", data=data)
    second = new_event(
        event_type=WEEKLY_REPORT_SUBMITTED, source="/gateway", subject="x", data=data
    )

    assert first.id != second.id
    assert first.time.utcoffset() is not None
    assert first.specversion == "1.0"


def test_json_names_the_cloudevents_attributes() -> None:
    body = orjson.loads(_event().to_json())

    assert body["specversion"] == "1.0"
    assert body["type"] == WEEKLY_REPORT_SUBMITTED
    assert body["subject"] == MINHANG_ELECTRONICS
    assert body["time"] == "2020-02-14T17:30:00+08:00"
    assert body["data"]["credit_code"] == MINHANG_ELECTRONICS


def test_spec_version_other_than_1_0_is_rejected() -> None:
    with pytest.raises(ValidationError) as raised:
        parse_event(_as_json(specversion="0.3"), WeeklyReport)

    assert [error["loc"] for error in raised.value.errors()] == [("specversion",)]


def test_time_without_a_time_zone_is_rejected() -> None:
    with pytest.raises(ValidationError) as raised:
        parse_event(_as_json(time="2020-02-14T17:30:00"), WeeklyReport)

    (error,) = raised.value.errors()
    assert error["loc"] == ("time",)
    assert error["type"] == "timezone_aware"


def test_event_without_an_id_is_rejected() -> None:
    with pytest.raises(ValidationError) as raised:
        parse_event(_as_json(id=None), WeeklyReport)

    (error,) = raised.value.errors()
    assert (error["loc"], error["type"]) == (("id",), "missing")


def test_invalid_data_is_reported_under_data() -> None:
    with pytest.raises(ValidationError) as raised:
        parse_event(
            _as_json(data=weekly_report(MINHANG_ELECTRONICS) | {"week": "2020-W99"}), WeeklyReport
        )

    assert [error["loc"] for error in raised.value.errors()] == [("data", "week")]


@pytest.mark.parametrize("raw", [b"\x00\xff\xfe", b"{not json", "复工".encode()])
def test_bytes_that_are_not_json_raise_a_value_error_that_is_not_a_validation_error(
    raw: bytes,
) -> None:
    # MalformedEvent is a ValueError; consumers tell it apart from a ValidationError.
    with pytest.raises(MalformedEvent) as raised:
        parse_event(raw, WeeklyReport)

    assert isinstance(raised.value, ValueError)
    assert not isinstance(raised.value, ValidationError)
