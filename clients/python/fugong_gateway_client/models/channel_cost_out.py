from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ChannelCostOut")


@_attrs_define
class ChannelCostOut:
    """The members a channel reaches first, and what sending to them costs.

    Attributes:
        recipients (int):
        units (int): SMS parts, WeChat messages or voice calls
        cost_yuan (float):
    """

    recipients: int
    units: int
    cost_yuan: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        recipients = self.recipients

        units = self.units

        cost_yuan = self.cost_yuan

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "recipients": recipients,
                "units": units,
                "cost_yuan": cost_yuan,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        recipients = d.pop("recipients")

        units = d.pop("units")

        cost_yuan = d.pop("cost_yuan")

        channel_cost_out = cls(
            recipients=recipients,
            units=units,
            cost_yuan=cost_yuan,
        )

        channel_cost_out.additional_properties = d
        return channel_cost_out

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
