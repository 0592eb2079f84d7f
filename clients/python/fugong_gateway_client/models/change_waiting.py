from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ChangeWaiting")


@_attrs_define
class ChangeWaiting:
    """A code is on its way to the new mobile; until it is typed, the old one stays yours.

    Attributes:
        change_id (str):
        code_expires_at (datetime.datetime):
        status (str | Unset):  Default: 'awaiting_verification'.
    """

    change_id: str
    code_expires_at: datetime.datetime
    status: str | Unset = "awaiting_verification"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        change_id = self.change_id

        code_expires_at = self.code_expires_at.isoformat()

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "change_id": change_id,
                "code_expires_at": code_expires_at,
            }
        )
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        change_id = d.pop("change_id")

        code_expires_at = datetime.datetime.fromisoformat(d.pop("code_expires_at"))

        status = d.pop("status", UNSET)

        change_waiting = cls(
            change_id=change_id,
            code_expires_at=code_expires_at,
            status=status,
        )

        change_waiting.additional_properties = d
        return change_waiting

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
