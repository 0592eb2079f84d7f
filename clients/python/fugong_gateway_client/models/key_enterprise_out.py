from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="KeyEnterpriseOut")


@_attrs_define
class KeyEnterpriseOut:
    """A key enterprise and its open demand.

    Attributes:
        credit_code (str):
        name (str):
        district_code (str):
        industry_section (str):
        key_category (str):
        open_postings (int):
        open_vacancies (int):
    """

    credit_code: str
    name: str
    district_code: str
    industry_section: str
    key_category: str
    open_postings: int
    open_vacancies: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        credit_code = self.credit_code

        name = self.name

        district_code = self.district_code

        industry_section = self.industry_section

        key_category = self.key_category

        open_postings = self.open_postings

        open_vacancies = self.open_vacancies

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "credit_code": credit_code,
                "name": name,
                "district_code": district_code,
                "industry_section": industry_section,
                "key_category": key_category,
                "open_postings": open_postings,
                "open_vacancies": open_vacancies,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        credit_code = d.pop("credit_code")

        name = d.pop("name")

        district_code = d.pop("district_code")

        industry_section = d.pop("industry_section")

        key_category = d.pop("key_category")

        open_postings = d.pop("open_postings")

        open_vacancies = d.pop("open_vacancies")

        key_enterprise_out = cls(
            credit_code=credit_code,
            name=name,
            district_code=district_code,
            industry_section=industry_section,
            key_category=key_category,
            open_postings=open_postings,
            open_vacancies=open_vacancies,
        )

        key_enterprise_out.additional_properties = d
        return key_enterprise_out

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
