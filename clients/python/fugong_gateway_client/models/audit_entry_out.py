from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

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
    """

    event_id: str
    principal: str
    district_code: None | str
    event_type: str
    topic: str
    subject: str
    accepted_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event_id = self.event_id

        principal = self.principal

        district_code: None | str
        district_code = self.district_code

        event_type = self.event_type

        topic = self.topic

        subject = self.subject

        accepted_at = self.accepted_at.isoformat()

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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
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

        audit_entry_out = cls(
            event_id=event_id,
            principal=principal,
            district_code=district_code,
            event_type=event_type,
            topic=topic,
            subject=subject,
            accepted_at=accepted_at,
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
