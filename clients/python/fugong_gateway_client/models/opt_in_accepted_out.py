from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.opt_in_accepted_out_channels_item import OptInAcceptedOutChannelsItem

T = TypeVar("T", bound="OptInAcceptedOut")


@_attrs_define
class OptInAcceptedOut:
    """
    Attributes:
        phone (str): the number in E.164, as the roster holds it
        channels (list[OptInAcceptedOutChannelsItem]):
        event_id (str):
    """

    phone: str
    channels: list[OptInAcceptedOutChannelsItem]
    event_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        phone = self.phone

        channels = []
        for channels_item_data in self.channels:
            channels_item = channels_item_data.value
            channels.append(channels_item)

        event_id = self.event_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "phone": phone,
                "channels": channels,
                "event_id": event_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        phone = d.pop("phone")

        channels = []
        _channels = d.pop("channels")
        for channels_item_data in _channels:
            channels_item = OptInAcceptedOutChannelsItem(channels_item_data)

            channels.append(channels_item)

        event_id = d.pop("event_id")

        opt_in_accepted_out = cls(
            phone=phone,
            channels=channels,
            event_id=event_id,
        )

        opt_in_accepted_out.additional_properties = d
        return opt_in_accepted_out

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
