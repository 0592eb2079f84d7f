from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.online_alternative_out import OnlineAlternativeOut
    from ..models.slot_out import SlotOut


T = TypeVar("T", bound="SlotsOut")


@_attrs_define
class SlotsOut:
    """A hall's slots on a day, the least busy suggested.

    Attributes:
        hall_code (str):
        date (datetime.date):
        slots (list[SlotOut]):
        suggested (list[SlotOut]): open slots, least busy first (share left)
        online_alternative (None | OnlineAlternativeOut | Unset): when the service asked about can be handled online
            instead
    """

    hall_code: str
    date: datetime.date
    slots: list[SlotOut]
    suggested: list[SlotOut]
    online_alternative: None | OnlineAlternativeOut | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.online_alternative_out import OnlineAlternativeOut  # noqa: PLC0415

        hall_code = self.hall_code

        date = self.date.isoformat()

        slots = []
        for slots_item_data in self.slots:
            slots_item = slots_item_data.to_dict()
            slots.append(slots_item)

        suggested = []
        for suggested_item_data in self.suggested:
            suggested_item = suggested_item_data.to_dict()
            suggested.append(suggested_item)

        online_alternative: dict[str, Any] | None | Unset
        if isinstance(self.online_alternative, Unset):
            online_alternative = UNSET
        elif isinstance(self.online_alternative, OnlineAlternativeOut):
            online_alternative = self.online_alternative.to_dict()
        else:
            online_alternative = self.online_alternative

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "hall_code": hall_code,
                "date": date,
                "slots": slots,
                "suggested": suggested,
            }
        )
        if online_alternative is not UNSET:
            field_dict["online_alternative"] = online_alternative

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.online_alternative_out import OnlineAlternativeOut  # noqa: PLC0415
        from ..models.slot_out import SlotOut  # noqa: PLC0415

        d = dict(src_dict)
        hall_code = d.pop("hall_code")

        date = datetime.date.fromisoformat(d.pop("date"))

        slots = []
        _slots = d.pop("slots")
        for slots_item_data in _slots:
            slots_item = SlotOut.from_dict(slots_item_data)

            slots.append(slots_item)

        suggested = []
        _suggested = d.pop("suggested")
        for suggested_item_data in _suggested:
            suggested_item = SlotOut.from_dict(suggested_item_data)

            suggested.append(suggested_item)

        def _parse_online_alternative(data: object) -> None | OnlineAlternativeOut | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                online_alternative_type_0 = OnlineAlternativeOut.from_dict(data)

                return online_alternative_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OnlineAlternativeOut | Unset, data)

        online_alternative = _parse_online_alternative(d.pop("online_alternative", UNSET))

        slots_out = cls(
            hall_code=hall_code,
            date=date,
            slots=slots,
            suggested=suggested,
            online_alternative=online_alternative,
        )

        slots_out.additional_properties = d
        return slots_out

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
