from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="InterestOut")


@_attrs_define
class InterestOut:
    """Someone interested in a posting: in full to its enterprise when they consented, masked
    otherwise.

        Attributes:
            posting_id (str):
            credit_code (str):
            registration_id (str):
            name (str):
            mobile (str):
            origin_region (str):
            desired_occupation (str):
            expressed_at (datetime.datetime):
    """

    posting_id: str
    credit_code: str
    registration_id: str
    name: str
    mobile: str
    origin_region: str
    desired_occupation: str
    expressed_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        posting_id = self.posting_id

        credit_code = self.credit_code

        registration_id = self.registration_id

        name = self.name

        mobile = self.mobile

        origin_region = self.origin_region

        desired_occupation = self.desired_occupation

        expressed_at = self.expressed_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "posting_id": posting_id,
                "credit_code": credit_code,
                "registration_id": registration_id,
                "name": name,
                "mobile": mobile,
                "origin_region": origin_region,
                "desired_occupation": desired_occupation,
                "expressed_at": expressed_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        posting_id = d.pop("posting_id")

        credit_code = d.pop("credit_code")

        registration_id = d.pop("registration_id")

        name = d.pop("name")

        mobile = d.pop("mobile")

        origin_region = d.pop("origin_region")

        desired_occupation = d.pop("desired_occupation")

        expressed_at = datetime.datetime.fromisoformat(d.pop("expressed_at"))

        interest_out = cls(
            posting_id=posting_id,
            credit_code=credit_code,
            registration_id=registration_id,
            name=name,
            mobile=mobile,
            origin_region=origin_region,
            desired_occupation=desired_occupation,
            expressed_at=expressed_at,
        )

        interest_out.additional_properties = d
        return interest_out

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
