from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ComplianceCounts")


@_attrs_define
class ComplianceCounts:
    """How many designated enterprises reported on time, late, or not at all.

    Attributes:
        expected (int | Unset): designated enterprises registered by the deadline Default: 0.
        on_time (int | Unset):  Default: 0.
        late (int | Unset):  Default: 0.
        missing (int | Unset):  Default: 0.
        reminded (int | Unset): reminders requested at the deadline Default: 0.
    """

    expected: int | Unset = 0
    on_time: int | Unset = 0
    late: int | Unset = 0
    missing: int | Unset = 0
    reminded: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        expected = self.expected

        on_time = self.on_time

        late = self.late

        missing = self.missing

        reminded = self.reminded

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if expected is not UNSET:
            field_dict["expected"] = expected
        if on_time is not UNSET:
            field_dict["on_time"] = on_time
        if late is not UNSET:
            field_dict["late"] = late
        if missing is not UNSET:
            field_dict["missing"] = missing
        if reminded is not UNSET:
            field_dict["reminded"] = reminded

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        expected = d.pop("expected", UNSET)

        on_time = d.pop("on_time", UNSET)

        late = d.pop("late", UNSET)

        missing = d.pop("missing", UNSET)

        reminded = d.pop("reminded", UNSET)

        compliance_counts = cls(
            expected=expected,
            on_time=on_time,
            late=late,
            missing=missing,
            reminded=reminded,
        )

        compliance_counts.additional_properties = d
        return compliance_counts

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
