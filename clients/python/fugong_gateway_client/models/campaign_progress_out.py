from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.channel_progress_out import ChannelProgressOut
    from ..models.failure_out import FailureOut


T = TypeVar("T", bound="CampaignProgressOut")


@_attrs_define
class CampaignProgressOut:
    """
    Attributes:
        campaign_id (str):
        credit_code (str):
        template (str):
        recipients (int):
        parts (int):
        send_at (datetime.datetime):
        channels (list[ChannelProgressOut]):
        failures (list[FailureOut]):
        cancelled_at (datetime.datetime | None | Unset):
    """

    campaign_id: str
    credit_code: str
    template: str
    recipients: int
    parts: int
    send_at: datetime.datetime
    channels: list[ChannelProgressOut]
    failures: list[FailureOut]
    cancelled_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        campaign_id = self.campaign_id

        credit_code = self.credit_code

        template = self.template

        recipients = self.recipients

        parts = self.parts

        send_at = self.send_at.isoformat()

        channels = []
        for channels_item_data in self.channels:
            channels_item = channels_item_data.to_dict()
            channels.append(channels_item)

        failures = []
        for failures_item_data in self.failures:
            failures_item = failures_item_data.to_dict()
            failures.append(failures_item)

        cancelled_at: None | str | Unset
        if isinstance(self.cancelled_at, Unset):
            cancelled_at = UNSET
        elif isinstance(self.cancelled_at, datetime.datetime):
            cancelled_at = self.cancelled_at.isoformat()
        else:
            cancelled_at = self.cancelled_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "campaign_id": campaign_id,
                "credit_code": credit_code,
                "template": template,
                "recipients": recipients,
                "parts": parts,
                "send_at": send_at,
                "channels": channels,
                "failures": failures,
            }
        )
        if cancelled_at is not UNSET:
            field_dict["cancelled_at"] = cancelled_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.channel_progress_out import ChannelProgressOut  # noqa: PLC0415
        from ..models.failure_out import FailureOut  # noqa: PLC0415

        d = dict(src_dict)
        campaign_id = d.pop("campaign_id")

        credit_code = d.pop("credit_code")

        template = d.pop("template")

        recipients = d.pop("recipients")

        parts = d.pop("parts")

        send_at = datetime.datetime.fromisoformat(d.pop("send_at"))

        channels = []
        _channels = d.pop("channels")
        for channels_item_data in _channels:
            channels_item = ChannelProgressOut.from_dict(channels_item_data)

            channels.append(channels_item)

        failures = []
        _failures = d.pop("failures")
        for failures_item_data in _failures:
            failures_item = FailureOut.from_dict(failures_item_data)

            failures.append(failures_item)

        def _parse_cancelled_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                cancelled_at_type_0 = datetime.datetime.fromisoformat(data)

                return cancelled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        cancelled_at = _parse_cancelled_at(d.pop("cancelled_at", UNSET))

        campaign_progress_out = cls(
            campaign_id=campaign_id,
            credit_code=credit_code,
            template=template,
            recipients=recipients,
            parts=parts,
            send_at=send_at,
            channels=channels,
            failures=failures,
            cancelled_at=cancelled_at,
        )

        campaign_progress_out.additional_properties = d
        return campaign_progress_out

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
