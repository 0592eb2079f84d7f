from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.service_state import ServiceState
from ..types import UNSET, Unset

T = TypeVar("T", bound="StatusIn")


@_attrs_define
class StatusIn:
    """Whether a service is suspended, online-only or resumed at a hall, and what to know.

    Attributes:
        status (ServiceState):
        resumes_on (datetime.date | None | Unset): required when resumed: windows reopen
        online_url (None | str | Unset): required when online-only: where it is handled
        note (None | str | Unset): what the public should know
    """

    status: ServiceState
    resumes_on: datetime.date | None | Unset = UNSET
    online_url: None | str | Unset = UNSET
    note: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        resumes_on: None | str | Unset
        if isinstance(self.resumes_on, Unset):
            resumes_on = UNSET
        elif isinstance(self.resumes_on, datetime.date):
            resumes_on = self.resumes_on.isoformat()
        else:
            resumes_on = self.resumes_on

        online_url: None | str | Unset
        if isinstance(self.online_url, Unset):
            online_url = UNSET
        else:
            online_url = self.online_url

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
            }
        )
        if resumes_on is not UNSET:
            field_dict["resumes_on"] = resumes_on
        if online_url is not UNSET:
            field_dict["online_url"] = online_url
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = ServiceState(d.pop("status"))

        def _parse_resumes_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resumes_on_type_0 = datetime.date.fromisoformat(data)

                return resumes_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        resumes_on = _parse_resumes_on(d.pop("resumes_on", UNSET))

        def _parse_online_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        online_url = _parse_online_url(d.pop("online_url", UNSET))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        status_in = cls(
            status=status,
            resumes_on=resumes_on,
            online_url=online_url,
            note=note,
        )

        status_in.additional_properties = d
        return status_in

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
