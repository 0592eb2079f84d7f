from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CountOut")


@_attrs_define
class CountOut:
    """Registrations and interests in one posting, enterprise or origin region.

    Attributes:
        value (str):
        registrations (int):
        interests (int):
    """

    value: str
    registrations: int
    interests: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        value = self.value

        registrations = self.registrations

        interests = self.interests

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "value": value,
                "registrations": registrations,
                "interests": interests,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        value = d.pop("value")

        registrations = d.pop("registrations")

        interests = d.pop("interests")

        count_out = cls(
            value=value,
            registrations=registrations,
            interests=interests,
        )

        count_out.additional_properties = d
        return count_out

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
