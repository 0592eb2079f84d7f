from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RegistrationOut")


@_attrs_define
class RegistrationOut:
    """Your registration as matching recorded it, and the postings you marked.

    Attributes:
        registration_id (str):
        name (str):
        mobile (str):
        origin_region (str):
        desired_occupation (str):
        consent (bool):
        registered_at (datetime.datetime):
        interests (list[str]):
    """

    registration_id: str
    name: str
    mobile: str
    origin_region: str
    desired_occupation: str
    consent: bool
    registered_at: datetime.datetime
    interests: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        registration_id = self.registration_id

        name = self.name

        mobile = self.mobile

        origin_region = self.origin_region

        desired_occupation = self.desired_occupation

        consent = self.consent

        registered_at = self.registered_at.isoformat()

        interests = self.interests

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "registration_id": registration_id,
                "name": name,
                "mobile": mobile,
                "origin_region": origin_region,
                "desired_occupation": desired_occupation,
                "consent": consent,
                "registered_at": registered_at,
                "interests": interests,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        registration_id = d.pop("registration_id")

        name = d.pop("name")

        mobile = d.pop("mobile")

        origin_region = d.pop("origin_region")

        desired_occupation = d.pop("desired_occupation")

        consent = d.pop("consent")

        registered_at = datetime.datetime.fromisoformat(d.pop("registered_at"))

        interests = cast(list[str], d.pop("interests"))

        registration_out = cls(
            registration_id=registration_id,
            name=name,
            mobile=mobile,
            origin_region=origin_region,
            desired_occupation=desired_occupation,
            consent=consent,
            registered_at=registered_at,
            interests=interests,
        )

        registration_out.additional_properties = d
        return registration_out

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
