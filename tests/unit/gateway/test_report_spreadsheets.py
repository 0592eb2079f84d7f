"""Weekly reports as spreadsheets, read and written without IO: the template's columns come from
the model, each row becomes a report or the model's own reasons, and a file that is not a sheet
of reports is refused whole with a reason that echoes none of its cells."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from typing import Any

import openpyxl
import pytest
from pydantic import BaseModel

from services.contracts.weekly_reports import Difficulty, WeeklyReport
from services.gateway.domain.report_columns import (
    COLUMNS,
    DIFFICULTY_LABELS,
    BadRow,
    CellProblem,
    GoodRow,
)
from services.gateway.domain.spreadsheets import (
    CSV_MEDIA_TYPE,
    EXAMPLE_REPORT,
    MAX_ROWS,
    MAX_UNZIPPED_BYTES,
    XLSX_MEDIA_TYPE,
    SheetUnreadable,
    read_reports,
    template_csv,
    template_xlsx,
)
from tests.support.data import credit_code, weekly_report
from tests.support.sheets import HEADINGS, csv_of, row_of, xlsx_of

PUDONG_FOOD = credit_code(1, "310115")
MINHANG_ELECTRONICS = credit_code(2, "310112")
CSV, XLSX = CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE


def _leaf_fields(model: type[BaseModel], prefix: str = "") -> list[str]:
    fields = []
    for name, info in model.model_fields.items():
        nested = info.annotation
        if isinstance(nested, type) and issubclass(nested, BaseModel):
            fields += _leaf_fields(nested, f"{prefix}{name}.")
        else:
            fields.append(prefix + name)
    return fields


def test_every_field_of_the_weekly_report_has_a_column_with_a_chinese_heading() -> None:
    assert [column.field for column in COLUMNS] == _leaf_fields(WeeklyReport)
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in c.heading) for c in COLUMNS)
    assert len({column.heading for column in COLUMNS}) == len(COLUMNS)


def test_every_difficulty_has_a_chinese_label() -> None:
    assert set(DIFFICULTY_LABELS) == set(Difficulty)


def test_the_headings_of_the_template() -> None:
    headings = {column.field: column.heading for column in COLUMNS}
    assert headings["credit_code"] == "统一社会信用代码"
    assert headings["week"] == "周次 (如 2020-W07)"
    assert headings["employees_before_holiday"] == "节前在岗人数"


@pytest.mark.parametrize(
    ("template", "media_type"), [(template_xlsx, XLSX), (template_csv, CSV)], ids=["xlsx", "csv"]
)
def test_the_templates_example_row_reads_back_as_the_example_report(
    template: Any, media_type: str
) -> None:
    assert read_reports(template(), media_type) == [GoodRow(2, EXAMPLE_REPORT)]


def test_the_xlsx_template_explains_each_column_on_a_second_sheet() -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(template_xlsx()), read_only=True)
    assert workbook.sheetnames == ["周报", "说明"]
    rows = list(workbook["说明"].iter_rows(values_only=True))
    assert rows[0] == ("列名", "字段", "是否必填", "填写说明")
    explained = {row[0]: row[2] for row in rows[1 : len(COLUMNS) + 1]}
    assert explained["统一社会信用代码"] == "必填"
    assert explained["困难说明"] == "选填"
    assert set(explained) == set(HEADINGS)


def test_the_csv_template_is_utf8_with_the_bom_excel_needs() -> None:
    assert template_csv().startswith("\ufeff统一社会信用代码,".encode())


@pytest.mark.parametrize("media_type", [XLSX, CSV])
def test_good_rows_become_reports_and_bad_rows_their_problems(media_type: str) -> None:
    good = weekly_report(PUDONG_FOOD)
    rows = [
        row_of(good),
        row_of(weekly_report(MINHANG_ELECTRONICS), on_duty=500),
        row_of(good, employees_before_holiday="二百"),
    ]
    sheet = xlsx_of(rows) if media_type == XLSX else csv_of(rows)

    first, second, third = read_reports(sheet, media_type)

    assert first == GoodRow(2, WeeklyReport.model_validate(good))
    assert second == BadRow(
        3,
        (
            CellProblem(
                "on_duty",
                "本周在岗人数",
                "on_duty (500) must not exceed employees_before_holiday (200)",
            ),
        ),
    )
    assert isinstance(third, BadRow)
    assert third.row == 4
    assert third.problems[0] == CellProblem(
        "employees_before_holiday",
        "节前在岗人数",
        "Input should be a valid integer, unable to parse string as an integer",
    )


def test_a_rule_across_the_reasons_names_all_their_columns() -> None:
    sheet = csv_of([row_of(weekly_report(PUDONG_FOOD), not_yet_returned__other=99)])

    (row,) = read_reports(sheet, CSV)

    assert isinstance(row, BadRow)
    (problem,) = row.problems
    assert problem.field == "not_yet_returned"
    assert problem.heading.split("、") == [h for h in HEADINGS if h.startswith("未返岗-")]
    assert "every employee not back needs exactly one reason" in problem.message


def test_a_missing_required_cell_is_reported_on_its_column() -> None:
    (row,) = read_reports(csv_of([row_of(weekly_report(PUDONG_FOOD), week="")]), CSV)
    assert row == BadRow(2, (CellProblem("week", "周次 (如 2020-W07)", "Field required"),))


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig", "utf-8"])
def test_csv_in_the_encodings_excel_saves_is_read(encoding: str) -> None:
    report = weekly_report(PUDONG_FOOD) | {"difficulties_note": "湖北籍员工尚未返沪"}
    sheet = csv_of([row_of(report)], encoding=encoding)

    assert read_reports(sheet, CSV) == [GoodRow(2, WeeklyReport.model_validate(report))]


def test_cells_written_as_people_write_them() -> None:
    row = row_of(
        weekly_report(PUDONG_FOOD),
        resumed="是",
        resumed_on="2020/2/10",
        capacity_ratio="60%",
        difficulties="用工短缺、物流运输",
        on_duty="１２０",  # full-width digits, as a Chinese input method types them
    )

    (read,) = read_reports(csv_of([row]), CSV)

    assert isinstance(read, GoodRow), read
    report = read.report
    assert (report.resumed, report.resumed_on, report.capacity_ratio) == (
        True,
        date(2020, 2, 10),
        0.6,
    )
    assert report.difficulties == {Difficulty.STAFF_SHORTAGE, Difficulty.LOGISTICS}
    assert report.on_duty == 120


def test_headings_are_matched_however_they_are_retyped() -> None:
    retyped = [f"  {h.replace('(', '（').replace(')', '）')} " for h in HEADINGS]
    retyped[0], retyped[1] = "credit_code", "周次"  # the field's name; the heading without hint
    sheet = csv_of([row_of(weekly_report(PUDONG_FOOD))], headings=retyped)

    assert isinstance(read_reports(sheet, CSV)[0], GoodRow)


def test_only_required_columns_need_be_there() -> None:
    required = [c for c in COLUMNS if c.required]
    full = row_of(weekly_report(PUDONG_FOOD, on_duty=200, remote=0, resumed=False))
    cells = [full[COLUMNS.index(c)] for c in required]

    (row,) = read_reports(csv_of([cells], headings=[c.heading for c in required]), CSV)

    assert isinstance(row, GoodRow)
    assert row.report.recruitment_demand == 0


def test_unknown_and_missing_headings_refuse_the_file_naming_columns_not_their_text() -> None:
    headings = [*HEADINGS[2:], "联系人手机"]
    with pytest.raises(SheetUnreadable) as refused:
        read_reports(csv_of([], headings=headings), CSV)

    message = str(refused.value)
    assert "unknown headings in columns T" in message  # after the template's 19 columns
    assert "required headings missing: 统一社会信用代码、周次 (如 2020-W07)" in message
    assert "手机" not in message


def test_a_heading_given_twice_refuses_the_file() -> None:
    with pytest.raises(SheetUnreadable, match="headings given twice: 本周在岗人数"):
        read_reports(csv_of([], headings=[*HEADINGS, "本周在岗人数"]), CSV)


def test_empty_rows_are_skipped_and_rows_keep_the_numbers_the_sheet_shows() -> None:
    good = row_of(weekly_report(PUDONG_FOOD))
    sheet = xlsx_of([good, [None] * len(HEADINGS), ["  "], good])

    assert [row.row for row in read_reports(sheet, XLSX)] == [2, 5]


def test_a_sheet_of_more_than_the_limit_is_refused() -> None:
    rows = [row_of(weekly_report(PUDONG_FOOD))] * (MAX_ROWS + 1)
    with pytest.raises(SheetUnreadable, match=f"more than {MAX_ROWS} rows"):
        read_reports(csv_of(rows), CSV)
    assert len(read_reports(csv_of(rows[:MAX_ROWS]), CSV)) == MAX_ROWS


@pytest.mark.parametrize(
    ("data", "media_type", "reason"),
    [
        (b"", CSV, "the sheet is empty"),
        (b"\x00\x01\x02 binary", CSV, "neither UTF-8 nor GB18030"),
        (b"%PDF-1.7 ...", XLSX, "not an .xlsx workbook"),
        (b"PK\x03\x04 a torn zip", XLSX, "not an .xlsx workbook"),
        (template_xlsx(), CSV, "this is an .xlsx workbook, not CSV"),
    ],
    ids=["empty", "binary", "pdf", "torn-zip", "xlsx-as-csv"],
)
def test_a_file_that_is_not_a_sheet_of_reports_is_refused_whole(
    data: bytes, media_type: str, reason: str
) -> None:
    with pytest.raises(SheetUnreadable, match=reason):
        read_reports(data, media_type)


def test_a_zip_that_is_not_a_workbook_is_refused() -> None:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("readme.txt", "不是工作簿")
    with pytest.raises(SheetUnreadable, match="damaged or not a spreadsheet"):
        read_reports(archive.getvalue(), XLSX)


def test_a_workbook_that_unpacks_beyond_the_limit_is_refused_before_unpacking() -> None:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("xl/worksheets/sheet1.xml", b"0" * (MAX_UNZIPPED_BYTES + 1))
    with pytest.raises(SheetUnreadable, match="unpacks to more than"):
        read_reports(archive.getvalue(), XLSX)
