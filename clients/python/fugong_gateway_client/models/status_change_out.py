from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.public_service import PublicService
from ..models.service_state import ServiceState

T = TypeVar("T", bound="StatusChangeOut")


@_attrs_define
class StatusChangeOut:
    """The status as changed, and the announcement of the change to the district.

    Attributes:
        hall_code (str):
        district_code (str):
        service (PublicService): The public employment services a hall offers at its windows.
        service_name (str):
        status (ServiceState):
        status_name (str):
        resumes_on (datetime.date | None):
        online_url (None | str):
        note (None | str):
        changed_by (str): the principal, e.g. official:310115 (never a person)
        changed_at (datetime.datetime):
        announcement_event_id (str): the announcement's event on notify.requests
    """

    hall_code: str
    district_code: str
    service: PublicService
    service_name: str
    status: ServiceState
    status_name: str
    resumes_on: datetime.date | None
    online_url: None | str
    note: None | str
    changed_by: str
    changed_at: datetime.datetime
    announcement_event_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        hall_code = self.hall_code

        district_code = self.district_code

        service = self.service.value

        service_name = self.service_name

        status = self.status.value

        status_name = self.status_name

        resumes_on: None | str
        if isinstance(self.resumes_on, datetime.date):
            resumes_on = self.resumes_on.isoformat()
        else:
            resumes_on = self.resumes_on

        online_url: None | str
        online_url = self.online_url

        note: None | str
        note = self.note

        changed_by = self.changed_by

        changed_at = self.changed_at.isoformat()

        announcement_event_id = self.announcement_event_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "hall_code": hall_code,
                "district_code": district_code,
                "service": service,
                "service_name": service_name,
                "status": status,
                "status_name": status_name,
                "resumes_on": resumes_on,
                "online_url": online_url,
                "note": note,
                "changed_by": changed_by,
                "changed_at": changed_at,
                "announcement_event_id": announcement_event_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        hall_code = d.pop("hall_code")

        district_code = d.pop("district_code")

        service = PublicService(d.pop("service"))

        service_name = d.pop("service_name")

        status = ServiceState(d.pop("status"))

        status_name = d.pop("status_name")

        def _parse_resumes_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resumes_on_type_0 = datetime.date.fromisoformat(data)

                return resumes_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        resumes_on = _parse_resumes_on(d.pop("resumes_on"))

        def _parse_online_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        online_url = _parse_online_url(d.pop("online_url"))

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))

        changed_by = d.pop("changed_by")

        changed_at = datetime.datetime.fromisoformat(d.pop("changed_at"))

        announcement_event_id = d.pop("announcement_event_id")

        status_change_out = cls(
            hall_code=hall_code,
            district_code=district_code,
            service=service,
            service_name=service_name,
            status=status,
            status_name=status_name,
            resumes_on=resumes_on,
            online_url=online_url,
            note=note,
            changed_by=changed_by,
            changed_at=changed_at,
            announcement_event_id=announcement_event_id,
        )

        status_change_out.additional_properties = d
        return status_change_out

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
