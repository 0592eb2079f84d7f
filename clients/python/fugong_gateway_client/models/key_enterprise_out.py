from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.key_enterprise_category import KeyEnterpriseCategory
from ..types import UNSET, Unset

T = TypeVar("T", bound="KeyEnterpriseOut")


@_attrs_define
class KeyEnterpriseOut:
    """A key enterprise, its category (三(一)), its service officer and its open demand.

    Attributes:
        credit_code (str):
        name (str):
        district_code (str):
        industry_section (str):
        key_category (KeyEnterpriseCategory): The four kinds of key enterprise the notice names (三(一)).
        open_postings (int):
        open_vacancies (int):
        officer_staff_id (None | str | Unset): null: no officer assigned yet
    """

    credit_code: str
    name: str
    district_code: str
    industry_section: str
    key_category: KeyEnterpriseCategory
    open_postings: int
    open_vacancies: int
    officer_staff_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        credit_code = self.credit_code

        name = self.name

        district_code = self.district_code

        industry_section = self.industry_section

        key_category = self.key_category.value

        open_postings = self.open_postings

        open_vacancies = self.open_vacancies

        officer_staff_id: None | str | Unset
        if isinstance(self.officer_staff_id, Unset):
            officer_staff_id = UNSET
        else:
            officer_staff_id = self.officer_staff_id

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
        if officer_staff_id is not UNSET:
            field_dict["officer_staff_id"] = officer_staff_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        credit_code = d.pop("credit_code")

        name = d.pop("name")

        district_code = d.pop("district_code")

        industry_section = d.pop("industry_section")

        key_category = KeyEnterpriseCategory(d.pop("key_category"))

        open_postings = d.pop("open_postings")

        open_vacancies = d.pop("open_vacancies")

        def _parse_officer_staff_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        officer_staff_id = _parse_officer_staff_id(d.pop("officer_staff_id", UNSET))

        key_enterprise_out = cls(
            credit_code=credit_code,
            name=name,
            district_code=district_code,
            industry_section=industry_section,
            key_category=key_category,
            open_postings=open_postings,
            open_vacancies=open_vacancies,
            officer_staff_id=officer_staff_id,
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
