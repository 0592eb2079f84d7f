from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.declaration_out import DeclarationOut
    from ..models.hint_out import HintOut


T = TypeVar("T", bound="DeclarationsOut")


@_attrs_define
class DeclarationsOut:
    """Declarations in your scope, newest first, and hints for enterprises that reported
    surplus staff but have not declared them.

        Attributes:
            declarations (list[DeclarationOut]):
            hints (list[HintOut]):
    """

    declarations: list[DeclarationOut]
    hints: list[HintOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        declarations = []
        for declarations_item_data in self.declarations:
            declarations_item = declarations_item_data.to_dict()
            declarations.append(declarations_item)

        hints = []
        for hints_item_data in self.hints:
            hints_item = hints_item_data.to_dict()
            hints.append(hints_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "declarations": declarations,
                "hints": hints,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.declaration_out import DeclarationOut  # noqa: PLC0415
        from ..models.hint_out import HintOut  # noqa: PLC0415

        d = dict(src_dict)
        declarations = []
        _declarations = d.pop("declarations")
        for declarations_item_data in _declarations:
            declarations_item = DeclarationOut.from_dict(declarations_item_data)

            declarations.append(declarations_item)

        hints = []
        _hints = d.pop("hints")
        for hints_item_data in _hints:
            hints_item = HintOut.from_dict(hints_item_data)

            hints.append(hints_item)

        declarations_out = cls(
            declarations=declarations,
            hints=hints,
        )

        declarations_out.additional_properties = d
        return declarations_out

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
