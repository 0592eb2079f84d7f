"""What each console page shows, read through the API's own route functions: the same ports,
the same scope rules and the same models, so a figure on a page is the API's figure."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from services.contracts.identifiers import industry_section
from services.contracts.warnings import RULE_NAMES_ZH, WarningRule
from services.gateway.console.tables import Column, Kind, Table, local_minute, shown
from services.gateway.dependencies import GatewayResources
from services.gateway.domain.access import Principal
from services.gateway.routes import compliance as compliance_routes
from services.gateway.routes import indicators as indicator_routes
from services.gateway.routes import warnings as warning_routes
from services.gateway.routes.indicator_models import ScopedFigures

CHART_WEEKS = 8
"""How many reported weeks the overview's chart spans, up to the week shown."""


@dataclass(frozen=True)
class Indicator:
    key: str
    name: str
    kind: Kind
    change_kind: Kind


FIVE = (
    Indicator("return_rate", "返岗率", Kind.RATE, Kind.RATE_CHANGE),
    Indicator("resumption_rate", "复工率", Kind.RATE, Kind.RATE_CHANGE),
    Indicator("staffing_gap", "用工缺口（人）", Kind.COUNT, Kind.COUNT_CHANGE),
    Indicator("fill_rate", "招聘满足率", Kind.RATE, Kind.RATE_CHANGE),
    Indicator("separation_rate", "离职率", Kind.RATE, Kind.RATE_CHANGE),
)
"""The five indicators of the weekly report (seed 一(一)), in the order officials read them."""


def _figure_columns(first: Column) -> tuple[Column, ...]:
    columns = [first, Column("enterprises_reporting", "报送企业数", Kind.COUNT)]
    for indicator in FIVE:
        columns.append(Column(indicator.key, indicator.name, indicator.kind))
        columns.append(Column(f"{indicator.key}_change", "较上周", indicator.change_kind))
    return tuple(columns)


def _flat(figures: ScopedFigures) -> dict[str, Any]:
    row = figures.model_dump(exclude={"change"})
    row |= {f"{name}_change": value for name, value in figures.change.model_dump().items()}
    return row


@dataclass(frozen=True)
class Overview:
    week: str
    scope: str
    """The district's name, or 全市."""
    total: dict[str, Any]
    chart: dict[str, Any]
    tables: tuple[Table, ...]


async def overview(resources: GatewayResources, principal: Principal, week: str) -> Overview:
    answer = await indicator_routes.indicators(week=week, principal=principal, resources=resources)
    weeks = [w for w in await resources.views.reported_weeks() if w <= week][-CHART_WEEKS:]
    series: dict[str, list[float | int | None]] = {i.key: [] for i in FIVE}
    for each in weeks:
        earlier = (
            answer
            if each == week
            else await indicator_routes.indicators(
                week=each, principal=principal, resources=resources
            )
        )
        for indicator in FIVE:
            series[indicator.key].append(getattr(earlier.total, indicator.key))
    tables = [
        Table(
            "by-section",
            "按行业门类",
            _figure_columns(Column("industry_name", "行业门类")),
            [_flat(row) for row in answer.by_section],
        )
    ]
    if principal.district_code is None:
        tables.insert(
            0,
            Table(
                "by-district",
                "按区",
                _figure_columns(Column("district_name", "区")),
                [_flat(row) for row in answer.by_district],
            ),
        )
    return Overview(
        week=week,
        scope=answer.total.district_name or "全市",
        total=_flat(answer.total),
        chart={
            "weeks": weeks,
            "series": [
                {"key": i.key, "name": i.name, "kind": i.kind.value, "values": series[i.key]}
                for i in FIVE
            ],
        },
        tables=tuple(tables),
    )


@dataclass(frozen=True)
class Compliance:
    week: str
    deadline: datetime | None
    total: dict[str, Any]
    missing: tuple[tuple[str, str], ...]
    """Credit code and district of each enterprise in scope without a report."""
    tables: tuple[Table, ...]


STATUS_NAMES = {"on_time": "按时", "late": "逾期报送", "missing": "未报送"}

