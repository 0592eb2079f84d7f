"""Spreadsheets as people send them: built in the test, as Excel or CSV would save them."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

import openpyxl

from services.contracts.weekly_reports import WeeklyReport
from services.gateway.domain.report_columns import COLUMNS, Cell, report_cells

HEADINGS = [column.heading for column in COLUMNS]


def row_of(report: dict[str, Any], **cells: Cell) -> list[Cell]:
    """The template's row for a report (a dict as `tests.support.data` makes them), with some
    cells overwritten by field name, e.g. `on_duty="一百"`."""
    row = report_cells(WeeklyReport.model_validate(report))
    for field, cell in cells.items():
        row[[c.field for c in COLUMNS].index(field.replace("__", "."))] = cell
    return row


def xlsx_of(rows: Sequence[Sequence[Cell]], headings: Sequence[str] = HEADINGS) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.worksheets[0]
    sheet.append(list(headings))
    for row in rows:
        sheet.append(list(row))
    saved = io.BytesIO()
    workbook.save(saved)
    return saved.getvalue()


def csv_of(
    rows: Sequence[Sequence[Cell]], headings: Sequence[str] = HEADINGS, encoding: str = "utf-8"
) -> bytes:
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(headings)
    writer.writerows(["" if cell is None else cell for cell in row] for row in rows)
    return text.getvalue().encode(encoding)
