from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.early_warning_out import EarlyWarningOut


T = TypeVar("T", bound="EarlyWarningsOut")


@_attrs_define
class EarlyWarningsOut:
    """The early warnings in a scope, newest week first.

    Attributes:
        warnings (list[EarlyWarningOut]):
    """

    warnings: list[EarlyWarningOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        warnings = []
        for warnings_item_data in self.warnings:
            warnings_item = warnings_item_data.to_dict()
            warnings.append(warnings_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "warnings": warnings,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.early_warning_out import EarlyWarningOut  # noqa: PLC0415

        d = dict(src_dict)
        warnings = []
        _warnings = d.pop("warnings")
        for warnings_item_data in _warnings:
            warnings_item = EarlyWarningOut.from_dict(warnings_item_data)

            warnings.append(warnings_item)

        early_warnings_out = cls(
            warnings=warnings,
        )

        early_warnings_out.additional_properties = d
        return early_warnings_out

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
