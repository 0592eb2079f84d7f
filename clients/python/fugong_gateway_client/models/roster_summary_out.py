from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.roster_group_out import RosterGroupOut


T = TypeVar("T", bound="RosterSummaryOut")


@_attrs_define
class RosterSummaryOut:
    """
    Attributes:
        credit_code (str):
        members (int):
        groups (list[RosterGroupOut]):
    """

    credit_code: str
    members: int
    groups: list[RosterGroupOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        credit_code = self.credit_code

        members = self.members

        groups = []
        for groups_item_data in self.groups:
            groups_item = groups_item_data.to_dict()
            groups.append(groups_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "credit_code": credit_code,
                "members": members,
                "groups": groups,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.roster_group_out import RosterGroupOut  # noqa: PLC0415

        d = dict(src_dict)
        credit_code = d.pop("credit_code")

        members = d.pop("members")

        groups = []
        _groups = d.pop("groups")
        for groups_item_data in _groups:
            groups_item = RosterGroupOut.from_dict(groups_item_data)

            groups.append(groups_item)

        roster_summary_out = cls(
            credit_code=credit_code,
            members=members,
            groups=groups,
        )

        roster_summary_out.additional_properties = d
        return roster_summary_out

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
