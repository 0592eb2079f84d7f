from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.hall_out import HallOut


T = TypeVar("T", bound="HallsOut")


@_attrs_define
class HallsOut:
    """The service halls of a district or the city.

    Attributes:
        halls (list[HallOut]):
    """

    halls: list[HallOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        halls = []
        for halls_item_data in self.halls:
            halls_item = halls_item_data.to_dict()
            halls.append(halls_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "halls": halls,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.hall_out import HallOut  # noqa: PLC0415

        d = dict(src_dict)
        halls = []
        _halls = d.pop("halls")
        for halls_item_data in _halls:
            halls_item = HallOut.from_dict(halls_item_data)

            halls.append(halls_item)

        halls_out = cls(
            halls=halls,
        )

        halls_out.additional_properties = d
        return halls_out

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
