from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.campaign_preview_out import CampaignPreviewOut


T = TypeVar("T", bound="CampaignAcceptedOut")


@_attrs_define
class CampaignAcceptedOut:
    """The campaign is published; it is expanded and sent by notify.

    Attributes:
        campaign_id (str):
        preview (CampaignPreviewOut): What the campaign would send and cost, before anything is sent: each recipient
            priced on
            the first channel that reaches them and that they did not refuse.
    """

    campaign_id: str
    preview: CampaignPreviewOut
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        campaign_id = self.campaign_id

        preview = self.preview.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "campaign_id": campaign_id,
                "preview": preview,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.campaign_preview_out import CampaignPreviewOut  # noqa: PLC0415

        d = dict(src_dict)
        campaign_id = d.pop("campaign_id")

        preview = CampaignPreviewOut.from_dict(d.pop("preview"))

        campaign_accepted_out = cls(
            campaign_id=campaign_id,
            preview=preview,
        )

        campaign_accepted_out.additional_properties = d
        return campaign_accepted_out

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
