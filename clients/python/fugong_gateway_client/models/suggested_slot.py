from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SuggestedSlot")


@_attrs_define
class SuggestedSlot:
    """A slot with places left, offered instead of a full one.

    Attributes:
        slot_id (str):
        starts_at (str):
        ends_at (str):
        remaining (int):
    """

    slot_id: str
    starts_at: str
    ends_at: str
    remaining: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        slot_id = self.slot_id

        starts_at = self.starts_at

        ends_at = self.ends_at

        remaining = self.remaining

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "slot_id": slot_id,
                "starts_at": starts_at,
                "ends_at": ends_at,
                "remaining": remaining,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        slot_id = d.pop("slot_id")

        starts_at = d.pop("starts_at")

        ends_at = d.pop("ends_at")

        remaining = d.pop("remaining")

        suggested_slot = cls(
            slot_id=slot_id,
            starts_at=starts_at,
            ends_at=ends_at,
            remaining=remaining,
        )

        suggested_slot.additional_properties = d
        return suggested_slot

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
