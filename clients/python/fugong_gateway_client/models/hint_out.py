from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="HintOut")


@_attrs_define
class HintOut:
    """Monitoring's weekly report says the enterprise has surplus staff, and it has declared
    none for sharing: a prompt to declare them.

        Attributes:
            credit_code (str):
            district_code (str):
            week (str):
            surplus_staff_available (int):
            prompt (str):
    """

    credit_code: str
    district_code: str
    week: str
    surplus_staff_available: int
    prompt: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        credit_code = self.credit_code

        district_code = self.district_code

        week = self.week

        surplus_staff_available = self.surplus_staff_available

        prompt = self.prompt

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "credit_code": credit_code,
                "district_code": district_code,
                "week": week,
                "surplus_staff_available": surplus_staff_available,
                "prompt": prompt,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        credit_code = d.pop("credit_code")

        district_code = d.pop("district_code")

        week = d.pop("week")

        surplus_staff_available = d.pop("surplus_staff_available")

        prompt = d.pop("prompt")

        hint_out = cls(
            credit_code=credit_code,
            district_code=district_code,
            week=week,
            surplus_staff_available=surplus_staff_available,
            prompt=prompt,
        )

        hint_out.additional_properties = d
        return hint_out

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
