from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.seeker_out import SeekerOut


T = TypeVar("T", bound="SeekersOut")


@_attrs_define
class SeekersOut:
    """The active job seekers of your district, most recently changed first.

    Attributes:
        seekers (list[SeekerOut]):
    """

    seekers: list[SeekerOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        seekers = []
        for seekers_item_data in self.seekers:
            seekers_item = seekers_item_data.to_dict()
            seekers.append(seekers_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "seekers": seekers,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.seeker_out import SeekerOut  # noqa: PLC0415

        d = dict(src_dict)
        seekers = []
        _seekers = d.pop("seekers")
        for seekers_item_data in _seekers:
            seekers_item = SeekerOut.from_dict(seekers_item_data)

            seekers.append(seekers_item)

        seekers_out = cls(
            seekers=seekers,
        )

        seekers_out.additional_properties = d
        return seekers_out

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
