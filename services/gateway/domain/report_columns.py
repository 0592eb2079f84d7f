"""The weekly report as a row of a spreadsheet: one column per field, headed in Chinese.

In 2020 districts gathered the weekly reports as Excel sheets; this is the template's shape and
how a row of it becomes a `WeeklyReport` or the list of what is wrong with it. The columns are
derived from the model, so a field added to the report is a column here (or an import error
saying which heading is missing), never a silently dropped value.

Pure: no IO, no web framework. File formats (CSV, .xlsx) are in `spreadsheets.py`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import AwareDatetime, BaseModel, ValidationError
from pydantic_core import ErrorDetails

from services.contracts.identifiers import SHANGHAI
from services.contracts.weekly_reports import Difficulty, WeeklyReport

Cell = Any
"""A cell as a file gives it: text from CSV; text, number, bool, datetime or None from .xlsx."""

_COLUMN_TEXT: dict[str, tuple[str, str]] = {
    # field: (heading, what to write in it)
    "credit_code": ("统一社会信用代码", "18 位统一社会信用代码"),
    "week": ("周次 (如 2020-W07)", "报告所属的 ISO 周, 不能是尚未开始的周"),
    "employees_before_holiday": ("节前在岗人数", "春节假期前在册的员工人数"),
    "on_duty": ("本周在岗人数", "本周已返岗、在现场上班的人数, 不超过节前在岗人数"),
    "working_remotely": ("远程办公人数", "本周远程办公的人数, 与在岗人数之和不超过节前在岗人数"),
    "not_yet_returned.outside_shanghai": ("未返岗-在外省市人数", "尚未返回上海的人数"),
    "not_yet_returned.in_high_risk_region": ("未返岗-在重点地区人数", "滞留在疫情重点地区的人数"),
    "not_yet_returned.in_quarantine": ("未返岗-隔离观察人数", "正在隔离观察的人数"),
    "not_yet_returned.other": (
        "未返岗-其他原因人数",
        "其他原因未返岗的人数; 四项未返岗人数之和 = 节前在岗 - 在岗 - 远程办公",
    ),
    "resumed": ("是否已复工 (是/否)", "填 是 或 否"),
    "resumed_on": ("复工日期 (如 2020-02-10)", "已复工时必填, 不晚于该周最后一天; 未复工时留空"),
    "capacity_ratio": ("产能恢复比例 (0-1，如 0.6)", "恢复到正常产能的比例, 0 到 1, 也可写 60%"),
    "planned_staffing": ("计划用工人数", "企业计划达到的用工人数"),
    "recruitment_demand": ("本周招聘需求人数", "本周需要招聘的人数"),
    "hires": ("本周新招人数", "本周新招用的人数"),
    "separations": ("本周离职人数", "本周离职的人数"),
    "open_vacancies": ("空缺岗位数", "目前空缺的岗位数"),
    "surplus_staff_available": ("可调剂富余员工人数", "可以借调给其他企业的富余员工人数"),
    "difficulties": ("主要困难 (多项用、分隔)", "可选: {labels}"),
    "difficulties_note": ("困难说明", "可选, 500 字以内"),
    "received_at": (
        "收到时间 (区局代报时填, 如 2020-02-14 17:30)",
        "区局代为录入企业纸质或表格报表时填写收到的时间 (上海时间); 企业自行报送留空",
    ),
}

DIFFICULTY_LABELS: dict[Difficulty, str] = {
    Difficulty.STAFF_SHORTAGE: "用工短缺",
    Difficulty.SUPPLY_CHAIN: "原材料与供应链",
    Difficulty.PREVENTION_SUPPLIES: "防疫物资",
    Difficulty.CASH_FLOW: "资金周转",
    Difficulty.LOGISTICS: "物流运输",
    Difficulty.ORDERS: "订单不足",
    Difficulty.OTHER: "其他",
}

YES, NO = "是", "否"


@dataclass(frozen=True)
class Column:
    field: str
    """The model field, dotted for a nested one (`not_yet_returned.in_quarantine`)."""
    heading: str
    explanation: str
    required: bool
    annotation: Any


@dataclass(frozen=True)
class CellProblem:
    """What is wrong in a row: the field by heading and name, and the model's message."""

    field: str
    heading: str
    message: str


