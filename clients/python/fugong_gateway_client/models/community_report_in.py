from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CommunityReportIn")


@_attrs_define
class CommunityReportIn:
    """A community monitoring point's weekly report on the migrant workers on its register
    (登记在册 ⊇ 已返沪 ⊇ 在岗/求职中, and 隔离观察中 among those back); a later report for the same
    town and week replaces the earlier one.

        Attributes:
            town_code (str): 统计用区划代码 (first 9 digits) of a Shanghai street or town (街道/镇)
            week (str): ISO 8601 week, YYYY-Www, on the Shanghai calendar
            migrants_registered (int):
            returned_to_shanghai (int):
            employed (int):
            seeking_work (int):
            in_quarantine (int):
            note (None | str | Unset):
    """

    town_code: str
    week: str
    migrants_registered: int
    returned_to_shanghai: int
    employed: int
    seeking_work: int
    in_quarantine: int
    note: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        town_code = self.town_code

        week = self.week

        migrants_registered = self.migrants_registered

        returned_to_shanghai = self.returned_to_shanghai

        employed = self.employed

        seeking_work = self.seeking_work

        in_quarantine = self.in_quarantine

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "town_code": town_code,
                "week": week,
                "migrants_registered": migrants_registered,
                "returned_to_shanghai": returned_to_shanghai,
                "employed": employed,
                "seeking_work": seeking_work,
                "in_quarantine": in_quarantine,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        town_code = d.pop("town_code")

        week = d.pop("week")

        migrants_registered = d.pop("migrants_registered")

        returned_to_shanghai = d.pop("returned_to_shanghai")

        employed = d.pop("employed")

        seeking_work = d.pop("seeking_work")

        in_quarantine = d.pop("in_quarantine")

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        community_report_in = cls(
            town_code=town_code,
            week=week,
            migrants_registered=migrants_registered,
            returned_to_shanghai=returned_to_shanghai,
            employed=employed,
            seeking_work=seeking_work,
            in_quarantine=in_quarantine,
            note=note,
        )

        return community_report_in
