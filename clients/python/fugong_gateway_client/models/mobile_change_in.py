from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MobileChangeIn")


@_attrs_define
class MobileChangeIn:
    """The mobile you proved, and the one to use from now on.

    Attributes:
        current_mobile (str):
        new_mobile (str):
    """

    current_mobile: str
    new_mobile: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        current_mobile = self.current_mobile

        new_mobile = self.new_mobile

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "current_mobile": current_mobile,
                "new_mobile": new_mobile,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        current_mobile = d.pop("current_mobile")

        new_mobile = d.pop("new_mobile")

        mobile_change_in = cls(
            current_mobile=current_mobile,
            new_mobile=new_mobile,
        )

        mobile_change_in.additional_properties = d
        return mobile_change_in

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