@dataclass(frozen=True)
class GoodRow:
    row: int
    """The row number as the sheet shows it (the headings are in row 1 of the template)."""
    report: WeeklyReport


@dataclass(frozen=True)
class BadRow:
    row: int
    problems: tuple[CellProblem, ...]


SheetRow = GoodRow | BadRow


def _columns(model: type[BaseModel], prefix: str = "", required: bool = True) -> list[Column]:
    columns: list[Column] = []
    for name, info in model.model_fields.items():
        nested = info.annotation
        if isinstance(nested, type) and issubclass(nested, BaseModel):
            columns += _columns(nested, f"{prefix}{name}.", required and info.is_required())
            continue
        field = prefix + name
        if field not in _COLUMN_TEXT:
            raise LookupError(f"the weekly-report spreadsheet has no heading for field {field}")
        heading, explanation = _COLUMN_TEXT[field]
        labels = "、".join(DIFFICULTY_LABELS.values())
        explanation = explanation.format(labels=labels)
        columns.append(
            Column(field, heading, explanation, required and info.is_required(), info.annotation)
        )
    return columns


COLUMNS: tuple[Column, ...] = tuple(_columns(WeeklyReport))
"""The template's columns in the model's field order."""


def column_of(field: str) -> Column:
    return next(c for c in COLUMNS if c.field == field)


def heading_key(text: str) -> str:
    """Headings as people retype them: full-width or half-width, spaced or not, any case."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


def _heading_keys(column: Column) -> set[str]:
    # The full heading, the heading without its hint in parentheses, or the field's name.
    return {heading_key(column.heading), heading_key(column.heading.split(" (")[0]), column.field}


HEADING_KEYS: dict[str, Column] = {key: c for c in COLUMNS for key in _heading_keys(c)}


def column_letter(index: int) -> str:
    """`A` for the first column, `AB` for the 28th: how a spreadsheet user finds a column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def match_headings(headings: Sequence[Cell]) -> list[Column | None]:
    """The column under each heading (None under an empty one), or ValueError saying what is
    wrong. Unknown headings are refused rather than ignored: a misspelt optional column would
    otherwise drop its values for the model's defaults without a word. Problems name columns
    by letter, not by the text found, which is the caller's input."""
    matched: list[Column | None] = []
    unknown: list[str] = []
    for index, text in enumerate(headings):
        key = heading_key(str(text)) if text is not None else ""
        column = HEADING_KEYS.get(key)
        if key and column is None:
            unknown.append(column_letter(index))
        matched.append(column)
    found = [c for c in matched if c is not None]
    duplicated = sorted({c.heading for c in found if found.count(c) > 1})
    missing = [c.heading for c in COLUMNS if c.required and c not in found]
    complaints = [
        f"unknown headings in columns {', '.join(unknown)}" if unknown else "",
        f"headings given twice: {'、'.join(duplicated)}" if duplicated else "",
        f"required headings missing: {'、'.join(missing)}" if missing else "",
    ]
    if any(complaints):
        raise ValueError("; ".join(c for c in complaints if c))
    return matched


def read_row(row: int, columns: Sequence[Column | None], cells: Sequence[Cell]) -> SheetRow:
    """The row as a validated report, or every problem the model finds in it."""
    fields: dict[str, Any] = {}
    for column, cell in zip(columns, cells, strict=False):
        if column is None:
            continue  # under no heading: notes beside the sheet, not part of a report
        value = _cell_value(column, cell)
        if value is not None:
            group, _, leaf = column.field.rpartition(".")
            (fields.setdefault(group, {}) if group else fields)[leaf] = value
    try:
        return GoodRow(row, WeeklyReport.model_validate(fields))
    except ValidationError as invalid:
        return BadRow(row, tuple(_problem(error) for error in invalid.errors()))


