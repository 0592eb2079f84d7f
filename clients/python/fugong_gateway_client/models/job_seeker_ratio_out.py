from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.job_seeker_ratio_figures import JobSeekerRatioFigures


T = TypeVar("T", bound="JobSeekerRatioOut")


@_attrs_define
class JobSeekerRatioOut:
    """求人倍率 now, for a district or the city (and then per district).

    Attributes:
        scope (str): the district code asked for, or 'city'
        definition (str):
        total (JobSeekerRatioFigures): 求人倍率 of a district or the city, with the counts it is made of.
        by_district (list[JobSeekerRatioFigures]): each district with vacancies or job seekers (city scope only)
    """

    scope: str
    definition: str
    total: JobSeekerRatioFigures
    by_district: list[JobSeekerRatioFigures]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        scope = self.scope

        definition = self.definition

        total = self.total.to_dict()

        by_district = []
        for by_district_item_data in self.by_district:
            by_district_item = by_district_item_data.to_dict()
            by_district.append(by_district_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "scope": scope,
                "definition": definition,
                "total": total,
                "by_district": by_district,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.job_seeker_ratio_figures import JobSeekerRatioFigures  # noqa: PLC0415

        d = dict(src_dict)
        scope = d.pop("scope")

        definition = d.pop("definition")

        total = JobSeekerRatioFigures.from_dict(d.pop("total"))

        by_district = []
        _by_district = d.pop("by_district")
        for by_district_item_data in _by_district:
            by_district_item = JobSeekerRatioFigures.from_dict(by_district_item_data)

            by_district.append(by_district_item)

        job_seeker_ratio_out = cls(
            scope=scope,
            definition=definition,
            total=total,
            by_district=by_district,
        )

        job_seeker_ratio_out.additional_properties = d
        return job_seeker_ratio_out

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
