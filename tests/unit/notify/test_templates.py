"""Template texts: Chinese, filled from named values; a missing value refuses the message."""

from __future__ import annotations

import pytest

from services.contracts.notifications import Template
from services.notify.domain.templates import TEXTS, MissingValues, placeholders, readable, render

DEADLINE = "2020-02-17T12:00:00+08:00"


def test_every_template_has_a_chinese_text() -> None:
    assert set(TEXTS) == set(Template)
    assert all(text.startswith("【复工】") for text in TEXTS.values())


def test_a_reminder_names_the_week_and_the_deadline_as_people_read_it() -> None:
    rendered = render(Template.WEEKLY_REPORT_REMINDER, {"week": "2020-W07", "deadline": DEADLINE})

    assert rendered.text == (
        "【复工】贵单位2020-W07周的返工情况周报尚未报送，请于2月17日12:00前登录复工平台报送。"
    )
    assert rendered.slots == ("2020-W07", "2月17日12:00")


def test_the_provider_slots_follow_the_placeholders_in_order_of_first_appearance() -> None:
    assert placeholders(Template.SERVICE_STATUS_CHANGED) == (
        "hall_name",
        "service_name",
        "status_name",
        "date",
        "online_url",
    )


def test_a_missing_value_refuses_the_message_naming_every_missing_placeholder() -> None:
    with pytest.raises(MissingValues) as refused:
        render(Template.SERVICE_STATUS_CHANGED, {"hall_name": "浦东新区就业服务中心"})

    assert refused.value.names == ["service_name", "status_name", "date", "online_url"]
    assert str(refused.value) == (
        "template values missing: service_name, status_name, date, online_url"
    )


def test_values_the_text_does_not_use_are_ignored() -> None:
    rendered = render(
        Template.APPOINTMENT_CANCELLED,
        {"hall_name": "静安区就业服务中心", "starts_at": "2020-03-02T09:30:00+08:00", "hall": "x"},
    )

    assert rendered.text == "【复工】您在静安区就业服务中心3月2日09:30的预约已取消。"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2020-02-17T04:00:00+00:00", "2月17日12:00"),  # UTC, shown in Shanghai
        ("2020-02-17T12:00:00", "2月17日12:00"),  # no zone: as given
        ("2020-W07", "2020-W07"),
        ("2020-13-45T99:99", "2020-13-45T99:99"),  # looks like a time, is not: as given
    ],
)
def test_timestamps_are_shown_in_shanghai_time_and_other_values_as_given(
    value: str, shown: str
) -> None:
    assert readable(value) == shown
