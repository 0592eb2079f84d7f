from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CommunityChanges")


@_attrs_define
class CommunityChanges:
    """This week's rates minus the previous ISO week's.

    Attributes:
        migrant_return_rate (float | None | Unset):
        migrant_employment_rate (float | None | Unset):
    """

    migrant_return_rate: float | None | Unset = UNSET
    migrant_employment_rate: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        migrant_return_rate: float | None | Unset
        if isinstance(self.migrant_return_rate, Unset):
            migrant_return_rate = UNSET
        else:
            migrant_return_rate = self.migrant_return_rate

        migrant_employment_rate: float | None | Unset
        if isinstance(self.migrant_employment_rate, Unset):
            migrant_employment_rate = UNSET
        else:
            migrant_employment_rate = self.migrant_employment_rate

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if migrant_return_rate is not UNSET:
            field_dict["migrant_return_rate"] = migrant_return_rate
        if migrant_employment_rate is not UNSET:
            field_dict["migrant_employment_rate"] = migrant_employment_rate

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_migrant_return_rate(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        migrant_return_rate = _parse_migrant_return_rate(d.pop("migrant_return_rate", UNSET))

        def _parse_migrant_employment_rate(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        migrant_employment_rate = _parse_migrant_employment_rate(d.pop("migrant_employment_rate", UNSET))

        community_changes = cls(
            migrant_return_rate=migrant_return_rate,
            migrant_employment_rate=migrant_employment_rate,
        )

        community_changes.additional_properties = d
        return community_changes

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
