from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.audit_entry_out_stated_type_0 import AuditEntryOutStatedType0


T = TypeVar("T", bound="AuditEntryOut")


@_attrs_define
class AuditEntryOut:
    """A write the gateway accepted: who sent what, about whom, when (never its content).

    Attributes:
        event_id (str):
        principal (str): who sent it, e.g. enterprise:9131… or official:310115
        district_code (None | str): the district the write concerns, if known
        event_type (str):
        topic (str):
        subject (str): the enterprise, town or warning it is about
        accepted_at (datetime.datetime):
        stated (AuditEntryOutStatedType0 | None | Unset): dates the sender stated that put the write in the past, by
            field (a register's monitored_from/monitored_until, a report's received_at; monitored_until null: the period
            made open-ended again); null: none
    """

    event_id: str
    principal: str
    district_code: None | str
    event_type: str
    topic: str
    subject: str
    accepted_at: datetime.datetime
    stated: AuditEntryOutStatedType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.audit_entry_out_stated_type_0 import AuditEntryOutStatedType0  # noqa: PLC0415

        event_id = self.event_id

        principal = self.principal

        district_code: None | str
        district_code = self.district_code

        event_type = self.event_type

        topic = self.topic

        subject = self.subject

        accepted_at = self.accepted_at.isoformat()

        stated: dict[str, Any] | None | Unset
        if isinstance(self.stated, Unset):
            stated = UNSET
        elif isinstance(self.stated, AuditEntryOutStatedType0):
            stated = self.stated.to_dict()
        else:
            stated = self.stated

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "event_id": event_id,
                "principal": principal,
                "district_code": district_code,
                "event_type": event_type,
                "topic": topic,
                "subject": subject,
                "accepted_at": accepted_at,
            }
        )
        if stated is not UNSET:
            field_dict["stated"] = stated

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audit_entry_out_stated_type_0 import AuditEntryOutStatedType0  # noqa: PLC0415

        d = dict(src_dict)
        event_id = d.pop("event_id")

        principal = d.pop("principal")

        def _parse_district_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        district_code = _parse_district_code(d.pop("district_code"))

        event_type = d.pop("event_type")

        topic = d.pop("topic")

        subject = d.pop("subject")

        accepted_at = datetime.datetime.fromisoformat(d.pop("accepted_at"))

        def _parse_stated(data: object) -> AuditEntryOutStatedType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                stated_type_0 = AuditEntryOutStatedType0.from_dict(data)

                return stated_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AuditEntryOutStatedType0 | None | Unset, data)

        stated = _parse_stated(d.pop("stated", UNSET))

        audit_entry_out = cls(
            event_id=event_id,
            principal=principal,
            district_code=district_code,
            event_type=event_type,
            topic=topic,
            subject=subject,
            accepted_at=accepted_at,
            stated=stated,
        )

        audit_entry_out.additional_properties = d
        return audit_entry_out

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
