from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RosterGroupOut")


@_attrs_define
class RosterGroupOut:
    """
    Attributes:
        department (None | str):
        site (None | str):
        members (int):
        sms_reachable (int):
    """

    department: None | str
    site: None | str
    members: int
    sms_reachable: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        department: None | str
        department = self.department

        site: None | str
        site = self.site

        members = self.members

        sms_reachable = self.sms_reachable

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "department": department,
                "site": site,
                "members": members,
                "sms_reachable": sms_reachable,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_department(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        department = _parse_department(d.pop("department"))

        def _parse_site(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        site = _parse_site(d.pop("site"))

        members = d.pop("members")

        sms_reachable = d.pop("sms_reachable")

        roster_group_out = cls(
            department=department,
            site=site,
            members=members,
            sms_reachable=sms_reachable,
        )

        roster_group_out.additional_properties = d
        return roster_group_out

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
