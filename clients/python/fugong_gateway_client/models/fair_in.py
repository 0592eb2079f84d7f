from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.fair_theme import FairTheme
from ..types import UNSET, Unset

T = TypeVar("T", bound="FairIn")


@_attrs_define
class FairIn:
    """A fair your bureau organises: online only, within a window (Asia/Shanghai).

    Attributes:
        title (str):
        starts_at (datetime.datetime): opens (Asia/Shanghai, e.g. +08:00)
        ends_at (datetime.datetime): closes; registrations and interest stop then
        theme (FairTheme):
        partner_regions (list[str] | Unset): partner regions whose job seekers are invited
    """

    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    theme: FairTheme
    partner_regions: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        starts_at = self.starts_at.isoformat()

        ends_at = self.ends_at.isoformat()

        theme = self.theme.value

        partner_regions: list[str] | Unset = UNSET
        if not isinstance(self.partner_regions, Unset):
            partner_regions = self.partner_regions

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "title": title,
                "starts_at": starts_at,
                "ends_at": ends_at,
                "theme": theme,
            }
        )
        if partner_regions is not UNSET:
            field_dict["partner_regions"] = partner_regions

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        title = d.pop("title")

        starts_at = datetime.datetime.fromisoformat(d.pop("starts_at"))

        ends_at = datetime.datetime.fromisoformat(d.pop("ends_at"))

        theme = FairTheme(d.pop("theme"))

        partner_regions = cast(list[str], d.pop("partner_regions", UNSET))

        fair_in = cls(
            title=title,
            starts_at=starts_at,
            ends_at=ends_at,
            theme=theme,
            partner_regions=partner_regions,
        )

        return fair_in
