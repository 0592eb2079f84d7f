from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.channel_progress_out_statuses import ChannelProgressOutStatuses


T = TypeVar("T", bound="ChannelProgressOut")


@_attrs_define
class ChannelProgressOut:
    """
    Attributes:
        channel (str):
        statuses (ChannelProgressOutStatuses): messages by status
    """

    channel: str
    statuses: ChannelProgressOutStatuses
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        channel = self.channel

        statuses = self.statuses.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "channel": channel,
                "statuses": statuses,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.channel_progress_out_statuses import ChannelProgressOutStatuses  # noqa: PLC0415

        d = dict(src_dict)
        channel = d.pop("channel")

        statuses = ChannelProgressOutStatuses.from_dict(d.pop("statuses"))

        channel_progress_out = cls(
            channel=channel,
            statuses=statuses,
        )

        channel_progress_out.additional_properties = d
        return channel_progress_out

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
