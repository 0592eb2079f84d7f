from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.public_service import PublicService
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.online_alternative_out import OnlineAlternativeOut
    from ..models.person_out import PersonOut
    from ..models.slot_out import SlotOut


T = TypeVar("T", bound="BookingOut")


@_attrs_define
class BookingOut:
    """A booking: its slot, service and person, and where else the matter can be handled.

    Attributes:
        booking_id (UUID):
        status (str):
        hall_code (str):
        service (PublicService): The public employment services a hall offers at its windows.
        service_name (str):
        slot (SlotOut): A slot and the places left in it.
        person (PersonOut): The booked worker, masked for everyone but whoever booked.
        booked_by (str):
        booked_at (datetime.datetime):
        online_alternative (None | OnlineAlternativeOut | Unset):
    """

    booking_id: UUID
    status: str
    hall_code: str
    service: PublicService
    service_name: str
    slot: SlotOut
    person: PersonOut
    booked_by: str
    booked_at: datetime.datetime
    online_alternative: None | OnlineAlternativeOut | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.online_alternative_out import OnlineAlternativeOut  # noqa: PLC0415

        booking_id = str(self.booking_id)

        status = self.status

        hall_code = self.hall_code

        service = self.service.value

        service_name = self.service_name

        slot = self.slot.to_dict()

        person = self.person.to_dict()

        booked_by = self.booked_by

        booked_at = self.booked_at.isoformat()

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
                "booking_id": booking_id,
                "status": status,
                "hall_code": hall_code,
                "service": service,
                "service_name": service_name,
                "slot": slot,
                "person": person,
                "booked_by": booked_by,
                "booked_at": booked_at,
            }
        )
        if online_alternative is not UNSET:
            field_dict["online_alternative"] = online_alternative

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.online_alternative_out import OnlineAlternativeOut  # noqa: PLC0415
        from ..models.person_out import PersonOut  # noqa: PLC0415
        from ..models.slot_out import SlotOut  # noqa: PLC0415

        d = dict(src_dict)
        booking_id = UUID(d.pop("booking_id"))

        status = d.pop("status")

        hall_code = d.pop("hall_code")

        service = PublicService(d.pop("service"))

        service_name = d.pop("service_name")

        slot = SlotOut.from_dict(d.pop("slot"))

        person = PersonOut.from_dict(d.pop("person"))

        booked_by = d.pop("booked_by")

        booked_at = datetime.datetime.fromisoformat(d.pop("booked_at"))

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

        booking_out = cls(
            booking_id=booking_id,
            status=status,
            hall_code=hall_code,
            service=service,
            service_name=service_name,
            slot=slot,
            person=person,
            booked_by=booked_by,
            booked_at=booked_at,
            online_alternative=online_alternative,
        )

        booking_out.additional_properties = d
        return booking_out

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
