"""Early warnings monitoring raises (六), and officials' acknowledgements of them."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from services.contracts.identifiers import IsoWeek

EARLY_WARNING_RAISED = "cn.fugong.monitoring.early-warning.raised.v1"
WARNING_ACKNOWLEDGED = "cn.fugong.monitoring.early-warning.acknowledged.v1"


class WarningRule(StrEnum):
    FILL_RATE_FALLING = "fill_rate_falling"
    RETURN_STALLED = "return_stalled"
    SEPARATIONS_HIGH = "separations_high"
    MIGRANT_EMPLOYMENT_FALLING = "migrant_employment_falling"


RULE_DESCRIPTIONS: dict[WarningRule, str] = {
    WarningRule.FILL_RATE_FALLING: "招聘满足率 fell from the week before by the configured "
    "points or more",
    WarningRule.RETURN_STALLED: "返岗率 below target and barely rising for the configured weeks",
    WarningRule.SEPARATIONS_HIGH: "离职率 at or above the configured share",
    WarningRule.MIGRANT_EMPLOYMENT_FALLING: "外来人员就业率 fell from the week before by the "
    "configured points or more",
}
RULE_NAMES_ZH: dict[WarningRule, str] = {
    WarningRule.FILL_RATE_FALLING: "招聘满足率较上周明显下降",
    WarningRule.RETURN_STALLED: "返岗率低于目标且连续数周几乎没有回升",
    WarningRule.SEPARATIONS_HIGH: "离职率偏高",
    WarningRule.MIGRANT_EMPLOYMENT_FALLING: "外来人员就业率较上周明显下降",
}
"""Each rule as officials read it (the console), beside its description for the API."""

WarningId = Annotated[
    str, Field(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
]


class EarlyWarningRaised(BaseModel):
    """Payload of `cn.fugong.monitoring.early-warning.raised.v1`: a rule, where, and why."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    warning_id: WarningId
    rule: WarningRule
    week: IsoWeek
    district_code: str | None = Field(None, description="null: the whole city")
    industry_section: str | None = Field(None, description="null: every industry")
    figures: dict[str, float | None] = Field(description="the figures that raised it")


class WarningAcknowledgement(BaseModel):
    """Payload of `cn.fugong.monitoring.early-warning.acknowledged.v1`.

    `acknowledged_by` is the official's principal, set by the gateway from the API key.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    warning_id: WarningId
    acknowledged_by: str = Field(min_length=1, max_length=64)
    note: str | None = Field(None, max_length=500)
