from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SelfRegistered")


@_attrs_define
class SelfRegistered:
    """Your mobile is proved and your registration accepted; the key to read and update it is
    shown once: keep it.

        Attributes:
            event_id (str):
            seeker_id (str):
            api_key (str):
            key_valid_until (datetime.date):
            status (str | Unset):  Default: 'accepted'.
    """

    event_id: str
    seeker_id: str
    api_key: str
    key_valid_until: datetime.date
    status: str | Unset = "accepted"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event_id = self.event_id

        seeker_id = self.seeker_id

        api_key = self.api_key

        key_valid_until = self.key_valid_until.isoformat()

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "event_id": event_id,
                "seeker_id": seeker_id,
                "api_key": api_key,
                "key_valid_until": key_valid_until,
            }
        )
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        event_id = d.pop("event_id")

        seeker_id = d.pop("seeker_id")

        api_key = d.pop("api_key")

        key_valid_until = datetime.date.fromisoformat(d.pop("key_valid_until"))

        status = d.pop("status", UNSET)

        self_registered = cls(
            event_id=event_id,
            seeker_id=seeker_id,
            api_key=api_key,
            key_valid_until=key_valid_until,
            status=status,
        )

        self_registered.additional_properties = d
        return self_registered

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
