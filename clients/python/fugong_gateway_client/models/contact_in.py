from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ContactIn")


@_attrs_define
class ContactIn:
    """The enterprise's contact for the employment service (kept by the services, never logged).

    Attributes:
        name (str):
        phone (str):
        title (None | str | Unset):
    """

    name: str
    phone: str
    title: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        phone = self.phone

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "phone": phone,
            }
        )
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        phone = d.pop("phone")

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        contact_in = cls(
            name=name,
            phone=phone,
            title=title,
        )

        return contact_in
