from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="HallOut")


@_attrs_define
class HallOut:
    """A service hall of the register.

    Attributes:
        code (str):
        district_code (str):
        district_name (str):
        name (str):
        address (str):
        opens_at (str): HH:MM on the Shanghai clock
        closes_at (str): HH:MM on the Shanghai clock
    """

    code: str
    district_code: str
    district_name: str
    name: str
    address: str
    opens_at: str
    closes_at: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        district_code = self.district_code

        district_name = self.district_name

        name = self.name

        address = self.address

        opens_at = self.opens_at

        closes_at = self.closes_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "district_code": district_code,
                "district_name": district_name,
                "name": name,
                "address": address,
                "opens_at": opens_at,
                "closes_at": closes_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        district_code = d.pop("district_code")

        district_name = d.pop("district_name")

        name = d.pop("name")

        address = d.pop("address")

        opens_at = d.pop("opens_at")

        closes_at = d.pop("closes_at")

        hall_out = cls(
            code=code,
            district_code=district_code,
            district_name=district_name,
            name=name,
            address=address,
            opens_at=opens_at,
            closes_at=closes_at,
        )

        hall_out.additional_properties = d
        return hall_out

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
