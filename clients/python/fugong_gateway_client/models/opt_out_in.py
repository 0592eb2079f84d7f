from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.opt_out_in_channels_item import OptOutInChannelsItem

T = TypeVar("T", bound="OptOutIn")


@_attrs_define
class OptOutIn:
    """An employee refuses channels from now on (e.g. no voice calls, or 退订 SMS).

    Attributes:
        mobile (str): the employee's number
        channels (list[OptOutInChannelsItem]):
    """

    mobile: str
    channels: list[OptOutInChannelsItem]

    def to_dict(self) -> dict[str, Any]:
        mobile = self.mobile

        channels = []
        for channels_item_data in self.channels:
            channels_item = channels_item_data.value
            channels.append(channels_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "mobile": mobile,
                "channels": channels,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        mobile = d.pop("mobile")

        channels = []
        _channels = d.pop("channels")
        for channels_item_data in _channels:
            channels_item = OptOutInChannelsItem(channels_item_data)

            channels.append(channels_item)

        opt_out_in = cls(
            mobile=mobile,
            channels=channels,
        )

        return opt_out_in
