"""The weekly return-to-work report (重点企业返工状况周报) an enterprise sends about itself."""

from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum
from typing import Annotated

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_serializer,
    field_validator,
)
from pydantic_core import PydanticCustomError

from services.contracts.identifiers import (
    SHANGHAI,
    CreditCode,
    IsoWeek,
    validate_week_has_begun,
    week_bounds,
)

WEEKLY_REPORT_SUBMITTED = "cn.fugong.monitoring.weekly-report.submitted.v1"


HeadCount = Annotated[int, Field(ge=0, le=1_000_000)]
"""People at one enterprise: Shanghai's largest employers have well under a million."""


class NotYetReturned(BaseModel):
    """Employees from before the holiday who are not back yet, by reason."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    outside_shanghai: HeadCount = 0
    in_high_risk_region: HeadCount = 0
    in_quarantine: HeadCount = 0
    other: HeadCount = 0

    @property
    def total(self) -> int:
        return self.outside_shanghai + self.in_high_risk_region + self.in_quarantine + self.other


class Difficulty(StrEnum):
    STAFF_SHORTAGE = "staff_shortage"  # 用工短缺
    SUPPLY_CHAIN = "supply_chain"  # 原材料与供应链
    PREVENTION_SUPPLIES = "prevention_supplies"  # 防疫物资
    CASH_FLOW = "cash_flow"  # 资金周转
    LOGISTICS = "logistics"  # 物流运输
    ORDERS = "orders"  # 订单不足
    OTHER = "other"


class WeeklyReport(BaseModel):
    """Payload of `cn.fugong.monitoring.weekly-report.submitted.v1`.

    Head-counts are of the employees on the payroll before the Spring Festival holiday: each of
    them is on duty (on site), working remotely, or not yet returned for one of the listed reasons.
    A later report for the same enterprise and week replaces the earlier one.

    Rules between fields are checked on the later field, so an error names the field to fix.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    credit_code: CreditCode
    week: IsoWeek
    employees_before_holiday: HeadCount
    on_duty: HeadCount
    working_remotely: HeadCount = 0
    not_yet_returned: NotYetReturned = NotYetReturned()
    resumed: bool
    resumed_on: date | None = Field(None, validate_default=True)
    capacity_ratio: float = Field(ge=0, le=1, description="share of normal production capacity")
    planned_staffing: HeadCount = Field(description="head-count the enterprise plans to have")
    recruitment_demand: HeadCount = Field(0, description="people sought this week")
    hires: HeadCount = Field(0, description="people hired this week")
    separations: HeadCount = Field(0, description="people who left this week")
    open_vacancies: HeadCount = 0
    surplus_staff_available: HeadCount = Field(0, description="staff it could lend out")
    difficulties: frozenset[Difficulty] = frozenset()
    difficulties_note: str | None = Field(default=None, max_length=500)
    received_at: AwareDatetime | None = Field(
        None,
        description="when a bureau received the report it passes on after the fact (a paper "
        "form, a district's spreadsheet): the report counts as sent then, on time or late. Left "
        "out: when it is accepted. Only the bureaus may state it; not before the week began, "
        "not in the future",
    )

    @field_serializer("difficulties")
    def _difficulties_in_order(self, difficulties: frozenset[Difficulty]) -> list[str]:
        # Sets serialise in a per-process order; events and request fingerprints must not.
        return sorted(d.value for d in difficulties)

    _week_has_begun = field_validator("week")(validate_week_has_begun)

    @field_validator("on_duty")
    @classmethod
    def _on_duty_within_staff(cls, on_duty: int, info: ValidationInfo) -> int:
        employees = info.data.get("employees_before_holiday")
        if employees is not None and on_duty > employees:
            raise PydanticCustomError(
                "exceeds_employees",
                "on_duty ({on_duty}) must not exceed employees_before_holiday ({employees})",
                {"on_duty": on_duty, "employees": employees},
            )
        return on_duty

    @field_validator("working_remotely")
    @classmethod
    def _back_within_staff(cls, remote: int, info: ValidationInfo) -> int:
        employees, on_duty = info.data.get("employees_before_holiday"), info.data.get("on_duty")
        if employees is not None and on_duty is not None and on_duty + remote > employees:
            raise PydanticCustomError(
                "exceeds_employees",
                "on_duty + working_remotely ({back}) must not exceed "
                "employees_before_holiday ({employees})",
                {"back": on_duty + remote, "employees": employees},
            )
        return remote

    @field_validator("not_yet_returned", mode="after")
    @classmethod
    def _reasons_add_up(cls, missing: NotYetReturned, info: ValidationInfo) -> NotYetReturned:
        counts = [info.data.get(f) for f in ("employees_before_holiday", "on_duty")]
        remote = info.data.get("working_remotely")
        if None in counts or remote is None:
            return missing  # an earlier field is already wrong; its error says so
        expected = counts[0] - counts[1] - remote  # type: ignore[operator]
        if missing.total != expected:
            raise PydanticCustomError(
                "reasons_do_not_add_up",
                "not_yet_returned reasons add up to {total} but employees_before_holiday - "
                "on_duty - working_remotely is {expected}; every employee not back needs "
                "exactly one reason",
                {"total": missing.total, "expected": expected},
            )
        return missing

    @field_validator("received_at")
    @classmethod
    def _received_within_reason(
        cls, received_at: datetime | None, info: ValidationInfo
    ) -> datetime | None:
        week = info.data.get("week")
        if received_at is None or week is None:
            return received_at
        began = datetime.combine(week_bounds(week)[0], time(0), SHANGHAI)
        if received_at < began:
            raise PydanticCustomError(
                "received_before_the_week",
                "received_at ({at}) is before week {week} began",
                {"at": received_at.isoformat(), "week": week},
            )
        if received_at > datetime.now(SHANGHAI):
            raise PydanticCustomError(
                "received_in_future",
                "received_at ({at}) is in the future",
                {"at": received_at.isoformat()},
            )
        return received_at

    @field_validator("resumed_on")
    @classmethod
    def _resumption_is_consistent(
        cls, resumed_on: date | None, info: ValidationInfo
    ) -> date | None:
        resumed, week = info.data.get("resumed"), info.data.get("week")
        if resumed and resumed_on is None:
            raise PydanticCustomError(
                "required_when_resumed", "resumed_on is required when resumed is true"
            )
        if resumed is False and resumed_on is not None:
            raise PydanticCustomError(
                "only_when_resumed", "resumed_on must be empty when resumed is false"
            )
        if resumed_on is not None and week is not None and resumed_on > week_bounds(week)[1]:
            raise PydanticCustomError(
                "after_the_week",
                "resumed_on ({resumed_on}) is after the end of week {week}",
                {"resumed_on": str(resumed_on), "week": week},
            )
        return resumed_on
