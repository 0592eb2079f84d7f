from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="FairPostingOut")


@_attrs_define
class FairPostingOut:
    """A posting the fair shows: its enterprise's own, published, with places left.

    Attributes:
        posting_id (str):
        credit_code (str):
        title (str):
        occupation_code (str):
        district_code (str):
        open_vacancies (int):
    """

    posting_id: str
    credit_code: str
    title: str
    occupation_code: str
    district_code: str
    open_vacancies: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        posting_id = self.posting_id

        credit_code = self.credit_code

        title = self.title

        occupation_code = self.occupation_code

        district_code = self.district_code

        open_vacancies = self.open_vacancies

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "posting_id": posting_id,
                "credit_code": credit_code,
                "title": title,
                "occupation_code": occupation_code,
                "district_code": district_code,
                "open_vacancies": open_vacancies,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        posting_id = d.pop("posting_id")

        credit_code = d.pop("credit_code")

        title = d.pop("title")

        occupation_code = d.pop("occupation_code")

        district_code = d.pop("district_code")

        open_vacancies = d.pop("open_vacancies")

        fair_posting_out = cls(
            posting_id=posting_id,
            credit_code=credit_code,
            title=title,
            occupation_code=occupation_code,
            district_code=district_code,
            open_vacancies=open_vacancies,
        )

        fair_posting_out.additional_properties = d
        return fair_posting_out

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