def _problem(error: ErrorDetails) -> CellProblem:
    field = ".".join(str(part) for part in error["loc"])
    column = _column_at(field)
    heading = column.heading if column else "、".join(_headings_under(field))
    message = str(error["msg"]).removeprefix("Value error, ")
    return CellProblem(column.field if column else field, heading, message)


def _column_at(location: str) -> Column | None:
    # An item of a multi-valued cell (`difficulties.0`) is a problem of its column.
    return next(
        (c for c in COLUMNS if location == c.field or location.startswith(c.field + ".")), None
    )


def _headings_under(group: str) -> list[str]:
    """A rule across a nested model's fields (the reasons adding up) names all its columns."""
    return [c.heading for c in COLUMNS if c.field.startswith(group + ".")] or [group]


def _cell_value(column: Column, cell: Cell) -> Any:
    """What to hand the model for a cell: None for an empty one, so the model's default applies
    (or its "Field required"); the spreadsheet habits of people (是/否, 60%, 2020/2/10, 用工短缺、
    物流运输) turned into what the model takes; anything else as it is, for the model to judge."""
    if isinstance(cell, str):
        cell = cell.strip()
        if not cell:
            return None
        if column.annotation != _FREE_TEXT:  # full-width digits and letters, as typed
            cell = unicodedata.normalize("NFKC", cell)
    if cell is None:
        return None
    return _conversion(column.annotation)(cell)


def _yes_no(cell: Cell) -> Cell:
    return {YES: True, NO: False}.get(cell, cell) if isinstance(cell, str) else cell


_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


def _date(cell: Cell) -> Cell:
    if isinstance(cell, datetime):
        return cell.date()
    found = _DATE.fullmatch(cell) if isinstance(cell, str) else None
    if found is None:
        return cell
    try:
        return date(*(int(part) for part in found.groups()))
    except ValueError:
        return cell  # 2020/2/30: the model's own message says what is wrong


def _ratio(cell: Cell) -> Cell:
    if isinstance(cell, str) and cell.endswith("%"):
        try:
            return float(cell[:-1]) / 100
        except ValueError:
            return cell
    return cell


_LABELLED = {label: difficulty.value for difficulty, label in DIFFICULTY_LABELS.items()}


def _difficulties(cell: Cell) -> Cell:
    if not isinstance(cell, str):
        return cell
    return [_LABELLED.get(part, part) for part in re.split(r"[、,;\s]+", cell) if part]


def _text(cell: Cell) -> Cell:
    return cell if isinstance(cell, str) else str(cell)


_FREE_TEXT = str | None


def _conversion(annotation: Any) -> Callable[[Cell], Cell]:
    """By the field's type, so a new yes/no or date field reads like the ones there are."""
    conversions: dict[Any, Callable[[Cell], Cell]] = {
        bool: _yes_no,
        date | None: _date,
        date: _date,
        float: _ratio,
        frozenset[Difficulty]: _difficulties,
        _FREE_TEXT: _text,
        AwareDatetime | None: _instant,
    }
    return conversions.get(annotation, _as_it_is)


def _instant(cell: Cell) -> Cell:
    """A time of day in Shanghai unless the cell says otherwise (.xlsx times carry no zone)."""
    if isinstance(cell, str) and cell.strip():
        try:
            cell = datetime.fromisoformat(cell.strip())
        except ValueError:
            return cell  # the model's error names the column
    if isinstance(cell, datetime) and cell.tzinfo is None:
        return cell.replace(tzinfo=SHANGHAI)
    return _text(cell)


def _as_it_is(cell: Cell) -> Cell:
    return cell


def report_cells(report: WeeklyReport) -> list[Cell]:
    """A report as the template's row (the example row), read back by `read_row` as itself."""
    cells: list[Cell] = []
    for column in COLUMNS:
        value: Any = report
        for part in column.field.split("."):
            value = getattr(value, part)
        cells.append(_cell_of(value))
    return cells


def _cell_of(value: Any) -> Cell:
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, frozenset):
        return "、".join(DIFFICULTY_LABELS[d] for d in Difficulty if d in value)
    return value
