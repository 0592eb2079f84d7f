from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="CommunityPointIn")


@_attrs_define
class CommunityPointIn:
    """A street or town registered as a community monitoring point by its district's officials;
    a later registration of the same town replaces the earlier one.

        Attributes:
            town_code (str): 统计用区划代码 (first 9 digits) of a Shanghai street or town (街道/镇)
            name (str): the street or town's Chinese name
    """

    town_code: str
    name: str

    def to_dict(self) -> dict[str, Any]:
        town_code = self.town_code

        name = self.name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "town_code": town_code,
                "name": name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        town_code = d.pop("town_code")

        name = d.pop("name")

        community_point_in = cls(
            town_code=town_code,
            name=name,
        )

        return community_point_in
