from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RegistrationAccepted")


@_attrs_define
class RegistrationAccepted:
    """Your registration is accepted: keep the key, it is shown once and opens your own
    registration and marking interest in this fair's postings (header X-Registrant-Key).

        Attributes:
            event_id (str):
            fair_id (str):
            registration_id (str):
            registrant_key (str):
            status (str | Unset):  Default: 'accepted'.
    """

    event_id: str
    fair_id: str
    registration_id: str
    registrant_key: str
    status: str | Unset = "accepted"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event_id = self.event_id

        fair_id = self.fair_id

        registration_id = self.registration_id

        registrant_key = self.registrant_key

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "event_id": event_id,
                "fair_id": fair_id,
                "registration_id": registration_id,
                "registrant_key": registrant_key,
            }
        )
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        event_id = d.pop("event_id")

        fair_id = d.pop("fair_id")

        registration_id = d.pop("registration_id")

        registrant_key = d.pop("registrant_key")

        status = d.pop("status", UNSET)

        registration_accepted = cls(
            event_id=event_id,
            fair_id=fair_id,
            registration_id=registration_id,
            registrant_key=registrant_key,
            status=status,
        )

        registration_accepted.additional_properties = d
        return registration_accepted

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
