from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.community_figures import CommunityFigures


T = TypeVar("T", bound="Community")


@_attrs_define
class Community:
    """The community monitoring points' figures for the scope, and per district in the city.

    Attributes:
        total (CommunityFigures): What the community monitoring points of the scope reported on migrant workers.
        by_district (list[CommunityFigures]): per district (city scope only)
    """

    total: CommunityFigures
    by_district: list[CommunityFigures]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total = self.total.to_dict()

        by_district = []
        for by_district_item_data in self.by_district:
            by_district_item = by_district_item_data.to_dict()
            by_district.append(by_district_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "total": total,
                "by_district": by_district,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.community_figures import CommunityFigures  # noqa: PLC0415

        d = dict(src_dict)
        total = CommunityFigures.from_dict(d.pop("total"))

        by_district = []
        _by_district = d.pop("by_district")
        for by_district_item_data in _by_district:
            by_district_item = CommunityFigures.from_dict(by_district_item_data)

            by_district.append(by_district_item)

        community = cls(
            total=total,
            by_district=by_district,
        )

        community.additional_properties = d
        return community

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
