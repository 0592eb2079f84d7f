from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="JoiningIn")


@_attrs_define
class JoiningIn:
    """Your enterprise's postings at the fair (published ones only; an invitation names none).

    Attributes:
        posting_ids (list[str] | Unset):
    """

    posting_ids: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        posting_ids: list[str] | Unset = UNSET
        if not isinstance(self.posting_ids, Unset):
            posting_ids = self.posting_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if posting_ids is not UNSET:
            field_dict["posting_ids"] = posting_ids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        posting_ids = cast(list[str], d.pop("posting_ids", UNSET))

        joining_in = cls(
            posting_ids=posting_ids,
        )

        joining_in.additional_properties = d
        return joining_in

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
