from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.campaign_preview_out_by_channel import CampaignPreviewOutByChannel


T = TypeVar("T", bound="CampaignPreviewOut")


@_attrs_define
class CampaignPreviewOut:
    """What the campaign would send and cost, before anything is sent: each recipient priced on
    the first channel that reaches them and that they did not refuse.

        Attributes:
            text (str):
            parts (int): SMS parts per message (70/67 UTF-16 units for Chinese)
            recipients (int): members of the audience some channel reaches
            landlines (int): members reachable by a landline only (no SMS)
            without_consent (int): members who did not agree to be notified
            estimated_parts (int): SMS parts, of the members reached by SMS first
            estimated_cost_yuan (float):
            opted_out_of_all (int | Unset): members who refused every channel Default: 0.
            by_channel (CampaignPreviewOutByChannel | Unset): sms, wechat, voice: on the channel tried first
    """

    text: str
    parts: int
    recipients: int
    landlines: int
    without_consent: int
    estimated_parts: int
    estimated_cost_yuan: float
    opted_out_of_all: int | Unset = 0
    by_channel: CampaignPreviewOutByChannel | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        text = self.text

        parts = self.parts

        recipients = self.recipients

        landlines = self.landlines

        without_consent = self.without_consent

        estimated_parts = self.estimated_parts

        estimated_cost_yuan = self.estimated_cost_yuan

        opted_out_of_all = self.opted_out_of_all

        by_channel: dict[str, Any] | Unset = UNSET
        if not isinstance(self.by_channel, Unset):
            by_channel = self.by_channel.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "text": text,
                "parts": parts,
                "recipients": recipients,
                "landlines": landlines,
                "without_consent": without_consent,
                "estimated_parts": estimated_parts,
                "estimated_cost_yuan": estimated_cost_yuan,
            }
        )
        if opted_out_of_all is not UNSET:
            field_dict["opted_out_of_all"] = opted_out_of_all
        if by_channel is not UNSET:
            field_dict["by_channel"] = by_channel

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.campaign_preview_out_by_channel import CampaignPreviewOutByChannel  # noqa: PLC0415

        d = dict(src_dict)
        text = d.pop("text")

        parts = d.pop("parts")

        recipients = d.pop("recipients")

        landlines = d.pop("landlines")

        without_consent = d.pop("without_consent")

        estimated_parts = d.pop("estimated_parts")

        estimated_cost_yuan = d.pop("estimated_cost_yuan")

        opted_out_of_all = d.pop("opted_out_of_all", UNSET)

        _by_channel = d.pop("by_channel", UNSET)
        by_channel: CampaignPreviewOutByChannel | Unset
        if isinstance(_by_channel, Unset):
            by_channel = UNSET
        else:
            by_channel = CampaignPreviewOutByChannel.from_dict(_by_channel)

        campaign_preview_out = cls(
            text=text,
            parts=parts,
            recipients=recipients,
            landlines=landlines,
            without_consent=without_consent,
            estimated_parts=estimated_parts,
            estimated_cost_yuan=estimated_cost_yuan,
            opted_out_of_all=opted_out_of_all,
            by_channel=by_channel,
        )

        campaign_preview_out.additional_properties = d
        return campaign_preview_out

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
