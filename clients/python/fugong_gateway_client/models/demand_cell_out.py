from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DemandCellOut")


@_attrs_define
class DemandCellOut:
    """One cell of a list: a district, industry section and occupation group.

    Attributes:
        district_code (str):
        district_name (str):
        industry_section (str):
        occupation_group (str): 职业分类大典 major group, 1 to 8
        open_postings (int):
        open_vacancies (int): headcount - filled of published open postings
        updated_at (datetime.datetime):
    """

    district_code: str
    district_name: str
    industry_section: str
    occupation_group: str
    open_postings: int
    open_vacancies: int
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        district_code = self.district_code

        district_name = self.district_name

        industry_section = self.industry_section

        occupation_group = self.occupation_group

        open_postings = self.open_postings

        open_vacancies = self.open_vacancies

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "district_code": district_code,
                "district_name": district_name,
                "industry_section": industry_section,
                "occupation_group": occupation_group,
                "open_postings": open_postings,
                "open_vacancies": open_vacancies,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        district_code = d.pop("district_code")

        district_name = d.pop("district_name")

        industry_section = d.pop("industry_section")

        occupation_group = d.pop("occupation_group")

        open_postings = d.pop("open_postings")

        open_vacancies = d.pop("open_vacancies")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        demand_cell_out = cls(
            district_code=district_code,
            district_name=district_name,
            industry_section=industry_section,
            occupation_group=occupation_group,
            open_postings=open_postings,
            open_vacancies=open_vacancies,
            updated_at=updated_at,
        )

        demand_cell_out.additional_properties = d
        return demand_cell_out

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
