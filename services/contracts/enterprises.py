"""Enterprise registration: who an enterprise is and which monitoring roles it plays."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_serializer,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from services.contracts.identifiers import (
    SHANGHAI,
    CreditCode,
    DistrictCode,
    IndustryDivisionCode,
    section_of_division,
)
from services.contracts.identifiers.phones import MobilePhone

ENTERPRISE_REGISTERED = "cn.fugong.enterprise.registered.v1"


class EnterpriseSize(StrEnum):
    """Size classes of the national statistical standard (大型/中型/小型/微型)."""

    LARGE = "large"
    MEDIUM = "medium"
    SMALL = "small"
    MICRO = "micro"


class MonitoringRole(StrEnum):
    UNEMPLOYMENT_SAMPLE = "unemployment_sample"  # 失业动态监测样本企业
    RETURN_TO_WORK_MONITORING = "return_to_work_monitoring"  # 返工定点监测企业
    KEY_ENTERPRISE = "key_enterprise"  # 重点企业


DESIGNATED_TO_REPORT = frozenset(
    {MonitoringRole.RETURN_TO_WORK_MONITORING, MonitoringRole.KEY_ENTERPRISE}
)
"""Roles that oblige an enterprise to send the weekly return-to-work report."""


class KeyEnterpriseCategory(StrEnum):
    """The four kinds of key enterprise the notice names (三(一))."""

    CITY_OPERATIONS = "city_operations"  # 城市运行保障
    EPIDEMIC_PREVENTION = "epidemic_prevention"  # 疫情防控
    DAILY_NECESSITIES = "daily_necessities"  # 群众生活必需
    NATIONAL_ECONOMY = "national_economy"  # 重要国计民生


class Registrant(StrEnum):
    """Who sent a registration: bureaus assign monitoring roles, enterprises cannot."""

    BUREAU = "bureau"
    ENTERPRISE = "enterprise"


class Contact(BaseModel):
    """The enterprise's contact for the employment service (personal data: never logged)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1, max_length=50)
    phone: MobilePhone
    title: str | None = Field(default=None, max_length=50)


class EnterpriseDetails(BaseModel):
    """What a registration states about an enterprise, whoever sends it.

    The event's payload adds who sent it; the gateway's request model derives from this class, so
    a field added here reaches the API and the event alike, and the payload's own fields never
    reach the API.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    credit_code: CreditCode
    name: str = Field(min_length=2, max_length=100)
    district_code: DistrictCode
    industry_division: IndustryDivisionCode
    size: EnterpriseSize
    monitoring_roles: frozenset[MonitoringRole] = frozenset()
    key_enterprise_category: KeyEnterpriseCategory | None = None
    contact: Contact
    monitored_from: date | None = Field(
        None,
        description="first day of the monitoring period, when a bureau imports its register after "
        "the fact (the list it drew up on that day): the enterprise is expected to report for "
        "every week whose deadline falls on or after it. Left out: from when the registration "
        "is received. Only the bureaus may state it; not after today",
    )
    monitored_until: date | None = Field(
        None,
        description="last day of the monitoring period: no report is expected for a week that "
        "begins after it. Left out: as stated before (open-ended if never); null stated "
        "explicitly: open-ended again, the enterprise expected from the week after the end "
        "stated before. Only the bureaus may state it",
    )

    @field_serializer("monitoring_roles")
    def _roles_in_order(self, roles: frozenset[MonitoringRole]) -> list[str]:
        # Sets serialise in a per-process order; events and request fingerprints must not.
        return sorted(role.value for role in roles)

    @property
    def industry_section(self) -> str:
        return section_of_division(self.industry_division)

    @field_validator("monitored_from")
    @classmethod
    def _period_has_begun(cls, start: date | None) -> date | None:
        today = datetime.now(SHANGHAI).date()
        if start is not None and start > today:
            raise PydanticCustomError(
                "monitored_from_in_future",
                "monitored_from ({day}) is after today ({today} in Shanghai): a period that has "
                "not begun is registered when it begins",
                {"day": str(start), "today": str(today)},
            )
        return start

    @field_validator("monitored_until")
    @classmethod
    def _period_ends_after_it_begins(cls, end: date | None, info: ValidationInfo) -> date | None:
        start = info.data.get("monitored_from")
        if start is not None and end is not None and end < start:
            raise PydanticCustomError(
                "monitored_until_before_monitored_from",
                "monitored_until ({end}) is before monitored_from ({start})",
                {"end": str(end), "start": str(start)},
            )
        return end

    @model_validator(mode="after")
    def _key_enterprises_have_a_category(self) -> Self:
        is_key = MonitoringRole.KEY_ENTERPRISE in self.monitoring_roles
        if is_key and self.key_enterprise_category is None:
            raise ValueError(
                "key_enterprise_category is required when monitoring_roles includes key_enterprise"
            )
        if not is_key and self.key_enterprise_category is not None:
            raise ValueError(
                "key_enterprise_category is only allowed when monitoring_roles includes "
                "key_enterprise"
            )
        return self


class EnterpriseRegistration(EnterpriseDetails):
    """Payload of `cn.fugong.enterprise.registered.v1`; a later one replaces an earlier one."""

    registered_by: Registrant = Field(
        Registrant.ENTERPRISE,
        description="set by the gateway from the caller: an enterprise's own registration keeps "
        "the monitoring roles the bureaus assigned it. Missing, it is read as the enterprise's "
        "own (the least a registration may do): a record that did not come through the gateway "
        "cannot assign roles by leaving the field out",
    )
    monitored_until_cleared: bool = Field(
        False,
        description="set by the gateway: the bureau stated `monitored_until` as null, so the "
        "monitoring period is open-ended again (false: a `monitored_until` left out keeps the "
        "end stated before)",
    )

    @model_validator(mode="after")
    def _cleared_states_no_end(self) -> Self:
        if self.monitored_until_cleared and self.monitored_until is not None:
            raise ValueError("monitored_until_cleared with a monitored_until: state one or other")
        return self
