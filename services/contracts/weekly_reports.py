"""The weekly return-to-work report (重点企业返工状况周报) an enterprise sends about itself."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, NonNegativeInt, model_validator

from services.contracts.identifiers import CreditCode, IsoWeek, week_bounds

WEEKLY_REPORT_SUBMITTED = "cn.fugong.monitoring.weekly-report.submitted.v1"


class NotYetReturned(BaseModel):
    """Employees from before the holiday who are not back yet, by reason."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    outside_shanghai: NonNegativeInt = 0
    in_high_risk_region: NonNegativeInt = 0
    in_quarantine: NonNegativeInt = 0
    other: NonNegativeInt = 0

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
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    credit_code: CreditCode
    week: IsoWeek
    employees_before_holiday: NonNegativeInt
    on_duty: NonNegativeInt
    working_remotely: NonNegativeInt = 0
    not_yet_returned: NotYetReturned = NotYetReturned()
    resumed: bool
    resumed_on: date | None = None
    capacity_ratio: float = Field(ge=0, le=1, description="share of normal production capacity")
    planned_staffing: NonNegativeInt = Field(description="head-count the enterprise plans to have")
    recruitment_demand: NonNegativeInt = Field(0, description="people sought this week")
    hires: NonNegativeInt = Field(0, description="people hired this week")
    separations: NonNegativeInt = Field(0, description="people who left this week")
    open_vacancies: NonNegativeInt = 0
    surplus_staff_available: NonNegativeInt = Field(0, description="staff it could lend out")
    difficulties: frozenset[Difficulty] = frozenset()
    difficulties_note: str | None = Field(default=None, max_length=500)

    @model_validator(mode="after")
    def _head_counts_add_up(self) -> Self:
        back = self.on_duty + self.working_remotely
        if self.on_duty > self.employees_before_holiday:
            raise ValueError(
                f"on_duty ({self.on_duty}) must not exceed "
                f"employees_before_holiday ({self.employees_before_holiday})"
            )
        if back > self.employees_before_holiday:
            raise ValueError(
                f"on_duty + working_remotely ({back}) must not exceed "
                f"employees_before_holiday ({self.employees_before_holiday})"
            )
        missing = self.employees_before_holiday - back
        if self.not_yet_returned.total != missing:
            raise ValueError(
                f"not_yet_returned reasons add up to {self.not_yet_returned.total} but "
                f"employees_before_holiday - on_duty - working_remotely is {missing}; "
                "every employee not back must have one reason"
            )
        return self

    @model_validator(mode="after")
    def _resumption_is_consistent(self) -> Self:
        if self.resumed and self.resumed_on is None:
            raise ValueError("resumed_on is required when resumed is true")
        if not self.resumed and self.resumed_on is not None:
            raise ValueError("resumed_on must be empty when resumed is false")
        if self.resumed_on is not None and self.resumed_on > week_bounds(self.week)[1]:
            raise ValueError(f"resumed_on ({self.resumed_on}) is after the end of week {self.week}")
        return self
