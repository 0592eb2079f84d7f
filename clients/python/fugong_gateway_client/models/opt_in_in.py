from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.opt_in_in_channels_item import OptInInChannelsItem

if TYPE_CHECKING:
    from ..models.consent_in import ConsentIn


T = TypeVar("T", bound="OptInIn")


@_attrs_define
class OptInIn:
    """An employee who refused channels takes them back, having renewed their consent.

    Attributes:
        mobile (str): the employee's number
        channels (list[OptInInChannelsItem]):
        consent (ConsentIn): How and when the employee renewed their consent (the enterprise keeps the evidence).
    """

    mobile: str
    channels: list[OptInInChannelsItem]
    consent: ConsentIn

    def to_dict(self) -> dict[str, Any]:
        mobile = self.mobile

        channels = []
        for channels_item_data in self.channels:
            channels_item = channels_item_data.value
            channels.append(channels_item)

        consent = self.consent.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "mobile": mobile,
                "channels": channels,
                "consent": consent,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.consent_in import ConsentIn  # noqa: PLC0415

        d = dict(src_dict)
        mobile = d.pop("mobile")

        channels = []
        _channels = d.pop("channels")
        for channels_item_data in _channels:
            channels_item = OptInInChannelsItem(channels_item_data)

            channels.append(channels_item)

        consent = ConsentIn.from_dict(d.pop("consent"))

        opt_in_in = cls(
            mobile=mobile,
            channels=channels,
            consent=consent,
        )

        return opt_in_in
