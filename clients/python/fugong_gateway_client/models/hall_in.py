from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="HallIn")


@_attrs_define
class HallIn:
    """A service hall's name, address and opening hours.

    Attributes:
        name (str):
        address (str):
        opens_at (str | Unset): HH:MM on the Shanghai clock Default: '09:00'.
        closes_at (str | Unset): HH:MM on the Shanghai clock Default: '17:00'.
    """

    name: str
    address: str
    opens_at: str | Unset = "09:00"
    closes_at: str | Unset = "17:00"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        address = self.address

        opens_at = self.opens_at

        closes_at = self.closes_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "address": address,
            }
        )
        if opens_at is not UNSET:
            field_dict["opens_at"] = opens_at
        if closes_at is not UNSET:
            field_dict["closes_at"] = closes_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        address = d.pop("address")

        opens_at = d.pop("opens_at", UNSET)

        closes_at = d.pop("closes_at", UNSET)

        hall_in = cls(
            name=name,
            address=address,
            opens_at=opens_at,
            closes_at=closes_at,
        )

        hall_in.additional_properties = d
        return hall_in

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
