from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.key_enterprise_out import KeyEnterpriseOut


T = TypeVar("T", bound="KeyEnterprisesOut")


@_attrs_define
class KeyEnterprisesOut:
    """Key enterprises with their category, officer and open demand.

    Attributes:
        enterprises (list[KeyEnterpriseOut]):
    """

    enterprises: list[KeyEnterpriseOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        enterprises = []
        for enterprises_item_data in self.enterprises:
            enterprises_item = enterprises_item_data.to_dict()
            enterprises.append(enterprises_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "enterprises": enterprises,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.key_enterprise_out import KeyEnterpriseOut  # noqa: PLC0415

        d = dict(src_dict)
        enterprises = []
        _enterprises = d.pop("enterprises")
        for enterprises_item_data in _enterprises:
            enterprises_item = KeyEnterpriseOut.from_dict(enterprises_item_data)

            enterprises.append(enterprises_item)

        key_enterprises_out = cls(
            enterprises=enterprises,
        )

        key_enterprises_out.additional_properties = d
        return key_enterprises_out

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