LATE_OR_MISSING = (
    Column("credit_code", "统一社会信用代码"),
    Column("name", "企业名称"),
    Column("district_name", "区"),
    Column("industry_section", "行业门类"),
    Column("status_name", "状态"),
    Column("reported_at", "报送时间"),
    Column("reminded_name", "已催报"),
)
COUNTS = (
    Column("expected", "应报", Kind.COUNT),
    Column("on_time", "按时", Kind.COUNT),
    Column("late", "逾期", Kind.COUNT),
    Column("missing", "未报", Kind.COUNT),
    Column("reminded", "已催报", Kind.COUNT),
)


async def compliance(resources: GatewayResources, principal: Principal, week: str) -> Compliance:
    answer = await compliance_routes.compliance(week=week, principal=principal, resources=resources)
    rows = [
        {
            **row.model_dump(),
            "status_name": STATUS_NAMES[row.status],
            "reported_at": local_minute(row.reported_at) if row.reported_at else None,
            "reminded_name": "是" if row.reminded else "否",
        }
        for row in answer.late_or_missing
    ]
    tables = [Table("late-or-missing", "逾期与未报送企业", LATE_OR_MISSING, rows)]
    if principal.district_code is None:
        tables.insert(
            0,
            Table(
                "by-district",
                "各区报送情况",
                (Column("district_name", "区"), *COUNTS),
                [row.model_dump() for row in answer.by_district],
            ),
        )
    return Compliance(
        week=week,
        deadline=answer.deadline,
        total=answer.total.model_dump(),
        missing=tuple(
            (row.credit_code, row.district_code)
            for row in answer.late_or_missing
            if row.status == "missing"
        ),
        tables=tuple(tables),
    )


FIGURE_NAMES = {i.key: i.name.split("（")[0] for i in FIVE} | {
    "migrant_employment_rate": "外来人员就业率",
    "migrant_return_rate": "外来人员返沪率",
}
STALL_WEEK = re.compile(r"(?P<base>\w+_rate)_change_(?P<weeks>\d+)_weeks_ago")


def _figure(key: str, value: float | None) -> str:
    """A figure that raised a warning, named and shown as officials read it: the rates (every
    figure a rule gives is one) as percentages, their changes in percentage points."""
    if stalled := STALL_WEEK.fullmatch(key):
        base, weeks = stalled["base"], int(stalled["weeks"])
        name = (
            FIGURE_NAMES.get(base, base) + ("本周" if weeks == 0 else f"{weeks}周前") + "较前一周"
        )
        kind = Kind.RATE_CHANGE
    elif key.endswith("_change"):
        name, kind = FIGURE_NAMES.get(key[:-7], key[:-7]) + "较上周", Kind.RATE_CHANGE
    else:
        name, kind = FIGURE_NAMES.get(key, key), Kind.RATE
    return f"{name} {shown(value, kind)}"


OPEN_WARNINGS = (
    Column("week", "周"),
    Column("district_name", "区"),
    Column("industry_section", "行业门类"),
    Column("rule_name", "预警规则", wrap=True),
    Column("figures_text", "触发数据", wrap=True),
    Column("raised_at", "发出时间"),
)


def _figures_text(figures: dict[str, float | None]) -> str:
    return "；".join(_figure(key, value) for key, value in figures.items())


async def open_warnings(resources: GatewayResources, principal: Principal) -> Table:
    answer = await warning_routes.early_warnings(
        principal=principal, resources=resources, district_code=None, state="open"
    )
    rows = [
        {
            **w.model_dump(),
            "district_name": w.district_name or "全市",
            "industry_section": (
                f"{w.industry_section} {industry_section(w.industry_section).name_zh}"
                if w.industry_section
                else "全部"
            ),
            "rule_name": RULE_NAMES_ZH[WarningRule(w.rule)],
            "figures_text": _figures_text(w.figures),
            "raised_at": local_minute(w.raised_at),
        }
        for w in answer.warnings
    ]
    return Table("open-warnings", "未处理的预警", OPEN_WARNINGS, rows)
