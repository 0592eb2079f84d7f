from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.public_service import PublicService

if TYPE_CHECKING:
    from ..models.person_in import PersonIn


T = TypeVar("T", bound="BookingIn")


@_attrs_define
class BookingIn:
    """A place in a slot, for a worker and a service.

    Attributes:
        slot_id (UUID):
        service (PublicService): The public employment services a hall offers at its windows.
        person (PersonIn): The worker a place is booked for (personal data: shown in full only to whoever booked).
    """

    slot_id: UUID
    service: PublicService
    person: PersonIn
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        slot_id = str(self.slot_id)

        service = self.service.value

        person = self.person.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "slot_id": slot_id,
                "service": service,
                "person": person,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.person_in import PersonIn  # noqa: PLC0415

        d = dict(src_dict)
        slot_id = UUID(d.pop("slot_id"))

        service = PublicService(d.pop("service"))

        person = PersonIn.from_dict(d.pop("person"))

        booking_in = cls(
            slot_id=slot_id,
            service=service,
            person=person,
        )

        booking_in.additional_properties = d
        return booking_in

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
