"""A roster as an enterprise sends it: JSON, or a CSV/.xlsx sheet with one employee a row.

Reads bytes already in memory into numbered rows of named values for the contract's rules
(`services/contracts/rosters.py`); no IO of its own. Headings may be the Chinese ones of the
template or the field names; a sheet without the name or mobile column, or with a column
nobody knows, is refused whole, naming the column by letter.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import orjson
from openpyxl.utils import get_column_letter

from services.contracts.rosters import RosterRowIn
from services.gateway.domain.report_columns import Cell
from services.gateway.domain.spreadsheets import SheetUnreadable, sheet_rows

HEADINGS: dict[str, str] = {
    "姓名": "name",
    "手机号": "mobile",
    "电话": "mobile",
    "微信openid": "wechat_openid",
    "首选渠道": "preferred_channel",
    "同意通知": "consent",
    "退订渠道": "opted_out",
    "拒收渠道": "opted_out",
    "部门": "department",
    "厂区": "site",
    "工作地点": "site",
}
"""The template's headings (and a few common variants), by the field each fills."""

_YES, _NO = (
    frozenset({"是", "同意", "y", "yes", "true", "1"}),
    frozenset({"否", "不同意", "n", "no", "false", "0"}),
)
_CHANNELS = {"短信": "sms", "微信": "wechat", "语音": "voice", "电话": "voice"}
FIELDS = frozenset(RosterRowIn.model_fields)

Row = tuple[int, Mapping[str, object]]


def read_json(data: bytes) -> list[Row]:
    """`{"members": [...]}`: each member numbered from 1 in the order sent."""
    try:
        document = orjson.loads(data)
    except orjson.JSONDecodeError:
        raise SheetUnreadable("the body is not JSON") from None
    members = document.get("members") if isinstance(document, dict) else None
    if not isinstance(members, list):
        raise SheetUnreadable('the body must be {"members": [...]}')
    return [(n, m if isinstance(m, dict) else {"row": m}) for n, m in enumerate(members, 1)]


def read_sheet(data: bytes, media_type: str) -> list[Row]:
    rows = sheet_rows(data, media_type)
    if not rows:
        raise SheetUnreadable("the sheet is empty: the first row must be the headings")
    (_, headings), *people = rows
    fields = _fields(headings)
    return [(number, _values(fields, cells)) for number, cells in people]


def _fields(headings: Sequence[Cell]) -> list[str | None]:
    fields: list[str | None] = []
    for index, heading in enumerate(headings, start=1):
        text = "" if heading is None else str(heading).strip().replace(" ", "")
        if not text:
            fields.append(None)
            continue
        field = HEADINGS.get(text) or HEADINGS.get(text.lower()) or text.lower()
        if field not in FIELDS:
            raise SheetUnreadable(f"column {get_column_letter(index)}: unknown heading")
        fields.append(field)
    for needed, heading in (("name", "姓名"), ("mobile", "手机号")):
        if needed not in fields:
            raise SheetUnreadable(f"no column {heading} ({needed})")
    return fields


def _values(fields: list[str | None], cells: Sequence[Cell]) -> dict[str, object]:
    values: dict[str, object] = {}
    for field, cell in zip(fields, cells, strict=False):
        if field is None or cell is None:
            continue
        text = str(cell).strip()
        if field == "consent":
            values[field] = _yes_no(text)
        elif field == "preferred_channel":
            values[field] = _CHANNELS.get(text, text.lower())
        elif field == "opted_out":
            # 语音,短信 / 语音、短信 / voice sms: the model names a channel it does not know.
            words = text.replace("、", ",").replace("，", ",").replace(" ", ",").split(",")
            values[field] = [_CHANNELS.get(w, w.lower()) for w in words if w]
        elif field == "mobile" and isinstance(cell, int | float):
            values[field] = str(int(cell))  # Excel keeps a number typed in as a number
        else:
            values[field] = text
    return values


def _yes_no(text: str) -> object:
    lowered = text.lower()
    if lowered in _YES:
        return True
    if lowered in _NO:
        return False
    return text  # the model names it as not a boolean
