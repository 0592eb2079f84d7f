"""Roster files: headings in Chinese or as field names, yes/no and channel words, bad files."""

from __future__ import annotations

import pytest

from services.gateway.domain.roster_files import read_json, read_sheet
from services.gateway.domain.spreadsheets import CSV_MEDIA_TYPE, SheetUnreadable
from tests.support.sheets import csv_of


def test_chinese_headings_words_and_field_names_read_alike() -> None:
    chinese = csv_of([["王芳", "13800138000", "否", "微信", "o6_bmjrPTlm6_2sgVt7hMZOPfL2M"]],
                     ["姓名", "手机号", "同意通知", "首选渠道", "微信 openid"])  # fmt: skip
    named = csv_of([["王芳", "13800138000", "false", "wechat", "o6_bmjrPTlm6_2sgVt7hMZOPfL2M"]],
                   ["name", "mobile", "consent", "preferred_channel", "wechat_openid"])  # fmt: skip

    expected = {
        "name": "王芳",
        "mobile": "13800138000",
        "consent": False,
        "preferred_channel": "wechat",
        "wechat_openid": "o6_bmjrPTlm6_2sgVt7hMZOPfL2M",
    }
    assert read_sheet(chinese, CSV_MEDIA_TYPE) == [(2, expected)]
    assert read_sheet(named, CSV_MEDIA_TYPE) == [(2, expected)]


@pytest.mark.parametrize(
    ("headings", "names"),
    [
        (["姓名", "部门"], "手机号"),
        (["手机号", "厂区"], "姓名"),
        (["姓名", "手机号", "工号"], "column C"),
    ],
)
def test_a_sheet_without_name_or_mobile_or_with_an_unknown_column_is_refused(
    headings: list[str], names: str
) -> None:
    with pytest.raises(SheetUnreadable, match=names):
        read_sheet(csv_of([["x"] * len(headings)], headings), CSV_MEDIA_TYPE)


def test_json_members_are_numbered_from_one_and_a_body_without_them_is_refused() -> None:
    assert read_json(b'{"members": [{"name": "\\u738b\\u82b3"}, 3]}') == [
        (1, {"name": "王芳"}),
        (2, {"row": 3}),
    ]
    with pytest.raises(SheetUnreadable):
        read_json(b'[{"name": "x"}]')
