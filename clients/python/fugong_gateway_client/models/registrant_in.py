from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RegistrantIn")


@_attrs_define
class RegistrantIn:
    """Registration for a fair, from Shanghai or remotely from another region.

    Attributes:
        name (str):
        mobile (str): a mainland mobile number (+86)
        origin_region (str): GB/T 2260 code of a province or partner prefecture
        desired_occupation (str): 职业分类大典 (2015) occupation code, 大类-中类-小类-职业
        consent (bool): the enterprises whose postings you mark may see your name and mobile
        seeker_id (None | str | Unset): your job seeker id, if you have one
    """

    name: str
    mobile: str
    origin_region: str
    desired_occupation: str
    consent: bool
    seeker_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        mobile = self.mobile

        origin_region = self.origin_region

        desired_occupation = self.desired_occupation

        consent = self.consent

        seeker_id: None | str | Unset
        if isinstance(self.seeker_id, Unset):
            seeker_id = UNSET
        else:
            seeker_id = self.seeker_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "mobile": mobile,
                "origin_region": origin_region,
                "desired_occupation": desired_occupation,
                "consent": consent,
            }
        )
        if seeker_id is not UNSET:
            field_dict["seeker_id"] = seeker_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        mobile = d.pop("mobile")

        origin_region = d.pop("origin_region")

        desired_occupation = d.pop("desired_occupation")

        consent = d.pop("consent")

        def _parse_seeker_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        seeker_id = _parse_seeker_id(d.pop("seeker_id", UNSET))

        registrant_in = cls(
            name=name,
            mobile=mobile,
            origin_region=origin_region,
            desired_occupation=desired_occupation,
            consent=consent,
            seeker_id=seeker_id,
        )

        registrant_in.additional_properties = d
        return registrant_in

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
