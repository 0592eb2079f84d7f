from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="KeyRecovered")


@_attrs_define
class KeyRecovered:
    """Your new key, shown once: every earlier key of yours no longer works.

    Attributes:
        seeker_id (str):
        api_key (str):
        key_valid_until (datetime.date):
    """

    seeker_id: str
    api_key: str
    key_valid_until: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        seeker_id = self.seeker_id

        api_key = self.api_key

        key_valid_until = self.key_valid_until.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "seeker_id": seeker_id,
                "api_key": api_key,
                "key_valid_until": key_valid_until,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        seeker_id = d.pop("seeker_id")

        api_key = d.pop("api_key")

        key_valid_until = datetime.date.fromisoformat(d.pop("key_valid_until"))

        key_recovered = cls(
            seeker_id=seeker_id,
            api_key=api_key,
            key_valid_until=key_valid_until,
        )

        key_recovered.additional_properties = d
        return key_recovered

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
