"""Weekly reports as files: reading a sheet of them from CSV or .xlsx, writing the template.

Reads bytes already in memory and returns values: no IO of its own, no web framework. A file that
cannot be read as a sheet of reports at all raises `SheetUnreadable` with a message for the
person who made it; a readable file gives one result per row (`report_columns.read_row`).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date

import openpyxl
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from services.contracts.weekly_reports import Difficulty, NotYetReturned, WeeklyReport
from services.gateway.domain.report_columns import (
    COLUMNS,
    Cell,
    SheetRow,
    match_headings,
    read_row,
    report_cells,
)

CSV_MEDIA_TYPE = "text/csv"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MEDIA_TYPES = (CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE)

MAX_ROWS = 5_000
"""Rows of reports in one file: a district's sheet in 2020 had hundreds; more is a mistake."""
MAX_UNZIPPED_BYTES = 64 * 1024 * 1024
"""An .xlsx is a zip archive: a few MiB can unpack to gigabytes, so its declared sizes are
checked before anything is unpacked."""
MAX_COLUMNS = 2 * len(COLUMNS)

REPORTS_SHEET, EXPLANATION_SHEET = "周报", "说明"

EXAMPLE_REPORT = WeeklyReport(
    credit_code="91310115000000019M",
    week="2020-W07",
    employees_before_holiday=200,
    on_duty=120,
    working_remotely=20,
    not_yet_returned=NotYetReturned(outside_shanghai=30, in_high_risk_region=15, other=15),
    resumed=True,
    resumed_on=date(2020, 2, 10),
    capacity_ratio=0.6,
    planned_staffing=210,
    recruitment_demand=15,
    hires=5,
    separations=1,
    open_vacancies=10,
    difficulties=frozenset({Difficulty.STAFF_SHORTAGE, Difficulty.LOGISTICS}),
)
"""The template's example row: a report that adds up, to overwrite."""


class SheetUnreadable(ValueError):
    """The file is not a sheet of weekly reports; the message says why (no cell values)."""


def sheet_rows(data: bytes, media_type: str) -> list[tuple[int, Sequence[Cell]]]:
    """The non-empty rows of a CSV or .xlsx file, numbered as the sheet numbers them."""
    return _xlsx_rows(data) if media_type == XLSX_MEDIA_TYPE else _csv_rows(data)


def read_reports(data: bytes, media_type: str) -> list[SheetRow]:
    """One result per non-empty row after the headings (the first non-empty row)."""
    rows = sheet_rows(data, media_type)
    if not rows:
        raise SheetUnreadable("the sheet is empty: the first row must be the template's headings")
    (_, headings), *reports = rows
    try:
        columns = match_headings(headings)
    except ValueError as wrong:
        raise SheetUnreadable(str(wrong)) from None
    return [read_row(number, columns, cells) for number, cells in reports]


def _non_empty(rows: Iterable[Sequence[Cell]]) -> list[tuple[int, Sequence[Cell]]]:
    """Rows with something in them, numbered as the sheet numbers them; at most the headings
    and MAX_ROWS reports, counted as they come so an oversized sheet is not read to its end."""
    kept: list[tuple[int, Sequence[Cell]]] = []
    for number, cells in enumerate(rows, start=1):
        if any(cell is not None and str(cell).strip() for cell in cells):
            kept.append((number, cells))
            if len(kept) > MAX_ROWS + 1:
                raise SheetUnreadable(
                    f"the sheet has more than {MAX_ROWS} rows of reports; split it into files "
                    f"of at most {MAX_ROWS}"
                )
    return kept


def _csv_rows(data: bytes) -> list[tuple[int, Sequence[Cell]]]:
    if data.startswith(b"PK\x03\x04"):
        raise SheetUnreadable(f"this is an .xlsx workbook, not CSV: send it as {XLSX_MEDIA_TYPE}")
    try:
        return _non_empty(csv.reader(io.StringIO(_decoded(data), newline="")))
    except csv.Error:
        raise SheetUnreadable("the file is not readable as CSV (comma-separated)") from None


def _decoded(data: bytes) -> str:
    """UTF-8 (with or without the BOM Excel writes), else GB18030: what Chinese Excel saves as
    "CSV (逗号分隔)". Chinese text in GB18030 is almost never valid UTF-8, so trying UTF-8 first
    tells them apart."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise SheetUnreadable("the CSV file is neither UTF-8 nor GB18030 text; save it as CSV UTF-8")


def _xlsx_rows(data: bytes) -> list[tuple[int, Sequence[Cell]]]:
    """The first worksheet's rows (values, not formulas), as the sheet numbers them."""
    archive = io.BytesIO(data)
    if not zipfile.is_zipfile(archive):
        raise SheetUnreadable(
            "the file is not an .xlsx workbook (an .xls from older Excel must be saved as .xlsx)"
        )
    with zipfile.ZipFile(archive) as unzipped:
        if sum(member.file_size for member in unzipped.infolist()) > MAX_UNZIPPED_BYTES:
            raise SheetUnreadable("the workbook unpacks to more than a sheet of reports can hold")
    try:
        workbook = openpyxl.load_workbook(archive, read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            return _non_empty(sheet.iter_rows(min_row=1, max_col=MAX_COLUMNS, values_only=True))
        finally:
            workbook.close()
    except SheetUnreadable:
        raise
    except Exception:  # openpyxl raises many kinds on a damaged workbook; all mean unreadable
        raise SheetUnreadable("the .xlsx workbook is damaged or not a spreadsheet") from None


def template_csv(example: WeeklyReport = EXAMPLE_REPORT) -> bytes:
    """Headings and the example row, in UTF-8 with the BOM by which Excel knows it is UTF-8."""
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(column.heading for column in COLUMNS)
    writer.writerow("" if cell is None else cell for cell in report_cells(example))
    return text.getvalue().encode("utf-8-sig")


def template_xlsx(example: WeeklyReport = EXAMPLE_REPORT) -> bytes:
    """A workbook of two sheets: 周报 (headings, the example row) and 说明 (each column)."""
    workbook = openpyxl.Workbook(write_only=False)
    reports: Worksheet = workbook.create_sheet(REPORTS_SHEET, 0)
    workbook.remove(workbook.worksheets[1])  # the empty sheet a new workbook comes with
    reports.append([column.heading for column in COLUMNS])
    reports.append(report_cells(example))
    for index, column in enumerate(COLUMNS, start=1):
        reports.cell(1, index).font = Font(bold=True)
        reports.column_dimensions[get_column_letter(index)].width = max(12, 2 * len(column.heading))
        if column.annotation in (date, date | None):
            reports.cell(2, index).number_format = "yyyy-mm-dd"
    reports.freeze_panes = "A2"
    _explain(workbook.create_sheet(EXPLANATION_SHEET))
    saved = io.BytesIO()
    workbook.save(saved)
    return saved.getvalue()


def _explain(sheet: Worksheet) -> None:
    sheet.append(["列名", "字段", "是否必填", "填写说明"])
    for column in COLUMNS:
        required = "必填" if column.required else "选填"
        sheet.append([column.heading, column.field, required, column.explanation])
    sheet.append([])
    sheet.append(["每行一家企业一周的报告; 第 1 行为列名, 示例行请改写或删除。"])
    for index, width in enumerate((28, 36, 10, 60), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
