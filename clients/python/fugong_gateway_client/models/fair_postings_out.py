from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.fair_posting_out import FairPostingOut


T = TypeVar("T", bound="FairPostingsOut")


@_attrs_define
class FairPostingsOut:
    """A fair and the postings it shows now.

    Attributes:
        fair_id (str):
        title (str):
        starts_at (datetime.datetime):
        ends_at (datetime.datetime):
        theme (str):
        partner_regions (list[str]):
        organiser_district (None | str): None: the city bureau
        open_ (bool): whether registration and interest are taken now
        enterprises (int):
        postings (int):
        registrations (int):
        postings_shown (list[FairPostingOut]):
    """

    fair_id: str
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    theme: str
    partner_regions: list[str]
    organiser_district: None | str
    open_: bool
    enterprises: int
    postings: int
    registrations: int
    postings_shown: list[FairPostingOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        fair_id = self.fair_id

        title = self.title

        starts_at = self.starts_at.isoformat()

        ends_at = self.ends_at.isoformat()

        theme = self.theme

        partner_regions = self.partner_regions

        organiser_district: None | str
        organiser_district = self.organiser_district

        open_ = self.open_

        enterprises = self.enterprises

        postings = self.postings

        registrations = self.registrations

        postings_shown = []
        for postings_shown_item_data in self.postings_shown:
            postings_shown_item = postings_shown_item_data.to_dict()
            postings_shown.append(postings_shown_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "fair_id": fair_id,
                "title": title,
                "starts_at": starts_at,
                "ends_at": ends_at,
                "theme": theme,
                "partner_regions": partner_regions,
                "organiser_district": organiser_district,
                "open": open_,
                "enterprises": enterprises,
                "postings": postings,
                "registrations": registrations,
                "postings_shown": postings_shown,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.fair_posting_out import FairPostingOut  # noqa: PLC0415

        d = dict(src_dict)
        fair_id = d.pop("fair_id")

        title = d.pop("title")

        starts_at = datetime.datetime.fromisoformat(d.pop("starts_at"))

        ends_at = datetime.datetime.fromisoformat(d.pop("ends_at"))

        theme = d.pop("theme")

        partner_regions = cast(list[str], d.pop("partner_regions"))

        def _parse_organiser_district(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        organiser_district = _parse_organiser_district(d.pop("organiser_district"))

        open_ = d.pop("open")

        enterprises = d.pop("enterprises")

        postings = d.pop("postings")

        registrations = d.pop("registrations")

        postings_shown = []
        _postings_shown = d.pop("postings_shown")
        for postings_shown_item_data in _postings_shown:
            postings_shown_item = FairPostingOut.from_dict(postings_shown_item_data)

            postings_shown.append(postings_shown_item)

        fair_postings_out = cls(
            fair_id=fair_id,
            title=title,
            starts_at=starts_at,
            ends_at=ends_at,
            theme=theme,
            partner_regions=partner_regions,
            organiser_district=organiser_district,
            open_=open_,
            enterprises=enterprises,
            postings=postings,
            registrations=registrations,
            postings_shown=postings_shown,
        )

        fair_postings_out.additional_properties = d
        return fair_postings_out

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
