"""The console's tables: shown as HTML, downloaded as CSV or Excel with the same columns."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from openpyxl import Workbook

from services.contracts.identifiers import SHANGHAI

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class Kind(StrEnum):
    TEXT = "text"
    COUNT = "count"
    RATE = "rate"
    """a share, 0-1: shown as a percentage"""
    RATE_CHANGE = "rate_change"
    """a change of a share: shown in percentage points"""
    COUNT_CHANGE = "count_change"
    ID = "id"
    """a long identifier (a UUID): its first eight characters on the page, whole in downloads"""


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    kind: Kind = Kind.TEXT
    wrap: bool = False
    """Long text (a reason, a matched phrase): wrapped on the page rather than kept on one line."""


@dataclass(frozen=True)
class Table:
    name: str
    """Its part of the download's address, e.g. `by-district`."""
    title: str
    columns: tuple[Column, ...]
    rows: Sequence[dict[str, Any]]


def shown(value: Any, kind: Kind) -> str:
    """How a value reads on the page (downloads carry the value itself)."""
    if value is None:
        return "—"
    if kind is Kind.RATE:
        return f"{value * 100:.2f}%"
    if kind is Kind.RATE_CHANGE:
        return f"{value * 100:+.2f} 个百分点"
    if kind is Kind.COUNT:
        return f"{value:,}"
    if kind is Kind.COUNT_CHANGE:
        return f"{value:+,}"
    if kind is Kind.ID:
        return f"{str(value)[:8]}…"
    return str(value)


def local_minute(moment: datetime) -> str:
    """A moment as officials in Shanghai read it: `2020-02-17 09:00`."""
    return moment.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    """The value as a sheet should hold it: text that a spreadsheet would run as a formula (an
    enterprise named "=HYPERLINK(…)") is kept as text, behind an apostrophe."""
    if value is None or isinstance(value, int | float):
        return value
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def as_csv(table: Table) -> bytes:
    """UTF-8 with a byte-order mark, which Excel needs to read Chinese headings right."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([c.heading for c in table.columns])
    for row in table.rows:
        writer.writerow(
            ["" if row.get(c.key) is None else _cell(row[c.key]) for c in table.columns]
        )
    return ("\ufeff" + out.getvalue()).encode()


def as_xlsx(table: Table) -> bytes:
    book = Workbook(write_only=False)
    sheet = book.create_sheet(index=0)
    book.remove(book.worksheets[1])  # the default sheet
    sheet.title = table.title[:31]
    sheet.append([c.heading for c in table.columns])
    for row in table.rows:
        sheet.append([_cell(row.get(c.key)) for c in table.columns])
    for column in table.columns:
        if column.kind in (Kind.RATE, Kind.RATE_CHANGE):
            letter = sheet.cell(1, table.columns.index(column) + 1).column_letter
            for cell in sheet[letter][1:]:
                cell.number_format = "0.00%"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
