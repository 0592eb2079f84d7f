from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SlotOut")


@_attrs_define
class SlotOut:
    """A slot and the places left in it.

    Attributes:
        slot_id (UUID):
        hall_code (str):
        starts_at (datetime.datetime):
        ends_at (datetime.datetime):
        capacity (int):
        booked (int):
        remaining (int):
    """

    slot_id: UUID
    hall_code: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    capacity: int
    booked: int
    remaining: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        slot_id = str(self.slot_id)

        hall_code = self.hall_code

        starts_at = self.starts_at.isoformat()

        ends_at = self.ends_at.isoformat()

        capacity = self.capacity

        booked = self.booked

        remaining = self.remaining

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "slot_id": slot_id,
                "hall_code": hall_code,
                "starts_at": starts_at,
                "ends_at": ends_at,
                "capacity": capacity,
                "booked": booked,
                "remaining": remaining,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        slot_id = UUID(d.pop("slot_id"))

        hall_code = d.pop("hall_code")

        starts_at = datetime.datetime.fromisoformat(d.pop("starts_at"))

        ends_at = datetime.datetime.fromisoformat(d.pop("ends_at"))

        capacity = d.pop("capacity")

        booked = d.pop("booked")

        remaining = d.pop("remaining")

        slot_out = cls(
            slot_id=slot_id,
            hall_code=hall_code,
            starts_at=starts_at,
            ends_at=ends_at,
            capacity=capacity,
            booked=booked,
            remaining=remaining,
        )

        slot_out.additional_properties = d
        return slot_out

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
