from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.compliance_counts import ComplianceCounts
    from ..models.district_compliance import DistrictCompliance
    from ..models.enterprise_compliance import EnterpriseCompliance


T = TypeVar("T", bound="ComplianceOut")


@_attrs_define
class ComplianceOut:
    """A week's reporting compliance for the city or a district, and who was late or missing.

    Attributes:
        week (str):
        scope (str): the district code asked for, or 'city'
        deadline (datetime.datetime | None): null until the week's deadline has passed
        total (ComplianceCounts): How many designated enterprises reported on time, late, or not at all.
        by_district (list[DistrictCompliance]): per district (city scope only)
        late_or_missing (list[EnterpriseCompliance]):
    """

    week: str
    scope: str
    deadline: datetime.datetime | None
    total: ComplianceCounts
    by_district: list[DistrictCompliance]
    late_or_missing: list[EnterpriseCompliance]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        week = self.week

        scope = self.scope

        deadline: None | str
        if isinstance(self.deadline, datetime.datetime):
            deadline = self.deadline.isoformat()
        else:
            deadline = self.deadline

        total = self.total.to_dict()

        by_district = []
        for by_district_item_data in self.by_district:
            by_district_item = by_district_item_data.to_dict()
            by_district.append(by_district_item)

        late_or_missing = []
        for late_or_missing_item_data in self.late_or_missing:
            late_or_missing_item = late_or_missing_item_data.to_dict()
            late_or_missing.append(late_or_missing_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "week": week,
                "scope": scope,
                "deadline": deadline,
                "total": total,
                "by_district": by_district,
                "late_or_missing": late_or_missing,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.compliance_counts import ComplianceCounts  # noqa: PLC0415
        from ..models.district_compliance import DistrictCompliance  # noqa: PLC0415
        from ..models.enterprise_compliance import EnterpriseCompliance  # noqa: PLC0415

        d = dict(src_dict)
        week = d.pop("week")

        scope = d.pop("scope")

        def _parse_deadline(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                deadline_type_0 = datetime.datetime.fromisoformat(data)

                return deadline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        deadline = _parse_deadline(d.pop("deadline"))

        total = ComplianceCounts.from_dict(d.pop("total"))

        by_district = []
        _by_district = d.pop("by_district")
        for by_district_item_data in _by_district:
            by_district_item = DistrictCompliance.from_dict(by_district_item_data)

            by_district.append(by_district_item)

        late_or_missing = []
        _late_or_missing = d.pop("late_or_missing")
        for late_or_missing_item_data in _late_or_missing:
            late_or_missing_item = EnterpriseCompliance.from_dict(late_or_missing_item_data)

            late_or_missing.append(late_or_missing_item)

        compliance_out = cls(
            week=week,
            scope=scope,
            deadline=deadline,
            total=total,
            by_district=by_district,
            late_or_missing=late_or_missing,
        )

        compliance_out.additional_properties = d
        return compliance_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
