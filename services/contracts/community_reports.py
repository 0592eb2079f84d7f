"""Community monitoring points (社区外来人员就业情况监测点) and their weekly reports on migrants."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from services.contracts.identifiers import (
    IsoWeek,
    TownCode,
    district_of_town,
    validate_week_has_begun,
)

COMMUNITY_POINT_REGISTERED = "cn.fugong.monitoring.community-point.registered.v1"
COMMUNITY_REPORT_SUBMITTED = "cn.fugong.monitoring.community-report.submitted.v1"


MigrantCount = Annotated[int, Field(ge=0, le=5_000_000)]
"""People in one street or town: the largest have a few hundred thousand migrant workers."""

TownName = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=50),
    Field(description="the street or town's Chinese name", examples=["潍坊新村街道"]),
]


def _at_most(limit_field: str, rule: str) -> Callable[[int, ValidationInfo], int]:
    """A validator refusing a count larger than the earlier count in `limit_field`."""

    def check(count: int, info: ValidationInfo) -> int:
        limit = info.data.get(limit_field)  # absent when that field is wrong; its error says so
        if limit is not None and count > limit:
            raise PydanticCustomError(
                rule,
                "{field} ({count}) must not exceed {limit_field} ({limit})",
                {
                    "field": info.field_name,
                    "count": count,
                    "limit_field": limit_field,
                    "limit": limit,
                },
            )
        return count

    return check


class CommunityPointRegistration(BaseModel):
    """Payload of `cn.fugong.monitoring.community-point.registered.v1`.

    A street or town becomes a monitoring point when its district's officials register it; a
    later registration of the same town replaces the earlier one.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    town_code: TownCode
    name: TownName

    @property
    def district_code(self) -> str:
        return district_of_town(self.town_code)


class CommunityReport(BaseModel):
    """Payload of `cn.fugong.monitoring.community-report.submitted.v1`.

    Counts of the migrant workers (外来从业人员) the point's street or town keeps on its register:
      migrants_registered    登记在册: everyone on the register, back in Shanghai or not
      returned_to_shanghai   已返沪: those of them who are back in Shanghai
      employed               已返沪且在岗/已就业: back, and at work or with a job to go to
      seeking_work           已返沪求职中: back, and looking for work
      in_quarantine          已返沪隔离观察中: back, and under quarantine observation; checked
                             only against returned_to_shanghai, since someone in quarantine may
                             already have a job or be looking for one
    A later report for the same town and week replaces the earlier one.

    Rules between fields are checked on the later field, so an error names the field to fix.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    town_code: TownCode
    week: IsoWeek
    migrants_registered: MigrantCount
    returned_to_shanghai: MigrantCount
    employed: MigrantCount
    seeking_work: MigrantCount
    in_quarantine: MigrantCount
    note: str | None = Field(default=None, max_length=500)

    _week_has_begun = field_validator("week")(validate_week_has_begun)

    _returned_within_registered = field_validator("returned_to_shanghai")(
        _at_most("migrants_registered", "exceeds_registered")
    )
    _within_returned = field_validator("employed", "in_quarantine")(
        _at_most("returned_to_shanghai", "exceeds_returned")
    )

    @field_validator("seeking_work")
    @classmethod
    def _employed_and_seeking_within_returned(cls, seeking: int, info: ValidationInfo) -> int:
        returned, employed = info.data.get("returned_to_shanghai"), info.data.get("employed")
        if returned is not None and employed is not None and employed + seeking > returned:
            raise PydanticCustomError(
                "exceeds_returned",
                "employed + seeking_work ({total}) must not exceed returned_to_shanghai "
                "({returned})",
                {"total": employed + seeking, "returned": returned},
            )
        return seeking
