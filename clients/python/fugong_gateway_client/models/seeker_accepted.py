from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SeekerAccepted")


@_attrs_define
class SeekerAccepted:
    """The broker has acknowledged the change; matching records it and ranks postings shortly.

    Attributes:
        event_id (str):
        seeker_id (str):
        status (str | Unset):  Default: 'accepted'.
    """

    event_id: str
    seeker_id: str
    status: str | Unset = "accepted"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event_id = self.event_id

        seeker_id = self.seeker_id

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "event_id": event_id,
                "seeker_id": seeker_id,
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

        status = d.pop("status", UNSET)

        seeker_accepted = cls(
            event_id=event_id,
            seeker_id=seeker_id,
            status=status,
        )

        seeker_accepted.additional_properties = d
        return seeker_accepted

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
