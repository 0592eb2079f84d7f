"""Roster rows: numbers normalised to E.164, the same person merged, bad rows reported by
number, field and reason with the good rows kept, landlines never texted."""

from __future__ import annotations

import pytest

from services.contracts.rosters import (
    Channel,
    NotANumber,
    chunks,
    normalise_phone,
    read_roster,
)


@pytest.mark.parametrize(
    "written",
    ["13800138000", "138 0013 8000", "+86 138-0013-8000", "0086 13800138000", "+8613800138000"],
)
def test_a_mobile_in_any_usual_format_is_one_e164_number(written: str) -> None:
    assert normalise_phone(written) == ("+8613800138000", True)


def test_a_shanghai_landline_is_kept_but_is_no_mobile() -> None:
    assert normalise_phone("021-5888 1234") == ("+862158881234", False)


@pytest.mark.parametrize("written", ["1380013800", "12345", "电话号码", "+86 138 0013 80001"])
def test_what_is_no_valid_number_is_refused_with_the_rule(written: str) -> None:
    with pytest.raises(NotANumber) as refused:
        normalise_phone(written)
    assert written not in str(refused.value)


def test_the_same_person_given_twice_is_merged_into_the_first_row() -> None:
    reading = read_roster(
        [
            (2, {"name": "王芳", "mobile": "138 0013 8000", "department": "生产部"}),
            (3, {"name": "李强", "mobile": "13900139000"}),
            (4, {"name": "王芳", "mobile": "+86 13800138000", "site": "二号车间"}),
        ]
    )

    assert [m.phone for m in reading.members] == ["+8613800138000", "+8613900139000"]
    wang = reading.members[0]
    assert (wang.department, wang.site) == ("生产部", "二号车间")
    assert reading.merged == [(4, 2)]
    assert reading.bad_rows == []


def test_consent_withdrawn_in_either_row_of_a_person_stands() -> None:
    reading = read_roster(
        [
            (2, {"name": "王芳", "mobile": "13800138000", "consent": True}),
            (3, {"name": "王芳", "mobile": "138-0013-8000", "consent": False}),
        ]
    )
    assert [m.consent for m in reading.members] == [False]


def test_a_channel_refused_in_either_row_of_a_person_stays_refused() -> None:
    reading = read_roster(
        [
            (2, {"name": "王芳", "mobile": "13800138000", "opted_out": ["voice"]}),
            (3, {"name": "王芳", "mobile": "138-0013-8000", "opted_out": ["sms"]}),
        ]
    )
    assert [m.opted_out for m in reading.members] == [frozenset({Channel.SMS, Channel.VOICE})]


def test_bad_rows_are_reported_by_number_field_and_reason_and_good_rows_are_kept() -> None:
    reading = read_roster(
        [
            (2, {"name": "王芳", "mobile": "13800138000"}),
            (3, {"name": "李强", "mobile": "1380013800"}),
            (4, {"mobile": "13900139000"}),
            (5, {"name": "赵敏", "mobile": "13700137000", "preferred_channel": "fax"}),
            (6, {"name": "周杰", "mobile": "13600136000", "preferred_channel": "wechat"}),
            (7, {"name": "陈晨", "mobile": "13500135000", "shoe_size": "42"}),
        ]
    )

    assert len(reading.members) == 1
    problems = {bad.row: {(p.field) for p in bad.problems} for bad in reading.bad_rows}
    assert problems == {
        3: {"mobile"},
        4: {"name"},
        5: {"preferred_channel"},
        6: {"wechat_openid"},
        7: {"shoe_size"},
    }
    reasons = " ".join(p.reason for bad in reading.bad_rows for p in bad.problems)
    assert "1380013800" not in reasons
    assert "李强" not in reasons


def test_a_landline_member_is_kept_with_its_preferred_channel() -> None:
    (member,) = read_roster(
        [(2, {"name": "李强", "mobile": "021 5888 1234", "preferred_channel": "voice"})]
    ).members
    assert (member.mobile, member.preferred_channel) == (False, Channel.VOICE)


def test_a_big_roster_travels_in_bounded_chunks_and_an_empty_one_in_one() -> None:
    reading = read_roster((n, {"name": "工人", "mobile": f"+86138{n:08d}"}) for n in range(1201))
    parts = chunks(reading.members, 500)
    assert [len(p) for p in parts] == [500, 500, 201]
    assert chunks([], 500) == [[]]
