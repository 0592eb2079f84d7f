from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.campaign_template import CampaignTemplate
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.audience_in import AudienceIn
    from ..models.campaign_in_values import CampaignInValues


T = TypeVar("T", bound="CampaignIn")


@_attrs_define
class CampaignIn:
    """A notice to the roster, or to the departments and sites named (all: none named).

    Attributes:
        template (CampaignTemplate):
        values (CampaignInValues): a value for each of the template's placeholders but the links
        audience (AudienceIn | Unset): Members of these departments and/or sites; none named: the whole roster.
        send_at (datetime.datetime | None | Unset): not before this time (quiet hours 21:00–08:00 Shanghai still apply)
    """

    template: CampaignTemplate
    values: CampaignInValues
    audience: AudienceIn | Unset = UNSET
    send_at: datetime.datetime | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        template = self.template.value

        values = self.values.to_dict()

        audience: dict[str, Any] | Unset = UNSET
        if not isinstance(self.audience, Unset):
            audience = self.audience.to_dict()

        send_at: None | str | Unset
        if isinstance(self.send_at, Unset):
            send_at = UNSET
        elif isinstance(self.send_at, datetime.datetime):
            send_at = self.send_at.isoformat()
        else:
            send_at = self.send_at

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "template": template,
                "values": values,
            }
        )
        if audience is not UNSET:
            field_dict["audience"] = audience
        if send_at is not UNSET:
            field_dict["send_at"] = send_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audience_in import AudienceIn  # noqa: PLC0415
        from ..models.campaign_in_values import CampaignInValues  # noqa: PLC0415

        d = dict(src_dict)
        template = CampaignTemplate(d.pop("template"))

        values = CampaignInValues.from_dict(d.pop("values"))

        _audience = d.pop("audience", UNSET)
        audience: AudienceIn | Unset
        if isinstance(_audience, Unset):
            audience = UNSET
        else:
            audience = AudienceIn.from_dict(_audience)

        def _parse_send_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                send_at_type_0 = datetime.datetime.fromisoformat(data)

                return send_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        send_at = _parse_send_at(d.pop("send_at", UNSET))

        campaign_in = cls(
            template=template,
            values=values,
            audience=audience,
            send_at=send_at,
        )

        return campaign_in
